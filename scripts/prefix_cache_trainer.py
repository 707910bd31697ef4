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
adapter_config.json), with its call to `train` replaced by `train_loop` below: mlx-lm 0.32.2's
`tuner.trainer.train`, statement for statement, over a model whose bottom layers are pass-throughs
and whose input is the cached hidden state. Checkpoints, log lines and file names are mlx-lm's.

What it adds: beside each checkpoint, `resume/NNNNNNN_state.{json,safetensors}` holds the optimizer
state, the iteration, the numpy and mlx RNG states, the data order's position and the running report
sums, so `train --resume` continues exactly where the last checkpoint left off.

It refuses (exit 2, one line per reason) what it cannot reproduce exactly; it never falls back.
"""

import argparse
import hashlib
import inspect
import json
import os
import sys
import time
import types
from functools import partial
from importlib.metadata import version
from pathlib import Path

os.environ.setdefault("TOKENIZERS_PARALLELISM", "true")

FORMAT = 1
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


class Refused(Exception):
    """A setting the trainer cannot reproduce exactly; printed as `prefix-cache: refused: ...`, exit 2."""


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


def sha256_file(path, chunk=1 << 20):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while True:
            block = f.read(chunk)
            if not block:
                return h.hexdigest()
            h.update(block)


def cache_identity(args, model_path, model_config):
    files = {p.name: sha256_file(p) for p in sorted(Path(model_path).iterdir()) if p.is_file()}
    data = {}
    for split in ("train", "valid"):
        p = Path(args.data) / f"{split}.jsonl"
        data[split] = sha256_file(p) if p.exists() else None
    keys = ["batch_size", "max_seq_length", "mask_prompt", "num_layers"]
    keys += [k for k in ("prompt_feature", "completion_feature", "text_feature", "chat_feature") if hasattr(args, k)]
    identity = {
        "format": FORMAT,
        "model_files": files,
        "data_files": data,
        "settings": {k: getattr(args, k) for k in keys},
        "first_cached_layer_excluded": model_config["num_hidden_layers"] - args.num_layers,
        "versions": {lib: version(lib) for lib in ("mlx", "mlx-lm", "transformers", "tokenizers")},
    }
    return identity, hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()


def batch_key(batch):
    """sha256 of one padded batch of token ids (shape, dtype, bytes): the key of its cached hidden state."""
    import numpy as np

    arr = np.array(batch)
    h = hashlib.sha256(f"{arr.shape}|{arr.dtype}|".encode())
    h.update(arr.tobytes())
    return h.hexdigest()


def batches_in_index_order(dataset, args):
    """Every batch of a split as mlx-lm's own iterate_batches forms it, listed by batch index.

    iterate_batches yields its fixed batches in a numpy permutation; drawing the same permutation from
    a copy of the RNG state tells which index each yielded batch has. The global RNG is restored after.
    """
    import numpy as np
    from mlx_lm.tuner.trainer import iterate_batches

    saved = np.random.get_state()
    n = (len(dataset) - args.batch_size) // args.batch_size + 1
    perm = np.random.permutation(n)
    np.random.set_state(saved)
    out = [None] * n
    for j, batch in enumerate(iterate_batches(dataset, args.batch_size, args.max_seq_length, loop=False)):
        out[int(perm[j])] = batch
    np.random.set_state(saved)
    assert all(b is not None for b in out)
    return out


def load_everything(args):
    """Model, tokenizer and the CacheDataset-wrapped splits, loaded exactly as mlx_lm.lora.run does."""
    from mlx_lm.tuner.datasets import CacheDataset, load_dataset
    from mlx_lm.utils import _download, load

    model_path = _download(args.model)
    model, tokenizer = load(
        args.model,
        tokenizer_config={"trust_remote_code": args.trust_remote_code},
        trust_remote_code=args.trust_remote_code,
    )
    train_set, valid_set, _ = load_dataset(args, tokenizer)
    return model_path, model, CacheDataset(train_set), CacheDataset(valid_set) if len(valid_set) else None


def bottom_forward(model, first_adapted, inputs):
    """The hidden state entering layer `first_adapted`: the models' own __call__ up to that layer."""
    from mlx_lm.models.base import create_attention_mask

    inner = model.model
    h = inner.embed_tokens(inputs)
    mask = create_attention_mask(h, None)
    for layer in inner.layers[:first_adapted]:
        h = layer(h, mask, None)
    return h


def write_atomic(path, data):
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def build(cache_dir, args):
    import mlx.core as mx

    model_path, model, train_ds, valid_ds = load_everything(args)
    cfg = json.loads((Path(model_path) / "config.json").read_text())
    reasons = refusals(args, cfg)
    if reasons:
        raise Refused("; ".join(reasons))
    identity, identity_hash = cache_identity(args, model_path, cfg)
    cache_dir.mkdir(parents=True, exist_ok=True)
    entries_dir = cache_dir / "entries"
    entries_dir.mkdir(exist_ok=True)
    manifest_path = cache_dir / "manifest.json"
    if manifest_path.exists():
        old = json.loads(manifest_path.read_text())
        if old.get("identity_hash") == identity_hash and old.get("complete"):
            print(f"prefix-cache: up to date: {cache_dir} ({old['bytes']} bytes)", flush=True)
            return 0
        manifest_path.unlink()  # another study's inputs: rebuild (entries are keyed by content, reusable)
    first = cfg["num_hidden_layers"] - args.num_layers
    model.eval()
    t0 = time.perf_counter()
    splits, total_bytes, computed, reused = {}, 0, 0, 0
    for split, ds in (("train", train_ds), ("valid", valid_ds)):
        rows = []
        for batch, _lengths in batches_in_index_order(ds, args) if ds is not None else []:
            key = batch_key(batch)
            file = entries_dir / f"{key}.safetensors"
            sidecar = entries_dir / f"{key}.sha256"
            if file.exists() and sidecar.exists() and sha256_file(file) == sidecar.read_text().strip():
                reused += 1
            else:
                hidden = bottom_forward(model, first, batch[:, :-1])
                mx.eval(hidden)
                tmp = entries_dir / f".{key}.tmp-{os.getpid()}.safetensors"
                mx.save_safetensors(str(tmp), {"hidden": hidden})
                os.replace(tmp, file)
                write_atomic(sidecar, sha256_file(file).encode())
                computed += 1
            print(f"prefix-cache: {split} batch {len(rows) + 1} ready", flush=True)  # progress for the stall watchdog
            digest = sidecar.read_text().strip()
            size = file.stat().st_size
            total_bytes += size
            rows.append({"key": key, "sha256": digest, "bytes": size})
        splits[split] = rows
    manifest = {
        "format": FORMAT, "complete": True, "identity_hash": identity_hash, "identity": identity,
        "first_adapted_layer": first, "hidden_size": cfg["hidden_size"], "splits": splits, "bytes": total_bytes,
        "batches": {k: len(v) for k, v in splits.items()}, "build_seconds": round(time.perf_counter() - t0, 3),
    }
    write_atomic(manifest_path, (json.dumps(manifest, indent=1) + "\n").encode())
    print(f"prefix-cache: built {cache_dir}: {computed} batches computed, {reused} reused, {total_bytes} bytes, "
          f"{manifest['build_seconds']}s", flush=True)
    return 0


class HiddenStore:
    """The verified cache: batch key -> hidden state, read from disk on first use of each batch."""

    def __init__(self, cache_dir, args, model_path, cfg, datasets):
        manifest_path = cache_dir / "manifest.json"
        if not manifest_path.exists():
            raise Refused(f"no complete activation cache at {cache_dir}; run `build` first")
        manifest = json.loads(manifest_path.read_text())
        _, identity_hash = cache_identity(args, model_path, cfg)
        if not manifest.get("complete") or manifest.get("identity_hash") != identity_hash:
            raise Refused(f"the activation cache at {cache_dir} was built for other inputs; rebuild it")
        self.dir = cache_dir / "entries"
        self.sha = {}
        for split, ds in datasets.items():
            want = [r["key"] for r in manifest["splits"].get(split, [])]
            have = [batch_key(b) for b, _ in batches_in_index_order(ds, args)] if ds is not None else []
            if want != have:
                raise Refused(f"the activation cache's {split} batches differ from the data's; rebuild it")
            for r in manifest["splits"][split]:
                self.sha[r["key"]] = r["sha256"]
        for key, digest in self.sha.items():  # verified by hash before any use
            if sha256_file(self.dir / f"{key}.safetensors") != digest:
                raise Refused(f"activation cache entry {key} fails its sha256 check; rebuild the cache")
        self.loaded = {}
        # Small caches stay in memory after first use; larger ones are read from disk at every use.
        limit = int(os.environ.get("SEEDSTUDY_PREFIX_CACHE_MEMORY_BYTES", str(2 * 10**9)))
        self.keep = manifest["bytes"] <= limit

    def hidden(self, batch):
        import mlx.core as mx

        key = batch_key(batch)
        if key in self.loaded:
            return self.loaded[key]
        value = mx.load(str(self.dir / f"{key}.safetensors"))["hidden"]
        if self.keep:
            self.loaded[key] = value
        return value


# ---------------------------------------------------------------------------------------------------
# The loop: mlx_lm 0.32.2 tuner/trainer.py `train`, with the batch carrying its cached hidden state and
# with exact resume. Lines differing from mlx-lm are marked `# prefix-cache`.


class BatchOrder:
    """iterate_batches' order: one np.random.permutation per epoch, drawn when the epoch's first batch is
    asked for. Holds the rest of the current epoch so a resume can continue it."""

    def __init__(self, batches, store, loop, pending=None):
        self.batches, self.store, self.loop = batches, store, loop
        self.pending = list(pending) if pending is not None else []
        self.started = pending is not None and len(pending) > 0

    def __iter__(self):
        import numpy as np

        while True:
            if not self.pending:
                if self.started and not self.loop:
                    return
                self.pending = [int(i) for i in np.random.permutation(len(self.batches))]
                self.started = True
            i = self.pending.pop(0)
            batch, lengths = self.batches[i]
            yield self.store.hidden(batch), batch, lengths
            if not self.pending and not self.loop:
                return


def cached_loss(model, hidden, batch, lengths):
    """mlx-lm's default_loss with `model(inputs)` fed the cached hidden state of `inputs`."""
    import mlx.core as mx
    import mlx.nn as nn

    inputs = batch[:, :-1]
    targets = batch[:, 1:]

    logits = model(inputs, input_embeddings=hidden)  # prefix-cache

    steps = mx.arange(1, targets.shape[1] + 1)
    mask = mx.logical_and(steps >= lengths[:, 0:1], steps <= lengths[:, 1:])

    ce = nn.losses.cross_entropy(logits, targets) * mask
    ntoks = mask.sum()
    ce = ce.astype(mx.float32).sum() / ntoks

    return ce, ntoks


def pass_through():
    """A parameterless module that stands in for a frozen bottom layer: its output is already in the cache."""
    import mlx.nn as nn

    class PassThrough(nn.Module):
        def __call__(self, h, mask=None, cache=None):
            return h

    return PassThrough()


def resume_paths(adapter_dir, it):
    d = Path(adapter_dir) / "resume"
    return d / f"{it:07d}_state.json", d / f"{it:07d}_state.safetensors"


def save_resume(adapter_file, it, checkpoint, optimizer, grad_accum, sums, order, args_hash):
    """Everything an exact continuation after iteration `it` needs, written after the checkpoint."""
    import mlx.core as mx
    import numpy as np
    from mlx.utils import tree_flatten

    meta_path, arrays_path = resume_paths(Path(adapter_file).parent, it)
    meta_path.parent.mkdir(exist_ok=True)
    arrays = {f"optimizer.{k}": v for k, v in tree_flatten(optimizer.state)}
    if grad_accum is not None:
        arrays.update({f"grad_accum.{k}": v for k, v in tree_flatten(grad_accum)})
    arrays["mx_random_key"] = mx.random.state[0]
    arrays["report.losses"] = mx.array(sums["losses"])
    arrays["report.n_tokens"] = mx.array(sums["n_tokens"])
    tmp = arrays_path.with_name(f".{arrays_path.name}.tmp-{os.getpid()}.safetensors")
    mx.save_safetensors(str(tmp), arrays)
    os.replace(tmp, arrays_path)
    name, keys, pos, has_gauss, cached = np.random.get_state()
    meta = {
        "format": FORMAT, "iteration": it, "args_hash": args_hash,
        "checkpoint": checkpoint.name, "checkpoint_sha256": sha256_file(checkpoint),
        "arrays_sha256": sha256_file(arrays_path),
        "numpy_state": [name, [int(k) for k in keys], int(pos), int(has_gauss), float(cached)],
        "pending": order.pending, "has_grad_accum": grad_accum is not None,
        "steps": sums["steps"], "trained_tokens": sums["trained_tokens"],
        "losses_is_array": sums["losses_is_array"], "n_tokens_is_array": sums["n_tokens_is_array"],
    }
    write_atomic(meta_path, (json.dumps(meta) + "\n").encode())
    # Only the newest state is ever resumed from; the one before it stays in case this one is damaged.
    for old in sorted(meta_path.parent.glob("*_state.json"))[:-2]:
        old.with_suffix(".safetensors").unlink(missing_ok=True)
        old.unlink(missing_ok=True)


def latest_resume(adapter_dir, args_hash):
    """The newest complete, hash-verified resume state for these arguments, or None."""
    d = Path(adapter_dir) / "resume"
    if not d.is_dir():
        return None
    for meta_path in sorted(d.glob("*_state.json"), reverse=True):
        try:
            meta = json.loads(meta_path.read_text())
        except ValueError:
            continue
        arrays_path = meta_path.with_suffix(".safetensors")
        checkpoint = Path(adapter_dir) / meta["checkpoint"]
        if (meta.get("args_hash") == args_hash and arrays_path.exists() and checkpoint.exists()
                and sha256_file(arrays_path) == meta["arrays_sha256"]
                and sha256_file(checkpoint) == meta["checkpoint_sha256"]):
            return meta, arrays_path, checkpoint
        print(f"prefix-cache: ignoring resume state {meta_path.name} (incomplete or for other arguments)", flush=True)
    return None


def restore(meta, arrays_path, checkpoint, model, optimizer):
    import mlx.core as mx
    import numpy as np
    from mlx.utils import tree_unflatten

    model.load_weights(str(checkpoint), strict=False)
    arrays = mx.load(str(arrays_path))
    optimizer.init(model.trainable_parameters())
    saved = tree_unflatten([(k[len("optimizer."):], v) for k, v in arrays.items() if k.startswith("optimizer.")])
    fill_in_place(optimizer.state, saved)
    hi, lo = (int(v) for v in arrays["mx_random_key"].tolist())
    mx.random.seed((hi << 32) | lo)  # mx.random.key(seed) is [seed >> 32, seed & 0xffffffff]: the saved key
    if mx.random.state[0].tolist() != [hi, lo]:
        raise RuntimeError("could not restore the mlx random key")
    name, keys, pos, has_gauss, cached = meta["numpy_state"]
    np.random.set_state((name, np.array(keys, dtype=np.uint32), pos, has_gauss, cached))
    grad_accum = None
    if meta["has_grad_accum"]:
        from mlx.utils import tree_map_with_path

        # The same tree as the step's gradients (trainable_parameters, with empty dicts kept).
        grad_accum = tree_map_with_path(lambda path, _: arrays[f"grad_accum.{path}"], model.trainable_parameters())
    losses = arrays["report.losses"] if meta["losses_is_array"] else arrays["report.losses"].item()
    n_tokens = arrays["report.n_tokens"] if meta["n_tokens_is_array"] else arrays["report.n_tokens"].item()
    return grad_accum, losses, n_tokens


def fill_in_place(target, source):
    """Copy a saved tree into the optimizer's own state dict without replacing the dict objects."""
    if isinstance(source, dict):
        for k, v in source.items():
            if isinstance(v, (dict, list)) and k in target:
                fill_in_place(target[k], v)
            else:
                target[k] = v
    elif isinstance(source, list):
        for i, v in enumerate(source):
            if isinstance(v, (dict, list)) and i < len(target):
                fill_in_place(target[i], v)
            else:
                target[i] = v


def make_train_loop(store, datasets_batches, resume, args_hash):
    """The function mlx_lm.lora.train_model calls in place of mlx_lm.tuner.trainer.train."""

    def train_loop(model, optimizer, train_dataset, val_dataset=None, args=None, loss=None,
                   iterate_batches=None, training_callback=None):
        import mlx.core as mx
        import mlx.nn as nn
        from mlx.nn.utils import average_gradients
        from mlx.utils import tree_flatten, tree_map
        from mlx_lm.cli_ui import TrainUI
        from mlx_lm.tuner.trainer import TrainingArgs, _clear_cache, evaluate
        from mlx_lm.utils import maybe_set_recommended_wired_limit

        args = args or TrainingArgs()
        loss = cached_loss  # prefix-cache
        first = store.first_adapted  # prefix-cache: the frozen bottom becomes pass-throughs
        for i in range(first):
            model.model.layers[i] = pass_through()

        _ = maybe_set_recommended_wired_limit()
        world = mx.distributed.init()
        world_size = world.size()
        rank = world.rank()
        if world_size != 1:  # prefix-cache
            raise Refused("distributed training is not supported")

        loss_value_and_grad = nn.value_and_grad(model, loss)

        grad_accum_steps = args.grad_accumulation_steps
        if grad_accum_steps < 1:
            raise ValueError("grad_accumulation_steps must be at least 1")

        # prefix-cache: restore an exact continuation before the compiled step captures the state
        start, grad_accum, losses, n_tokens, steps, trained_tokens = 1, None, 0, 0, 0, 0
        train_order = BatchOrder(datasets_batches["train"], store, loop=True)
        found = latest_resume(Path(args.adapter_file).parent, args_hash) if resume else None
        if found:
            meta, arrays_path, checkpoint = found
            grad_accum, losses, n_tokens = restore(meta, arrays_path, checkpoint, model, optimizer)
            start, steps, trained_tokens = meta["iteration"] + 1, meta["steps"], meta["trained_tokens"]
            train_order = BatchOrder(datasets_batches["train"], store, loop=True, pending=meta["pending"])
            print(f"prefix-cache: resuming after iteration {meta['iteration']} from {checkpoint.name}", flush=True)

        def batches_for(dataset, batch_size, max_seq_length, loop=False, seed=None, comm_group=None):  # prefix-cache
            return iter(BatchOrder(datasets_batches["valid"], store, loop=loop))

        state = [model.state, optimizer.state, mx.random.state]

        @partial(mx.compile, inputs=state, outputs=state)
        def step(batch, prev_grad, do_update):
            (lvalue, toks), grad = loss_value_and_grad(model, *batch)

            if prev_grad is not None:
                grad = tree_map(lambda x, y: x + y, grad, prev_grad)

            if do_update:
                grad = average_gradients(grad)
                if grad_accum_steps > 1:
                    grad = tree_map(lambda x: x / grad_accum_steps, grad)
                optimizer.update(model, grad)
                grad = None

            return lvalue, toks, grad

        model.train()
        train_time = 0
        kill_at = int(os.environ.get("SEEDSTUDY_TEST_SIGKILL_AT_ITER", "0"))  # prefix-cache

        ui = TrainUI(args.iters, rank=rank)
        with ui:
            for _ in range(start - 1):  # prefix-cache: the progress bar continues
                ui.advance()
            # Main training loop
            for it, batch in zip(range(start, args.iters + 1), iter(train_order)):
                tic = time.perf_counter()
                if val_dataset and (it == 1 or it % args.steps_per_eval == 0 or it == args.iters):
                    if args.val_batches == -1:
                        val_total = len(val_dataset) // args.batch_size
                    else:
                        val_total = min(len(val_dataset) // args.batch_size, args.val_batches)

                    tic = time.perf_counter()
                    with ui.val_task(val_total) as advance_val:
                        val_loss = evaluate(
                            model=model,
                            dataset=val_dataset,
                            loss=loss,
                            batch_size=args.batch_size,
                            num_batches=args.val_batches,
                            max_seq_length=args.max_seq_length,
                            iterate_batches=batches_for,
                            progress_callback=advance_val,
                        )
                    model.train()
                    val_time = time.perf_counter() - tic
                    ui.report_val(it, val_loss, val_time)

                    if training_callback is not None:
                        training_callback.on_val_loss_report(
                            {"iteration": it - 1, "val_loss": val_loss, "val_time": val_time}
                        )

                    tic = time.perf_counter()

                lvalue, toks, grad_accum = step(batch, grad_accum, it % grad_accum_steps == 0)

                losses += lvalue
                n_tokens += toks
                steps += 1
                mx.eval(state, losses, n_tokens, grad_accum)
                _clear_cache(args.clear_cache_threshold)
                train_time += time.perf_counter() - tic

                ui.advance()
                if kill_at == it:  # prefix-cache: tests' kill -9 mid-run
                    os.kill(os.getpid(), 9)

                # Report training loss if needed
                if it % args.steps_per_report == 0 or it == args.iters:
                    train_loss = mx.distributed.all_sum(losses, stream=mx.cpu).item()
                    train_loss /= steps * world_size
                    n_tokens = mx.distributed.all_sum(n_tokens, stream=mx.cpu).item()
                    learning_rate = optimizer.learning_rate.item()
                    it_sec = args.steps_per_report / train_time
                    tokens_sec = float(n_tokens) / train_time
                    trained_tokens += n_tokens
                    peak_mem = mx.get_peak_memory() / 1e9
                    ui.report_train(it, train_loss, tokens_sec, trained_tokens)

                    if training_callback is not None:
                        training_callback.on_train_loss_report(
                            {
                                "iteration": it,
                                "train_loss": train_loss,
                                "learning_rate": learning_rate,
                                "iterations_per_second": it_sec,
                                "tokens_per_second": tokens_sec,
                                "trained_tokens": trained_tokens,
                                "peak_memory": peak_mem,
                            }
                        )

                    losses = 0
                    n_tokens = 0
                    steps = 0
                    train_time = 0

                # Save adapter weights
                if it % args.steps_per_save == 0 and rank == 0:
                    adapter_weights = dict(tree_flatten(model.trainable_parameters()))
                    mx.save_safetensors(str(args.adapter_file), adapter_weights)
                    checkpoint = Path(args.adapter_file).parent / f"{it:07d}_adapters.safetensors"
                    mx.save_safetensors(str(checkpoint), adapter_weights)
                    sums = {  # prefix-cache
                        "losses": losses, "n_tokens": n_tokens, "steps": steps, "trained_tokens": trained_tokens,
                        "losses_is_array": isinstance(losses, mx.array),
                        "n_tokens_is_array": isinstance(n_tokens, mx.array),
                    }
                    save_resume(args.adapter_file, it, checkpoint, optimizer, grad_accum, sums, train_order,
                                args_hash)
                    ui.report_save(checkpoint)

        # Save final weights
        if rank == 0:
            adapter_weights = dict(tree_flatten(model.trainable_parameters()))
            mx.save_safetensors(str(args.adapter_file), adapter_weights)

    return train_loop


def train(cache_dir, resume, argv):
    from mlx_lm import lora

    args = lora_args(argv)
    from mlx_lm.utils import _download

    model_path = _download(args.model)
    cfg = json.loads((Path(model_path) / "config.json").read_text())
    reasons = refusals(args, cfg)
    if reasons:
        raise Refused("; ".join(reasons))
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
            return build(Path(ours.cache), lora_args(rest))
        if ours.command == "check":
            return 0
        return train(Path(ours.cache), ours.resume, rest)
    except Refused as refused:
        print(f"prefix-cache: refused: {refused}", file=sys.stderr, flush=True)
        return EXIT_REFUSED


if __name__ == "__main__":
    sys.exit(main())
