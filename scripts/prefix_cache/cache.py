"""The activation cache: its identity, mlx-lm's batches in index order, the build, and the verified store.

The cache holds, for every training and validation batch exactly as mlx-lm's `iterate_batches` forms it,
the hidden state entering the first adapted layer, keyed by the sha256 of the batch's padded token ids.
"""

import hashlib
import json
import os
import time
from importlib.metadata import version
from pathlib import Path

from .common import FORMAT, Refused, sha256_file, write_atomic


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


def build(cache_dir, args):
    import mlx.core as mx

    model_path, model, train_ds, valid_ds = load_everything(args)
    cfg = json.loads((Path(model_path) / "config.json").read_text())
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
