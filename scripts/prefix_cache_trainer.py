"""seedstudy's prefix-cache trainer: `mlx_lm lora` with the frozen lower layers read from a cache.

Usage:
  python scripts/prefix_cache_trainer.py build --cache DIR  <mlx_lm lora args, e.g. --config lora.yaml>
  python scripts/prefix_cache_trainer.py train --cache DIR [--resume]  <mlx_lm lora args>

Why it exists: with LoRA on the top N of L layers, the L-N layers below see the same batches in every
seed and every epoch (mlx_lm lora's batches are fixed chunks of the data; the seed only orders them),
and they carry no adapter. `build` computes, once per study, the hidden state entering the first
adapted layer for every training and validation batch, formed by mlx-lm's own `iterate_batches`, and
stores it on disk keyed by the sha256 of the batch's tokens. `train` then runs `mlx_lm.lora`'s own
`main()` (argument and YAML handling, numpy and mlx seeding, LoRA conversion, optimizer and schedule,
adapter_config.json), with its call to `train` replaced by the loop in prefix_cache/loop.py: mlx-lm 0.32.2's
`tuner.trainer.train`, statement for statement, over a model whose bottom layers are pass-throughs
and whose input is the cached hidden state. Checkpoints, log lines and file names are mlx-lm's.

What it adds: beside each checkpoint, `resume/NNNNNNN_state.{json,safetensors}` holds the optimizer
state, the iteration, the numpy and mlx RNG states, the data order's position and the running report
sums, so `train --resume` continues exactly where the last checkpoint left off.

It refuses (exit 2, one line per reason) what it cannot reproduce exactly; it never falls back.

Modules (scripts/prefix_cache/): cache.py (identity, batches, build, the verified store), loop.py (the
training loop), resume.py (the saved state), common.py. This file: versions, arguments, refusals, entry.
"""

import argparse
import hashlib
import inspect
import json
import os
import sys
import types
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from prefix_cache.cache import HiddenStore, batches_in_index_order, build  # noqa: E402
from prefix_cache.common import Refused  # noqa: E402
from prefix_cache.loop import make_train_loop  # noqa: E402

os.environ.setdefault("TOKENIZERS_PARALLELISM", "true")

# The mlx-lm release whose trainer `train_loop` was copied from and verified against (the equivalence
# test in the project's CI), with the sha256 of the source of every function whose behaviour it relies on.
VERIFIED_MLX_LM = "0.32.2"
VERIFIED_SOURCES = {
    "mlx_lm.tuner.trainer.train": "7e3082c746372475cdb9dd65ac5ac2d65f63f232a93cea86cffbb913a7631d6c",
    "mlx_lm.tuner.trainer.iterate_batches": "8a758ab8660880c5b5debd3ff3f4026d17f112233cb437c077f9d90446810d87",
    "mlx_lm.tuner.trainer.evaluate": "eb13e2510a1572d8bdb738b77b96265bc80edb8f0c0cfbb2c37eeed85aa4766f",
    "mlx_lm.tuner.trainer.default_loss": "57a73ea5a993ca52fe02282aed1cf8643b0e91ca1c66a1afc54de4ce639dda8c",
    "mlx_lm.lora.train_model": "02fd968c75657b78e203e82f99b6754613e9487a8bc8fdb7e655d5ce05fcb8d8",
    "mlx_lm.lora.run": "bbfa7fa2e9e08a19d18a36338d0b57fdb6abaeaf0013715652b34f2bd3e097f6",
    "mlx_lm.lora.main": "410a9f2076d76287ff19f11745b78632df2a931e053583c9c6a3a3320cbb6687",
}
SUPPORTED_MODEL_TYPES = ("qwen3", "qwen3_moe")
EXIT_REFUSED = 2


def source_digest(dotted):
    module_name, _, attr = dotted.rpartition(".")
    module = sys.modules.get(module_name) or __import__(module_name, fromlist=[attr])
    return hashlib.sha256(inspect.getsource(getattr(module, attr)).encode()).hexdigest()


def check_versions():
    have = version("mlx-lm")
    if have != VERIFIED_MLX_LM:
        raise Refused(f"mlx-lm {have} is installed; the prefix-cache trainer is verified against {VERIFIED_MLX_LM} only")
    changed = [name for name, want in VERIFIED_SOURCES.items() if want and source_digest(name) != want]
    if changed:
        raise Refused(f"mlx-lm {have} differs from the verified source in: {', '.join(changed)}")


# ---------------------------------------------------------------------------------------------------
# Arguments: exactly mlx_lm.lora.main's merge (CLI beats YAML beats CONFIG_DEFAULTS).


def lora_args(argv):
    import yaml
    from mlx_lm import lora

    args = vars(lora.build_parser().parse_args(argv))
    config = args["config"]
    if config:
        with open(config, "r") as file:
            loaded = yaml.load(file, lora.yaml_loader)
        for k, v in loaded.items():
            if args.get(k, None) is None:
                args[k] = v
    for k, v in lora.CONFIG_DEFAULTS.items():
        if args.get(k, None) is None:
            args[k] = v
    return types.SimpleNamespace(**args)


def refusals(args, model_config):
    """Every reason this run cannot be reproduced exactly over a cache; empty when it can."""
    reasons = []
    n_layers = model_config.get("num_hidden_layers")
    if model_config.get("model_type") not in SUPPORTED_MODEL_TYPES:
        reasons.append(f"model_type {model_config.get('model_type')!r} is not one of {', '.join(SUPPORTED_MODEL_TYPES)}")
    if args.fine_tune_type != "lora":
        reasons.append(f"fine_tune_type {args.fine_tune_type!r}: only 'lora' is supported")
    if args.num_layers < 0 or (n_layers is not None and args.num_layers >= n_layers):
        reasons.append("num_layers covers every layer, so there is no frozen bottom to cache")
    if args.num_layers == 0:
        reasons.append("num_layers 0 trains nothing")
    if args.grad_checkpoint:
        reasons.append("grad_checkpoint is not supported")
    if getattr(args, "hf_dataset", None):
        reasons.append("hf_dataset is not supported; use a local data directory")
    if args.test:
        reasons.append("test: the test pass after training would run on the truncated model; evaluate checkpoints instead")
    if args.resume_adapter_file:
        reasons.append("resume_adapter_file is not supported; the trainer resumes exactly with --resume")
    return reasons


# ---------------------------------------------------------------------------------------------------
# Identity of a cache: everything that changes the hidden states or the batches.


def checked_args(argv):
    """mlx_lm lora's arguments, refused (exit 2) where the trainer cannot be exact."""
    from mlx_lm.utils import _download

    args = lora_args(argv)
    model_path = _download(args.model)
    cfg = json.loads((Path(model_path) / "config.json").read_text())
    reasons = refusals(args, cfg)
    if reasons:
        raise Refused("; ".join(reasons))
    return args, model_path, cfg


def train(cache_dir, resume, argv):
    from mlx_lm import lora

    args, model_path, cfg = checked_args(argv)
    args_hash = hashlib.sha256(json.dumps(vars(args), sort_keys=True, default=str).encode()).hexdigest()
    holder = {}
    real_train_model = lora.train_model

    def train_model(largs, model, train_set, valid_set, training_callback=None):
        from mlx_lm.tuner.datasets import CacheDataset

        train_ds = CacheDataset(train_set)
        valid_ds = CacheDataset(valid_set) if len(valid_set) else None
        store = HiddenStore(cache_dir, largs, model_path, cfg, {"train": train_ds, "valid": valid_ds})
        store.first_adapted = cfg["num_hidden_layers"] - largs.num_layers
        batches = {"train": batches_in_index_order(train_ds, largs),
                   "valid": batches_in_index_order(valid_ds, largs) if valid_ds is not None else []}
        holder["loop"] = make_train_loop(store, batches, resume, args_hash)
        return real_train_model(largs, model, train_set, valid_set, training_callback)

    lora.train_model = train_model
    lora.train = lambda **kw: holder["loop"](**kw)
    sys.argv = ["mlx_lm.lora", *argv]
    lora.main()
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("command", choices=["build", "train", "check"])
    ap.add_argument("--cache", required=True, help="the activation cache directory")
    ap.add_argument("--resume", action="store_true", help="continue from the newest resume state, if any")
    ours, rest = ap.parse_known_args()
    try:
        check_versions()
        if ours.command == "build":
            return build(Path(ours.cache), checked_args(rest)[0])
        if ours.command == "check":
            return 0
        return train(Path(ours.cache), ours.resume, rest)
    except Refused as refused:
        print(f"prefix-cache: refused: {refused}", file=sys.stderr, flush=True)
        return EXIT_REFUSED


if __name__ == "__main__":
    sys.exit(main())
