"""Tests of scripts/eval_worker.py against the real tiny model (mlx-lm 0.32.2).

Run: .venv/bin/python -m pytest scripts/tests -q   (npm test runs it through
test/evaluation/eval-worker.pytest.real.test.ts, which builds the tiny model first and passes its
directory in SEEDSTUDY_TINY_DIR). Without the model the tests skip, except under CI=true where they fail.

Expected outputs are never computed by the code under test: the reference for every batching
variant is the one-prompt-at-a-time path (mlx-lm's own `stream_generate`).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORKER = ROOT / "scripts" / "eval_worker.py"
TINY = Path(os.environ.get("SEEDSTUDY_TINY_DIR", ROOT / ".cache" / "tiny"))
LORA = {"num_layers": -1, "fine_tune_type": "lora", "lora_parameters": {"rank": 4, "scale": 20.0, "dropout": 0.0}}
SYSTEM = ("You are a careful assistant. Answer with a single tool call. Tools: add(a, b) adds two numbers; "
          "mul(a, b) multiplies them; upper(s) upper-cases a string. Never explain.")

if not (TINY / "model" / "config.json").exists():
    if os.environ.get("CI") == "true":
        raise RuntimeError(f"no tiny model at {TINY}: build it with scripts/tiny_model/build.py --out {TINY}")
    pytest.skip(f"no tiny model at {TINY} (scripts/tiny_model/build.py builds it)", allow_module_level=True)

sys.path.insert(0, str(WORKER.parent))
import eval_worker  # noqa: E402  (after the skip: importing it needs nothing, but the tests need the model)


def suite_prompts():
    import yaml

    suite = yaml.safe_load((TINY / "suite.yaml").read_text())
    return [{"id": p["id"], "messages": p.get("messages") or [{"role": "user", "content": p["prompt"]}],
             "max_tokens": p.get("max_tokens", 40)} for p in suite["prompts"]]


def make_job(tmp_path, checkpoints, prompts, **settings):
    config = tmp_path / "adapter_config.json"
    config.write_text(json.dumps(LORA))
    return {"model": str(TINY / "model"), "adapter_config": str(config), "checkpoints": checkpoints, "prompts": prompts,
            "settings": {"temperature": 0, "top_p": 1, "repeats": 1, "chat_template_args": {"enable_thinking": False},
                         "prompt_timeout_s": 120, **settings}, "loss": None}


@pytest.fixture(scope="module")
def worker(tmp_path_factory):
    """One model load for the in-process tests, plus a checkpoint that changes the outputs (random lora_b)."""
    import mlx.core as mx

    tmp = tmp_path_factory.mktemp("worker")
    job = make_job(tmp, [], [])
    eval_worker.emit = lambda record: None  # worker_info of the fixture's load is not under test
    w = eval_worker.Worker(job)
    mx.random.seed(7)
    weights = {k: (mx.random.normal(v.shape) * 0.02 if "lora_b" in k else v) for k, v in w.trainable.items()}
    file = tmp / "0000002_adapters.safetensors"
    mx.save_safetensors(str(file), weights)
    w.test_job_dir = tmp
    w.test_checkpoint = {"step": 2, "file": str(file), "sha256": eval_worker.sha256_file(file)}
    return w


def run_in_process(worker, job, **kwargs):
    lines = []
    eval_worker.evaluate(worker, job, emit_line=lines.append, **kwargs)
    return lines


def outputs(lines):
    """(step, prompt, repeat) -> (output, tokens, finish_reason) of every generation record."""
    return {(g["step"], g["prompt_id"], g["repeat"]): (g["output"], g["tokens"], g["finish_reason"])
            for g in lines if g["type"] == "generation"}


def run_process(job_file, *args):
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONUNBUFFERED": "1"}
    proc = subprocess.run([sys.executable, str(WORKER), str(job_file), *args], capture_output=True, text=True,
                          env=env, timeout=300)
    return proc.returncode, [json.loads(line) for line in proc.stdout.splitlines()], proc.stderr


@pytest.fixture(scope="module")
def reference(worker):
    """The whole suite at the checkpoint, one prompt at a time through stream_generate."""
    job = make_job(worker.test_job_dir, [worker.test_checkpoint], suite_prompts(), batch_size=1)
    return outputs(run_in_process(worker, job, batching="chunked"))


# --- protocol ---------------------------------------------------------------------------------------------------

def test_protocol_is_json_lines_in_order(tmp_path, worker):
    prompts = suite_prompts()[:3]
    job_file = tmp_path / "job.json"
    job_file.write_text(json.dumps(make_job(tmp_path, [worker.test_checkpoint], prompts, batch_size=2)))
    code, lines, _ = run_process(job_file)
    assert code == 0
    assert [line["type"] for line in lines][0] == "worker_info"
    assert lines[0]["model_loads"] == 1 and lines[0]["mlx_lm_version"] == "0.32.2"
    assert lines[-1]["type"] == "checkpoint_done" and lines[-1]["step"] == 2
    started, in_flight, most = set(), set(), 0
    for line in lines[1:-1]:
        key = (line["step"], line["prompt_id"], line["repeat"])
        if line["type"] == "prompt_start":
            started.add(key)
            in_flight.add(key)
            most = max(most, len(in_flight))
        else:
            assert line["type"] == "generation" and key in in_flight  # every generation was announced first
            in_flight.remove(key)
            assert set(line) >= {"output", "tokens", "prompt_tokens", "seconds", "finish_reason", "checkpoint_sha256"}
    assert started == {(2, p["id"], 0) for p in prompts} and not in_flight
    assert most == 2  # batch_size 2: never more than two prompts in flight, and the batch is filled
    done = lines[-1]
    assert done["batching"] == "continuous" and done["batch_size"] == 2 and done["prefix_prefills"] == 1
    assert done["generated_tokens"] == sum(g["tokens"] for g in lines if g["type"] == "generation")
    assert done["tokens_per_s"] > 0 and 1 <= done["mean_batch_occupancy"] <= 2


def test_skip_list_resumes_after_the_listed_prompts(worker, reference):
    prompts = suite_prompts()[:6]
    skip = [{"step": 2, "prompt_id": p["id"], "repeat": 0} for p in prompts[:4]]
    job = {**make_job(worker.test_job_dir, [worker.test_checkpoint], prompts, batch_size=8), "skip": skip}
    got = outputs(run_in_process(worker, job))
    assert got == {(2, p["id"], 0): reference[(2, p["id"], 0)] for p in prompts[4:]}


# --- error records ----------------------------------------------------------------------------------------------

def test_load_failure_is_one_error_record(tmp_path):
    job = make_job(tmp_path, [], [])
    job["model"] = str(tmp_path / "no-such-model")
    job_file = tmp_path / "job.json"
    job_file.write_text(json.dumps(job))
    code, lines, _ = run_process(job_file)
    assert code == 2
    assert len(lines) == 1 and lines[0]["type"] == "error" and lines[0]["kind"] == "load"


def test_provenance_and_coverage_errors(worker, monkeypatch, tmp_path):
    import mlx.core as mx

    records = []
    monkeypatch.setattr(eval_worker, "emit", records.append)
    bad = {**worker.test_checkpoint, "sha256": "0" * 64}
    with pytest.raises(SystemExit) as exit_info:
        worker.load_checkpoint(bad)
    assert exit_info.value.code == 3
    assert records[-1]["kind"] == "provenance" and records[-1]["expected"] == "0" * 64
    assert records[-1]["actual"] == worker.test_checkpoint["sha256"] and records[-1]["step"] == 2

    partial = tmp_path / "0000004_adapters.safetensors"
    mx.save_safetensors(str(partial), {k: v for k, v in list(worker.trainable.items())[:1]})
    with pytest.raises(SystemExit) as exit_info:
        worker.load_checkpoint({"step": 4, "file": str(partial), "sha256": eval_worker.sha256_file(partial)})
    assert exit_info.value.code == 2
    assert records[-1]["kind"] == "coverage" and "does not cover the run's adapter" in records[-1]["message"]


def test_no_wall_clock_limit_changes_an_answer(worker, reference):
    # prompt_timeout_s is the driver's hang guard only: even 0 s leaves every answer whole (max_tokens is the limit).
    job = make_job(worker.test_job_dir, [worker.test_checkpoint], suite_prompts(), batch_size=5, prompt_timeout_s=0)
    got = outputs(run_in_process(worker, job))
    assert got == reference
    assert {reason for _, _, reason in got.values()} <= {"stop", "length"}


def test_a_loss_failure_is_an_error_record_with_its_step(worker, monkeypatch):
    records = []
    monkeypatch.setattr(eval_worker, "emit", records.append)

    def broken(_ckpt):
        raise RuntimeError("valid.jsonl is unreadable")

    monkeypatch.setattr(worker, "losses", broken)
    job = make_job(worker.test_job_dir, [worker.test_checkpoint], suite_prompts()[:2], batch_size=2)
    job["loss"] = {"data": "unused"}
    with pytest.raises(SystemExit) as exit_info:
        eval_worker.evaluate(worker, job, emit_line=records.append)
    assert exit_info.value.code == 2
    assert records[-1] == {"type": "error", "kind": "loss", "step": worker.test_checkpoint["step"],
                           "message": "RuntimeError: valid.jsonl is unreadable"}


# --- batching ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("batch_size,prefix_cache", [(1, True), (5, True), (1000, True), (5, False)])
def test_continuous_batching_matches_one_at_a_time(worker, reference, batch_size, prefix_cache):
    job = make_job(worker.test_job_dir, [worker.test_checkpoint], suite_prompts(), batch_size=batch_size)
    lines = run_in_process(worker, job, prefix_cache=prefix_cache)
    assert outputs(lines) == reference
    done = [line for line in lines if line["type"] == "checkpoint_done"]
    assert all(d["batch_size"] == min(batch_size, len(suite_prompts())) for d in done)
    assert all(d["mean_batch_occupancy"] <= d["batch_size"] for d in done)


def test_old_chunked_batches_match_too(worker, reference):
    job = make_job(worker.test_job_dir, [worker.test_checkpoint], suite_prompts(), batch_size=8)
    got = outputs(run_in_process(worker, job, batching="chunked"))
    assert got == reference


def test_repeats_all_go_through_one_batch(worker, reference):
    prompts = suite_prompts()[:5]
    job = make_job(worker.test_job_dir, [worker.test_checkpoint], prompts, batch_size=1000, repeats=2)
    lines = run_in_process(worker, job)
    got = outputs(lines)
    assert got == {(2, p["id"], r): reference[(2, p["id"], 0)] for p in prompts for r in (0, 1)}
    done = lines[-1]
    assert done["batch_size"] == 10
    # Both repeats decode together: all 10 sequences enter the batch before any answer comes back. (Mean
    # occupancy cannot show it: short answers leave early, so it depends on the answers' lengths.)
    kinds = [line["type"] for line in lines if line["type"] in ("prompt_start", "generation")]
    assert kinds[:10] == ["prompt_start"] * 10 and kinds.count("generation") == 10


# --- prefix cache -----------------------------------------------------------------------------------------------

def test_prefix_cache_prefills_once_per_checkpoint_and_changes_nothing(worker):
    prompts = [{**p, "messages": [{"role": "system", "content": SYSTEM}, *p["messages"]]} for p in suite_prompts()[:8]]
    ckpts = [{"step": 0, "file": None, "sha256": None}, worker.test_checkpoint]
    job = make_job(worker.test_job_dir, ckpts, prompts, batch_size=4)
    with_cache = run_in_process(worker, job)
    without = run_in_process(worker, job, prefix_cache=False)
    one_by_one = run_in_process(worker, {**job, "settings": {**job["settings"], "batch_size": 1}}, batching="chunked")
    assert outputs(with_cache) == outputs(without) == outputs(one_by_one)
    system_tokens = len(worker.tokenizer.encode(SYSTEM, add_special_tokens=False))
    for line in with_cache:
        if line["type"] == "checkpoint_done":
            assert line["prefix_prefills"] == 1 and line["prefix_tokens"] > system_tokens
    assert all(line["prefix_prefills"] == 0 and line["prefix_tokens"] == 0
               for line in without if line["type"] == "checkpoint_done")


def test_no_prefix_cache_for_a_single_prompt(worker):
    job = make_job(worker.test_job_dir, [worker.test_checkpoint], suite_prompts()[:1], batch_size=8)
    done = run_in_process(worker, job)[-1]
    assert done["prefix_prefills"] == 0 and done["prefix_tokens"] == 0


def test_prefix_keeps_one_token_of_each_prompt(worker):
    # Two identical prompts: the whole prompt is common, but each sequence must keep its last token.
    prompt = suite_prompts()[0]
    job = make_job(worker.test_job_dir, [worker.test_checkpoint], [prompt, {**prompt, "id": "twin"}], batch_size=8)
    lines = run_in_process(worker, job)
    gens = [line for line in lines if line["type"] == "generation"]
    assert lines[-1]["prefix_tokens"] == gens[0]["prompt_tokens"] - 1
    assert gens[0]["output"] == gens[1]["output"]
