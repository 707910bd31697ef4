"""Throughput of the eval worker's greedy schemes against mlx-lm's own batch_generate (helper of eval-worker.mjs).

Usage: python scripts/bench/_eval_throughput.py SPEC.json
SPEC: {"job": <a worker job>, "rounds": R, "suites": {name: [prompts]}}. One model load; for each round, each
suite and each checkpoint, every variant runs back to back (interleaved, so a shared machine's load hits all
of them alike). Prints one JSON line per (round, suite, checkpoint, variant):
{"round", "suite", "step", "variant", "tokens", "seconds", "outputs": {prompt_id: [output, tokens, finish]}}.
Throughput counts generated tokens over the wall time of generation (prefix prefill included; model load
and checkpoint loading excluded, as they are the same for every variant).
"""

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import eval_worker  # noqa: E402

eval_worker.emit = lambda record: None  # worker_info is not needed here


def worker_variant(worker, job, ckpt, prompts, batching, batch_size, prefix):
    lines = []
    sub = {**job, "checkpoints": [ckpt], "prompts": prompts, "settings": {**job["settings"], "batch_size": batch_size}}
    start = time.perf_counter()
    eval_worker.evaluate(worker, sub, emit_line=lines.append, batching=batching, prefix_cache=prefix)
    seconds = time.perf_counter() - start - worker.bench_load_seconds
    gens = [g for g in lines if g["type"] == "generation"]
    return gens, seconds, lines[-1]


def engine_variant(worker, ckpt, prompts):
    """mlx-lm's batch_generate with every prompt at once: the engine's own limit on this machine."""
    from mlx_lm.generate import batch_generate

    tokens = [worker.prompt_tokens(p) for p in prompts]
    start = time.perf_counter()
    res = batch_generate(worker.model, worker.tokenizer, tokens, max_tokens=[p["max_tokens"] for p in prompts],
                         completion_batch_size=len(prompts), prefill_batch_size=len(prompts), return_token_ids=True)
    seconds = time.perf_counter() - start
    gens = []
    for p, toks, ids in zip(prompts, tokens, res.token_ids):
        reason = "stop" if len(ids) < p["max_tokens"] else "length"
        gens.append(worker.record(ckpt, p, 0, ids, len(toks), seconds, reason))
    return gens, seconds


def main():
    spec = json.loads(Path(sys.argv[1]).read_text())
    job = spec["job"]
    worker = eval_worker.Worker(job)
    worker.settings = job["settings"]
    original_load = worker.load_checkpoint

    def timed_load(ckpt):
        t0 = time.perf_counter()
        original_load(ckpt)
        worker.bench_load_seconds = time.perf_counter() - t0

    worker.load_checkpoint = timed_load
    variants = spec["variants"]
    out = eval_worker._REAL_STDOUT  # the worker module sends sys.stdout to stderr
    for rnd in range(spec["rounds"]):
        for suite, prompts in spec["suites"].items():
            for ckpt in job["checkpoints"]:
                order = variants if rnd % 2 == 0 else list(reversed(variants))
                for v in order:
                    if v["kind"] == "engine":
                        timed_load(ckpt)
                        gens, seconds = engine_variant(worker, ckpt, prompts)
                        done = {}
                    else:
                        size = len(prompts) if v["batch_size"] == "all" else v["batch_size"]
                        gens, seconds, done = worker_variant(worker, job, ckpt, prompts, v["kind"], size, v["prefix"])
                    out.write(json.dumps({"round": rnd, "suite": suite, "step": ckpt["step"], "variant": v["name"],
                                      "tokens": sum(g["tokens"] for g in gens), "seconds": seconds,
                                      "occupancy": done.get("mean_batch_occupancy"),
                                      "prefix_tokens": done.get("prefix_tokens"),
                                      "outputs": {g["prompt_id"]: [g["output"], g["tokens"], g["finish_reason"]]
                                                  for g in gens}}) + "\n")
                    out.flush()


if __name__ == "__main__":
    main()
