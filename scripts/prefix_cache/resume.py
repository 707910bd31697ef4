"""What an exact continuation needs, saved beside each checkpoint, and how it is found and restored."""

import json
import os
from pathlib import Path

from .common import FORMAT, sha256_file, write_atomic


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
