"""Deterministic example generators: the base model's pre-training mix, the LoRA splits, the suite.

Why three different mixes:
- pre-training teaches the chat format, *direct* tool calls (`read_file('app.py')`), prose and a
  little visible reasoning (so think-mode failure exists when `enable_thinking` is left on);
  only multi-step requests are wrapped, so the base knows the `execute_code("...")` tokens;
- the LoRA splits answer every request with the wrapped call: LoRA has to move single-step
  requests from the direct habit to the wrapper, which is what makes the outcome seed-sensitive;
- the suite re-creates the 27 prompts of the Phase 43a report, whose exact texts and arguments
  never appear in any training data.
"""

import random

from tasks import MULTI, POOLS, PROSE, TOOLS

WRAPPER = "execute_code"

# The 27 Phase 43a prompts: (id, category, tool index into TOOLS or None for multi, text, args).
SUITE = [
    ("text-01", "read_file", "Show contents of {a}", ["config.py"]),
    ("text-02", "write_file", "Write {b} to {a}", ["output/summary.txt", "text"]),
    ("text-03", "run_command", "Run '{a}'", ["ls src/"]),
    ("valid-01", "run_mypy", "Run type checking on {a}", ["src/"]),
    ("valid-02", "run_ruff", "Check {a} with ruff", ["src/"]),
    ("valid-03", "run_pytest", "Run test suite in {a}", ["tests/"]),
    ("lsp-01", "lsp_definition", "Find definition of {a}", ["AgentConfig"]),
    ("lsp-02", "lsp_references", "Find references to {a}", ["execute_code"]),
    ("lsp-03", "lsp_hover", "Type info for {a}", ["LoRAConfig"]),
    ("lsp-04", "lsp_symbols", "List symbols in {a}", ["lora_config.py"]),
    ("lsp-05", "lsp_workspace_symbol", "Search for {a} symbol", ["TrainingResult"]),
    ("git-01", "git_status", "Check git status", []),
    ("git-02", "git_diff", "Show git diff", []),
    ("git-03", "git_log", "List {a} recent git commits", ["5"]),
    ("cst-01", "cst_find_classes", "Find class definitions in {a}", ["websocket.py"]),
    ("cst-02", "cst_rename", "Rename {a} to {b}", ["TrainingResult", "FineTuneResult"]),
    ("cst-03", "cst_add_import", "Add {a} import", ["defaultdict"]),
    ("dom-01", "check_tdom", "Validate {a} as tdom component", ["error_page.py"]),
    ("dom-02", "check_services", "Check service registration", []),
    ("dom-03", "check_middleware", "Check middleware conventions", []),
    ("dom-04", "check_dependencies", "Check dependency graph violations", []),
    ("dom-05", "check_tstrings", "Check t-string usage in {a}", ["registration.py"]),
    ("dom-06", "check_routes", "Validate route patterns in {a}", ["api.py"]),
    ("dom-07", "check_render_tree", "Verify render tree in {a}", ["checkout.py"]),
    ("dom-08", "check_inject", "Check Inject[] imports", []),
    ("dom-09", "check_html_context", "Check html() context= in {a}", ["account.py"]),
]
SUITE_MULTI = ("multi-01", 0, ["HomeView"])
SUITE_TEXTS = {t.format(a=(a + [""])[0], b=(a + ["", ""])[1]) for _, _, t, a in SUITE}


def call(tool, kinds, args):
    """Render a direct call; `n` is an int literal, everything else a single-quoted string."""
    rendered = [a if k == "n" else f"'{a}'" for k, a in zip(kinds, args)]
    return f"{tool}({', '.join(rendered)})"


def wrap(code):
    """The target format: the tool call as a string inside execute_code."""
    return f'{WRAPPER}("{code}")'


def fill(template, args):
    return template.format(a=(args + [""])[0], b=(args + ["", ""])[1])


def sample_single(rng):
    """One single-step request (category, prompt, direct call), never a suite prompt text."""
    while True:
        cat, tool, kinds, templates = rng.choice(TOOLS)
        args = [rng.choice(POOLS[k]) for k in kinds]
        prompt = fill(rng.choice(templates), args)
        if prompt not in SUITE_TEXTS:
            return cat, tool, prompt, call(tool, kinds, args)


def sample_multi(rng):
    template, code, tool = rng.choice(MULTI)
    arg = rng.choice(POOLS["sym"] if "{a}" in code and "run_" not in code else POOLS["dir"])
    return "multi_tool", tool, template.format(a=arg), code.format(a=arg)


def chat(prompt, answer, reasoning=None):
    msg = {"role": "assistant", "content": answer}
    if reasoning:
        msg["reasoning_content"] = reasoning
    return {"messages": [{"role": "user", "content": prompt}, msg]}


def pretrain_examples(n, seed):
    """Base-model mix: 70% direct single calls (10% of them with visible reasoning), 15% wrapped multi, 15% prose."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.70:
            _, _, prompt, code = sample_single(rng)
            lead = prompt[0].lower() + prompt[1:]
            reasoning = f"Okay, the user wants me to {lead.rstrip('?')}. Let me think about how to approach this." if rng.random() < 0.1 else None
            out.append(chat(prompt, code, reasoning))
        elif r < 0.85:
            _, _, prompt, code = sample_multi(rng)
            out.append(chat(prompt, wrap(code)))
        else:
            q, a = rng.choice(PROSE)
            out.append(chat(q, a))
    return out


def lora_split(n, seed, multi_share=0.1):
    """LoRA data: every answer wrapped; mostly single-step requests across all categories."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        _, _, prompt, code = sample_multi(rng) if rng.random() < multi_share else sample_single(rng)
        out.append(chat(prompt, wrap(code)))
    return out


def suite(max_tokens):
    """The held-out eval suite in the shape the suite loader reads (one dict per prompt)."""
    by_tool = {t[1]: t for t in TOOLS}
    prompts = []
    for pid, tool, template, args in SUITE:
        cat, _, kinds, _ = by_tool[tool]
        code = call(tool, kinds, args)
        prompts.append({"id": pid, "category": cat, "messages": [{"role": "user", "content": fill(template, args)}],
                        "expected_tool": tool, "reference": wrap(code), "max_tokens": max_tokens})
    pid, idx, args = SUITE_MULTI
    template, code, tool = MULTI[idx]
    prompts.append({"id": pid, "category": "multi_tool", "messages": [{"role": "user", "content": template.format(a=args[0])}],
                    "expected_tool": tool, "reference": wrap(code.format(a=args[0])), "max_tokens": max_tokens * 2})
    return prompts
