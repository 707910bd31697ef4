"""Evaluate every checkpoint of ONE run with one model load.

Usage: python scripts/eval_worker.py JOB.json [--batching continuous|chunked] [--no-prefix-cache]

Why it exists: the naive loop (`mlx_lm generate --adapter-path ...` once per prompt per checkpoint)
reloads the base model for every prompt. This worker loads the base model once, wraps its layers
with LoRA once (from the run's adapter_config.json), and for each checkpoint only swaps the adapter
weights, generates for every prompt, and computes the checkpoint's exact loss on the whole
validation and test splits (mlx-lm's own `evaluate` with num_batches=-1).

Protocol: one JSON object per line on stdout, flushed at once (the TypeScript driver's watchdog
reads them): worker_info, prompt_start, generation, loss, checkpoint_done, error. Everything else
(warnings, progress bars) goes to stderr. A job may list `skip` entries so a restarted worker
resumes after the prompt it was killed on.

Greedy generation (docs/evaluation.md): by default every prompt of a checkpoint (all repeats) goes
through one mlx-lm BatchGenerator with at most `batch_size` sequences in flight; a new prompt is
inserted as soon as one finishes (continuous batching), and the longest common token prefix of all
prompts is prefilled once per checkpoint and its KV cache reused by every prompt (prefix cache).
`--batching chunked` (or settings.batching) keeps the previous fixed chunks of `batch_size`, for
the bench; `--no-prefix-cache` (or settings.prefix_cache: false) prefills every prompt in full.
"""

import argparse
import hashlib
import json
import os
import sys
import time
import types
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

_REAL_STDOUT = sys.stdout
sys.stdout = sys.stderr  # library prints must never corrupt the protocol stream


def emit(record):
    _REAL_STDOUT.write(json.dumps(record, ensure_ascii=False) + "\n")
    _REAL_STDOUT.flush()


def fail(kind, message, **extra):
    emit({"type": "error", "kind": kind, "message": message, **extra})
    sys.exit(3 if kind == "provenance" else 2)


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def prompt_seed(eval_seed, repeat, prompt_id):
    """Sampling seed per (repeat, prompt): independent of evaluation order, so restarts reproduce."""
    digest = hashlib.sha256(f"{eval_seed}\0{repeat}\0{prompt_id}".encode()).digest()
    return int.from_bytes(digest[:4], "little")


class Worker:
    def __init__(self, job):
        import mlx.core as mx
        import mlx_lm
        from mlx.utils import tree_flatten
        from mlx_lm.sample_utils import make_sampler

        self.mx, self.job, self.tree_flatten = mx, job, tree_flatten
        self.settings = job["settings"]
        self.model, self.tokenizer = mlx_lm.load(job["model"])
        self.model_loads = 1
        self.prefix_prefills = 0  # prefix-cache prefills so far (one per checkpoint when prompts share a prefix)
        self.adapter = None
        if job.get("adapter_config"):
            self.adapter = json.loads(Path(job["adapter_config"]).read_text())
            self._apply_lora()
        self.model.eval()
        temp = float(self.settings.get("temperature", 0.0))
        self.sampling = temp > 0
        self.sampler = make_sampler(temp=temp, top_p=float(self.settings.get("top_p", 1.0)) if self.sampling else 0.0)
        from importlib.metadata import version
        emit({"type": "worker_info", "model_loads": self.model_loads, "mlx_version": version("mlx"),
              "mlx_lm_version": version("mlx-lm"), "adapter": self.adapter is not None, "pid": os.getpid()})

    def _apply_lora(self):
        from mlx_lm.tuner.utils import linear_to_lora_layers

        cfg = self.adapter
        fine_tune_type = cfg.get("fine_tune_type", "lora")
        if fine_tune_type != "full":
            self.model.freeze()
            linear_to_lora_layers(self.model, cfg["num_layers"], cfg["lora_parameters"], use_dora=fine_tune_type == "dora")
        # The freshly wrapped adapter is the identity (lora_b = 0; DoRA m = |W|): keep a copy to restore the base.
        self.trainable = {k: self.mx.array(v) for k, v in self.tree_flatten(self.model.trainable_parameters())}
        self.mx.eval(list(self.trainable.values()))

    def load_checkpoint(self, ckpt):
        mx = self.mx
        if ckpt.get("file") is None:
            if self.adapter is not None:
                self.model.load_weights(list(self.trainable.items()), strict=False)
            return
        actual = sha256_file(ckpt["file"])
        if actual != ckpt["sha256"]:
            fail("provenance", f"{ckpt['file']}: sha256 {actual} differs from the recorded {ckpt['sha256']}; refusing to evaluate it",
                 step=ckpt["step"], file=ckpt["file"], expected=ckpt["sha256"], actual=actual)
        weights = mx.load(ckpt["file"])
        missing = [k for k in self.trainable if k not in weights]
        wrong = [k for k in self.trainable if k in weights and tuple(weights[k].shape) != tuple(self.trainable[k].shape)]
        if missing or wrong:
            fail("coverage", f"{ckpt['file']} does not cover the run's adapter: missing {missing[:5]}, wrong shape {wrong[:5]}",
                 step=ckpt["step"])
        self.model.load_weights(list(weights.items()), strict=False)
        mx.eval(self.model.parameters())
        self.model.eval()

    def prompt_tokens(self, prompt):
        messages = list(prompt["messages"])
        system = self.settings.get("system_prompt")
        if system is not None and not (messages and messages[0]["role"] == "system"):
            messages = [{"role": "system", "content": system}] + messages
        if not self.tokenizer.has_chat_template:  # like `mlx_lm generate`: the raw text with special tokens
            return self.tokenizer.encode("\n".join(m["content"] for m in messages), add_special_tokens=True)
        kwargs = dict(self.settings.get("chat_template_args") or {})
        if prompt.get("tools"):
            kwargs["tools"] = prompt["tools"]
        text = self.tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True, **kwargs)
        return self.tokenizer.encode(text, add_special_tokens=False)

    def generate(self, ckpt, prompt, repeat):
        from mlx_lm import stream_generate

        if self.sampling:
            self.mx.random.seed(prompt_seed(self.settings["eval_seed"], repeat, prompt["id"]))
        tokens = self.prompt_tokens(prompt)
        start = time.perf_counter()
        text, count, reason = "", 0, "length"
        for resp in stream_generate(self.model, self.tokenizer, tokens, max_tokens=prompt["max_tokens"], sampler=self.sampler):
            text += resp.text
            count = resp.generation_tokens
            if resp.finish_reason is not None:
                reason = resp.finish_reason
                if reason == "stop":
                    count -= 1  # the end-of-sequence token is not part of the output
                break
        return {"type": "generation", "step": ckpt["step"], "checkpoint_file": ckpt.get("file"),
                "checkpoint_sha256": ckpt.get("sha256"), "prompt_id": prompt["id"], "repeat": repeat,
                "output": text, "tokens": count, "prompt_tokens": len(tokens),
                "seconds": round(time.perf_counter() - start, 4), "finish_reason": reason}

    def generate_batch(self, ckpt, prompts, repeat):
        """Greedy generation of several prompts at once (mlx-lm's BatchGenerator); max_tokens is the only limit."""
        from mlx_lm.generate import BatchGenerator

        token_lists = [self.prompt_tokens(p) for p in prompts]
        gen = BatchGenerator(self.model, stop_tokens=[[t] for t in self.tokenizer.eos_token_ids], sampler=self.sampler,
                             completion_batch_size=len(prompts), prefill_batch_size=len(prompts))
        start = time.perf_counter()
        uids = gen.insert(token_lists, [p["max_tokens"] for p in prompts])
        tokens = {uid: [] for uid in uids}
        finished = {}
        try:
            while len(finished) < len(uids):
                responses = gen.next_generated()
                if not responses:
                    break
                for r in responses:
                    if r.finish_reason != "stop":
                        tokens[r.uid].append(r.token)
                    if r.finish_reason is not None:
                        finished[r.uid] = (r.finish_reason, time.perf_counter() - start)
        finally:
            gen.close()
        out = []
        for uid, prompt, toks in zip(uids, prompts, token_lists):
            reason, seconds = finished.get(uid, ("length", time.perf_counter() - start))
            out.append(self.record(ckpt, prompt, repeat, tokens[uid], len(toks), seconds, reason))
        return out

    def record(self, ckpt, prompt, repeat, tokens, prompt_tokens, seconds, reason):
        """A generation record from generated token ids (the end-of-sequence token excluded)."""
        # The streaming detokenizer, as stream_generate uses (decode() would keep a leading space it trims).
        detok = self.tokenizer.detokenizer
        for t in tokens:
            detok.add_token(t)
        detok.finalize()
        return {"type": "generation", "step": ckpt["step"], "checkpoint_file": ckpt.get("file"),
                "checkpoint_sha256": ckpt.get("sha256"), "prompt_id": prompt["id"], "repeat": repeat,
                "output": detok.text, "tokens": len(tokens), "prompt_tokens": prompt_tokens,
                "seconds": round(seconds, 4),
                "finish_reason": "stop" if reason == "stop" else "length"}

    def prefix_cache(self, token_lists):
        """Prefills the longest common token prefix of all prompts once; (cache, length) or (None, 0).

        Every prompt keeps at least one token of its own (BatchGenerator needs a last token to start
        from). Only plain KVCache layers are shared: their merge into a batch copies the arrays, so
        one prefilled cache serves every sequence unchanged.
        """
        from mlx_lm.models.cache import KVCache, make_prompt_cache

        if len(token_lists) < 2:
            return None, 0
        first, n = token_lists[0], min(len(t) for t in token_lists) - 1
        for toks in token_lists[1:]:
            i = 0
            while i < n and toks[i] == first[i]:
                i += 1
            n = i
        if n < 1:
            return None, 0
        cache = make_prompt_cache(self.model)
        if not all(type(c) is KVCache for c in cache):
            return None, 0
        step = 2048  # BatchGenerator's prefill_step_size
        for i in range(0, n, step):
            self.model(self.mx.array(first[i:min(i + step, n)])[None], cache=cache)
            self.mx.eval([c.state for c in cache])
        self.prefix_prefills += 1
        return cache, n

    def generate_continuous(self, ckpt, items, batch_size, use_prefix, emit_line):
        """Greedy generation of all (prompt, repeat) items of one checkpoint with continuous batching.

        At most `batch_size` sequences are in flight; each finished one is replaced at once by the next
        item (prompt_start is emitted then). max_tokens is the only limit: a wall-clock cutoff would make
        scores depend on the machine's load (the driver's watchdog guards against hangs instead). Returns the checkpoint's
        throughput stats: generated tokens, seconds, tokens/s, mean decode-batch occupancy, prefix length.
        """
        from mlx_lm.generate import BatchGenerator
        from mlx_lm.models.cache import KVCache

        start = time.perf_counter()
        token_lists = [self.prompt_tokens(p) for p, _ in items]
        prefix, plen = self.prefix_cache(token_lists) if use_prefix else (None, 0)
        size = max(1, min(batch_size, len(items)))
        gen = BatchGenerator(self.model, stop_tokens=[[t] for t in self.tokenizer.eos_token_ids], sampler=self.sampler,
                             completion_batch_size=size, prefill_batch_size=size)
        queue = list(range(len(items)))
        queue.reverse()
        active = {}  # uid -> [item index, generated tokens, start time]
        steps = occupied = generated = 0

        def fill():
            n = min(size - len(active), len(queue))
            if n <= 0:
                return
            idxs = [queue.pop() for _ in range(n)]
            caches = None
            if prefix is not None:
                caches = []
                for _ in idxs:  # a view of the shared prefix per sequence (merge copies, never writes)
                    layers = []
                    for c in prefix:
                        k = KVCache()
                        k.keys, k.values, k.offset = c.keys, c.values, c.offset
                        layers.append(k)
                    caches.append(layers)
            for i in idxs:
                prompt, repeat = items[i]
                emit_line({"type": "prompt_start", "step": ckpt["step"], "prompt_id": prompt["id"], "repeat": repeat})
            now = time.perf_counter()
            suffixes = [token_lists[i][plen:] for i in idxs]
            uids = gen.insert(suffixes, [items[i][0]["max_tokens"] for i in idxs], caches=caches)
            for uid, i in zip(uids, idxs):
                active[uid] = [i, [], now]

        def finish(uid, reason):
            i, toks, t0 = active.pop(uid)
            prompt, repeat = items[i]
            emit_line(self.record(ckpt, prompt, repeat, toks, len(token_lists[i]), time.perf_counter() - t0, reason))

        try:
            fill()
            while active:
                responses = gen.next_generated()
                if not responses:
                    break
                steps += 1
                occupied += len(responses)
                for r in responses:
                    if r.uid not in active:
                        continue
                    if r.finish_reason != "stop":
                        active[r.uid][1].append(r.token)
                        generated += 1
                    if r.finish_reason is not None:
                        finish(r.uid, r.finish_reason)
                fill()
            for uid in list(active):  # the generator ran dry (should not happen): record, never drop
                finish(uid, "length")
        finally:
            gen.close()
        seconds = time.perf_counter() - start
        return {"batching": "continuous", "generated_tokens": generated, "generation_wall_seconds": round(seconds, 4),
                "tokens_per_s": round(generated / seconds, 2) if seconds > 0 else None,
                "mean_batch_occupancy": round(occupied / steps, 3) if steps else None, "batch_size": size,
                "prefix_tokens": plen}

    def losses(self, ckpt):
        from mlx_lm.tuner.datasets import CacheDataset, load_local_dataset
        from mlx_lm.tuner.trainer import evaluate

        spec = self.job["loss"]
        if not hasattr(self, "_splits"):
            cfg = types.SimpleNamespace(**{k: v for k, v in spec.items() if k.endswith("_feature")}, mask_prompt=spec.get("mask_prompt", False))
            _, valid, test = load_local_dataset(Path(spec["data"]), self.tokenizer, cfg)
            # Tokenised once, reused for every checkpoint (tokenisation does not depend on the adapter).
            self._splits = {"val": CacheDataset(valid), "test": CacheDataset(test)}
        out = {"type": "loss", "step": ckpt["step"], "checkpoint_sha256": ckpt.get("sha256")}
        start = time.perf_counter()
        for name, split in self._splits.items():
            batch = spec["batch_size"]
            if len(split) < batch:
                out[f"{name}_loss"] = None
                continue
            out[f"{name}_loss"] = evaluate(self.model, split, batch, num_batches=-1,
                                           max_seq_length=spec["max_seq_length"])
            out[f"{name}_examples"] = len(split) - len(split) % batch
        out["seconds"] = round(time.perf_counter() - start, 4)
        self.model.eval()
        return out


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Evaluate every checkpoint of one run with one model load.")
    parser.add_argument("job", help="the job file (JSON) the driver wrote")
    parser.add_argument("--batching", choices=["continuous", "chunked"], default=None,
                        help="greedy batching; overrides settings.batching (default continuous)")
    parser.add_argument("--no-prefix-cache", action="store_true", help="prefill every prompt in full")
    return parser.parse_args(argv)


def evaluate(worker, job, emit_line=emit, batching=None, prefix_cache=None):
    """Evaluates every checkpoint of `job` with an already loaded worker, emitting the protocol lines."""
    settings = job["settings"]
    worker.settings = settings
    skip = {(s["step"], s["prompt_id"], s.get("repeat", 0)) for s in job.get("skip", [])}
    skip_loss = set(job.get("skip_loss", []))
    repeats = int(settings.get("repeats", 1))
    batch = int(settings.get("batch_size", 1)) if not worker.sampling else 1
    batching = batching or settings.get("batching", "continuous")
    use_prefix = settings.get("prefix_cache", True) if prefix_cache is None else prefix_cache
    for ckpt in job["checkpoints"]:
        worker.load_checkpoint(ckpt)
        prefills = worker.prefix_prefills
        items = [(p, r) for r in range(repeats) for p in job["prompts"] if (ckpt["step"], p["id"], r) not in skip]
        try:
            if batching == "continuous" and not worker.sampling and items:
                stats = worker.generate_continuous(ckpt, items, batch, use_prefix, emit_line)
            else:
                stats = generate_chunked(worker, ckpt, items, batch, emit_line)
        except Exception as error:  # noqa: BLE001 - reported to the driver as a record
            fail("generation", f"{type(error).__name__}: {error}", step=ckpt["step"],
                 prompt_ids=sorted({p["id"] for p, _ in items}))
        stats["prefix_prefills"] = worker.prefix_prefills - prefills
        if job.get("loss") and ckpt["step"] not in skip_loss:
            try:
                loss = worker.losses(ckpt)
            except Exception as error:  # noqa: BLE001 - reported to the driver as a record
                fail("loss", f"{type(error).__name__}: {error}", step=ckpt["step"])
            emit_line(loss)
        emit_line({"type": "checkpoint_done", "step": ckpt["step"], **stats})


def generate_chunked(worker, ckpt, items, batch, emit_line):
    """The previous scheme, kept for comparison: fixed chunks of `batch` prompts per repeat, each chunk
    waiting for its longest generation (and sampling, which always goes one by one)."""
    start = time.perf_counter()
    generated = steps = 0
    size = max(batch, 1)
    for repeat in sorted({r for _, r in items}):
        todo = [p for p, r in items if r == repeat]
        for i in range(0, len(todo), size):
            chunk = todo[i:i + size]
            for prompt in chunk:
                emit_line({"type": "prompt_start", "step": ckpt["step"], "prompt_id": prompt["id"], "repeat": repeat})
            if len(chunk) > 1:
                results = worker.generate_batch(ckpt, chunk, repeat)
            else:
                results = [worker.generate(ckpt, chunk[0], repeat)]
            for record in results:
                generated += record["tokens"]
                emit_line(record)
            steps += max([r["tokens"] for r in results] + [0])
    seconds = time.perf_counter() - start
    return {"batching": "chunked", "generated_tokens": generated, "generation_wall_seconds": round(seconds, 4),
            "tokens_per_s": round(generated / seconds, 2) if seconds > 0 else None,
            "mean_batch_occupancy": round(generated / steps, 3) if steps else None, "batch_size": size,
            "prefix_tokens": 0}


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    job = json.loads(Path(args.job).read_text())
    try:
        worker = Worker(job)
    except Exception as error:  # noqa: BLE001 - reported to the driver as a record
        fail("load", f"{type(error).__name__}: {error}")
    evaluate(worker, job, batching=args.batching, prefix_cache=False if args.no_prefix_cache else None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
