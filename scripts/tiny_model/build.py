"""Build the tiny offline tool-calling model, its LoRA data and its eval suite.

Usage: python scripts/tiny_model/build.py --out DIR [--arch qwen3|qwen3_moe] [--force]

Writes DIR/model (loads with mlx_lm.load offline), DIR/data/{train,valid,test}.jsonl,
DIR/suite.yaml and DIR/build-info.json. `--arch qwen3` (default): dense, float32. `--arch qwen3_moe`:
the seed document's model class in miniature, a mixture of experts quantized to 4 bits by mlx-lm's own
`quantize_model` (what `mlx_lm convert -q` calls), with the same tokenizer, chat template, data and suite.

Why it exists: seedstudy's tests and demo need a real `mlx_lm lora` run that finishes in seconds
on a CPU *and* whose result depends on the seed, so the base is pre-trained here to call tools
directly and LoRA must learn the execute_code wrapper.

Deterministic (fixed seeds, single-threaded tokenizer training) and offline. A second call whose
build-info.json carries the same build hash (scripts + library versions) returns at once.
"""

import argparse
import fcntl
import hashlib
import json
import os
import shutil
import sys
import time
from importlib.metadata import version
from pathlib import Path

os.environ["TOKENIZERS_PARALLELISM"] = "false"
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
HERE = Path(__file__).resolve().parent
SEED = 1234
SIZES = {"pretrain": 6000, "train": 200, "valid": 40, "test": 40}
PRETRAIN = {"steps": 400, "batch_size": 16, "lr": 4e-3}
VOCAB = 512
SUITE_MAX_TOKENS = 40
LIBS = ["mlx", "mlx-lm", "tokenizers", "transformers", "numpy"]
# Per architecture: pre-training schedule and, for the MoE, mlx-lm quantization (group 64 divides every
# quantized dim; the router `mlp.gate` gets the 8 bits qwen3_moe's quant_predicate asks for, as in the real model).
ARCHS = {
    "qwen3": {"pretrain": PRETRAIN, "quantize": None},
    "qwen3_moe": {"pretrain": PRETRAIN, "quantize": {"group_size": 64, "bits": 4}},
}


def build_hash(arch):
    """Hash of everything that changes the output: the architecture, this directory's sources, library versions."""
    h = hashlib.sha256(f"arch={arch}\n".encode())
    for p in sorted(HERE.iterdir()):
        if p.suffix in (".py", ".jinja"):
            h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    for lib in LIBS:
        h.update(f"{lib}=={version(lib)}\n".encode())
    return h.hexdigest()


def up_to_date(out, expected):
    try:
        info = json.loads((out / "build-info.json").read_text())
    except (OSError, ValueError):
        return False
    needed = ["model/config.json", "model/model.safetensors", "model/tokenizer.json", "data/train.jsonl", "suite.yaml"]
    return info.get("build_hash") == expected and all((out / n).exists() for n in needed)


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))


def tree_digest(root):
    """sha256 over (relative path, sha256 of bytes) of every file, and the total size."""
    h, total = hashlib.sha256(), 0
    for p in sorted(q for q in root.rglob("*") if q.is_file() and q.name != "build-info.json"):
        data = p.read_bytes()
        total += len(data)
        h.update(f"{p.relative_to(root).as_posix()}\0{hashlib.sha256(data).hexdigest()}\n".encode())
    return h.hexdigest(), total


def build(tmp, log, arch):
    import yaml
    import dataset
    from pretrain import encode, model_config, moe_model_config, parameter_count, pretrain
    from tokenizer import save_tokenizer, train_tokenizer

    t0, cpu0 = time.time(), time.process_time()
    (tmp / "model").mkdir(parents=True)
    (tmp / "data").mkdir()
    pre = dataset.pretrain_examples(SIZES["pretrain"], SEED)
    splits = {name: dataset.lora_split(SIZES[name], SEED + i + 1) for i, name in enumerate(["train", "valid", "test"])}
    texts = [m.get("content", "") + m.get("reasoning_content", "") for ex in pre + splits["train"] for m in ex["messages"]]
    tok_info = save_tokenizer(train_tokenizer(texts, VOCAB), tmp / "model")
    make_config = moe_model_config if arch == "qwen3_moe" else model_config
    config = make_config(tok_info["vocab_size"], tok_info["eos_token_id"])
    settings = ARCHS[arch]

    import mlx_lm
    from mlx_lm.utils import quantize_model, save_config, save_model
    from transformers import AutoTokenizer

    hf_tok = AutoTokenizer.from_pretrained(str(tmp / "model"))
    encoded = [encode(hf_tok, ex) for ex in pre]
    log(f"tokenizer: vocab {tok_info['vocab_size']}, mean pretrain example {sum(len(i) for i, _ in encoded) / len(encoded):.1f} tokens")
    model = pretrain(config, encoded, seed=SEED, log=log, **settings["pretrain"])
    parameters = parameter_count(model)  # weights before any quantization packs them
    if settings["quantize"]:
        # The same call and config block as `mlx_lm convert -q --q-group-size 64 --q-bits 4`.
        model, config = quantize_model(model, config, settings["quantize"]["group_size"], settings["quantize"]["bits"])
    save_model(tmp / "model", model)
    save_config(config, tmp / "model" / "config.json")
    for name, rows in splits.items():
        write_jsonl(tmp / "data" / f"{name}.jsonl", rows)
    suite = {"name": "tiny-tool-calls", "prompts": dataset.suite(SUITE_MAX_TOKENS)}
    (tmp / "suite.yaml").write_text(yaml.safe_dump(suite, sort_keys=False, allow_unicode=True, width=1000))

    mlx_lm.load(str(tmp / "model"))  # fail the build, not the caller, if mlx-lm rejects it
    digest, total = tree_digest(tmp)
    return {
        "parameters": parameters, "config": config, "tokenizer": tok_info,
        "sizes": {**SIZES, "suite_prompts": len(suite["prompts"])}, "pretrain": settings["pretrain"],
        "bytes_on_disk": total, "model_bytes": sum(p.stat().st_size for p in (tmp / "model").iterdir()),
        "content_hash": digest, "build_seconds": round(time.time() - t0, 1),
        "build_cpu_seconds": round(time.process_time() - cpu0, 1),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="output directory (created)")
    ap.add_argument("--arch", choices=sorted(ARCHS), default="qwen3", help="model class (default: qwen3, dense)")
    ap.add_argument("--force", action="store_true", help="rebuild even when build-info.json is current")
    args = ap.parse_args()
    out = Path(args.out).resolve()
    expected = build_hash(args.arch)
    if not args.force and up_to_date(out, expected):
        print(f"tiny model up to date: {out}")
        return 0
    out.parent.mkdir(parents=True, exist_ok=True)
    # One builder at a time per output dir (test files build concurrently); the OS drops the
    # lock if this process dies. Whoever waited re-checks, so only the first one trains.
    with open(out.with_name(f"{out.name}.build-lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not args.force and up_to_date(out, expected):
            print(f"tiny model up to date (built concurrently): {out}")
            return 0
        return build_locked(out, expected, args.arch)


def build_locked(out, expected, arch):
    log = lambda msg: print(msg, flush=True)  # noqa: E731
    for stale in out.parent.glob(f"{out.name}.tmp-*"):  # left by a killed builder; we hold the lock
        shutil.rmtree(stale, ignore_errors=True)
    tmp = out.with_name(f"{out.name}.tmp-{os.getpid()}")
    try:
        info = build(tmp, log, arch)
        info = {"build_hash": expected, "arch": arch, "seed": SEED, "versions": {lib: version(lib) for lib in LIBS},
                "python": sys.version.split()[0], **info}
        (tmp / "build-info.json").write_text(json.dumps(info, indent=2) + "\n")
        # Swap in the finished build so a reader never sees a half-written directory.
        old = out.with_name(f"{out.name}.old-{os.getpid()}")
        if out.exists():
            out.rename(old)
        tmp.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    log(f"built {out}: {info['parameters']} parameters, {info['bytes_on_disk']} bytes, {info['build_seconds']}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
