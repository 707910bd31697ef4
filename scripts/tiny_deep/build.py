"""Build a deeper tiny model from the tiny model's tokenizer and data: for prefix-cache tests and benches.

Usage: python scripts/tiny_deep/build.py --base DIR --out DIR [--layers 8] [--hidden 64] [--ffn 192] [--force]

`--base` is a directory built by scripts/tiny_model/build.py (its model/ tokenizer files and data/ are
copied). The model is a float32 qwen3 with `--layers` decoder layers, randomly initialised with a fixed
seed and not pre-trained: the prefix-cache trainer's equivalence with `mlx_lm lora` is a property of the
computation, not of what the model knows, and a deep model has to exist for the frozen bottom to matter.

It lives outside scripts/tiny_model/ on purpose: that directory's sources are hashed into the tiny
models' build hash, and a new file there would force every checkout to rebuild them.

Deterministic and offline. Returns at once when build-info.json carries the same build hash; one
builder per output directory at a time (an OS file lock, dropped if the builder dies).
"""

import argparse
import fcntl
import hashlib
import json
import os
import shutil
import sys
from importlib.metadata import version
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
SEED = 4321
LIBS = ["mlx", "mlx-lm", "numpy"]
COPIED = ["model/tokenizer.json", "model/tokenizer_config.json", "data/train.jsonl", "data/valid.jsonl",
          "data/test.jsonl", "suite.yaml"]


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def build_hash(base, shape):
    h = hashlib.sha256(json.dumps(shape, sort_keys=True).encode())
    h.update(Path(__file__).read_bytes())
    for name in COPIED:
        h.update(f"{name}\0{sha256(base / name)}\n".encode())
    for lib in LIBS:
        h.update(f"{lib}=={version(lib)}\n".encode())
    return h.hexdigest()


def up_to_date(out, expected):
    try:
        info = json.loads((out / "build-info.json").read_text())
    except (OSError, ValueError):
        return False
    return info.get("build_hash") == expected and (out / "model" / "model.safetensors").exists()


def build(tmp, base, shape):
    import mlx.core as mx
    from mlx.utils import tree_flatten
    from mlx_lm.models import qwen3
    from mlx_lm.utils import load, save_config, save_model

    base_cfg = json.loads((base / "model" / "config.json").read_text())
    hidden, heads = shape["hidden"], 4
    config = {
        "model_type": "qwen3", "architectures": ["Qwen3ForCausalLM"], "hidden_size": hidden,
        "num_hidden_layers": shape["layers"], "intermediate_size": shape["ffn"], "num_attention_heads": heads,
        "num_key_value_heads": 2, "head_dim": hidden // heads, "rms_norm_eps": 1e-6,
        "vocab_size": base_cfg["vocab_size"], "max_position_embeddings": 512, "rope_theta": 10000.0,
        "tie_word_embeddings": True, "torch_dtype": "float32", "eos_token_id": base_cfg.get("eos_token_id"),
    }
    for name in COPIED:
        (tmp / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(base / name, tmp / name)
    mx.random.seed(SEED)
    model = qwen3.Model(qwen3.ModelArgs.from_dict(config))
    mx.eval(model.parameters())
    save_model(tmp / "model", model)
    save_config(config, tmp / "model" / "config.json")
    load(str(tmp / "model"))  # fail the build, not the caller, if mlx-lm rejects it
    return {"config": config, "parameters": sum(v.size for _, v in tree_flatten(model.parameters()))}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", required=True, help="a tiny model directory built by scripts/tiny_model/build.py")
    ap.add_argument("--out", required=True, help="output directory (created)")
    ap.add_argument("--layers", type=int, default=8)
    ap.add_argument("--hidden", type=int, default=64)
    ap.add_argument("--ffn", type=int, default=192)
    ap.add_argument("--force", action="store_true")
    args = ap.parse_args()
    base, out = Path(args.base).resolve(), Path(args.out).resolve()
    shape = {"layers": args.layers, "hidden": args.hidden, "ffn": args.ffn}
    expected = build_hash(base, shape)
    if not args.force and up_to_date(out, expected):
        print(f"deep tiny model up to date: {out}")
        return 0
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out.with_name(f"{out.name}.build-lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not args.force and up_to_date(out, expected):
            print(f"deep tiny model up to date (built concurrently): {out}")
            return 0
        for stale in out.parent.glob(f"{out.name}.tmp-*"):
            shutil.rmtree(stale, ignore_errors=True)
        tmp = out.with_name(f"{out.name}.tmp-{os.getpid()}")
        try:
            tmp.mkdir()
            info = {"build_hash": expected, "seed": SEED, "shape": shape, **build(tmp, base, shape),
                    "versions": {lib: version(lib) for lib in LIBS}}
            (tmp / "build-info.json").write_text(json.dumps(info, indent=2) + "\n")
            old = out.with_name(f"{out.name}.old-{os.getpid()}")
            if out.exists():
                out.rename(old)
            tmp.rename(out)
            shutil.rmtree(old, ignore_errors=True)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"built {out}: {info['parameters']} parameters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
