import { UserError } from '../../errors/user-error.js';
import type { ScorerConfig } from '../../study/schema.js';
import { findCalls, wrappedCode, type FoundCall } from './call-scan.js';
import { perItem, type ScoreItem, type Scorer, type Verdict } from './scorer.js';

type ToolCallConfig = Extract<ScorerConfig, { kind: 'tool-call' }>;

/**
 * The seed document's rubric: 1.0 when the expected tool is called inside the wrapper
 * (`execute_code("read_file('config.py')")` or `execute_code(code="...")`), `direct_score` (0.5) for a
 * direct call of the right tool, 0 otherwise. Each verdict carries the failure class that the
 * seed document assigned by eye: wrapped-correct, direct-call, wrong-tool, think-mode, prose,
 * timeout, truncated; plus `malformed` for a call that never closes although generation stopped. Qwen-style
 * `<tool_call>{"name": ..., "arguments": ...}</tool_call>` blocks count as calls too.
 */
export function toolCallScorer(config: ToolCallConfig): Scorer {
  return perItem('tool-call', (item) => scoreToolCall(item, config));
}

/** Scores one answer with the tool-call rubric (exported for tests). */
export function scoreToolCall(item: ScoreItem, config: Pick<ToolCallConfig, 'wrapper' | 'direct_score'>): Verdict {
  const expected = item.prompt.expected_tool;
  if (!expected) {
    throw new UserError(`prompt "${item.prompt.id}" has no expected_tool, which the tool-call scorer needs`, {
      keyPath: `prompts[id=${item.prompt.id}].expected_tool`,
      fix: 'add `expected_tool: <tool name>` to the prompt, or choose another scorer in eval.scorer',
    });
  }
  const wrapper = item.prompt.wrapper ?? config.wrapper;
  const { output, finish_reason: finish } = item.generation;
  const thinkOpen = output.indexOf('<think>');
  const thinkClose = output.lastIndexOf('</think>');
  const answer = thinkClose >= 0 ? output.slice(thinkClose + '</think>'.length) : thinkOpen >= 0 ? '' : output;
  const calls = [...findCalls(answer), ...jsonToolCalls(answer)];
  const closed = calls.filter((c) => c.close !== -1);

  for (const call of closed.filter((c) => c.name === wrapper)) {
    const inner = findCalls(wrappedCode(call.args)).filter((c) => c.close !== -1);
    if (inner.some((c) => c.name === expected)) {
      return { score: 1, reason: `${wrapper}(...) wraps a call of ${expected}`, failure_class: 'wrapped-correct' };
    }
  }
  const direct = closed.find((c) => c.name === expected);
  if (direct) {
    return {
      score: config.direct_score,
      reason: `direct call of ${expected} without ${wrapper}(...)`,
      failure_class: 'direct-call',
    };
  }
  if (closed.length > 0) {
    const names = closed.map((c) => (c.name === wrapper ? describeWrapped(c, wrapper) : c.name));
    return {
      score: 0,
      reason: `called ${[...new Set(names)].join(', ')} instead of ${expected}`,
      failure_class: 'wrong-tool',
    };
  }
  if (thinkOpen >= 0 && thinkClose < 0) {
    return {
      score: 0,
      reason: `opened <think> and never reached a tool call (${finish})`,
      failure_class: 'think-mode',
    };
  }
  if (finish === 'timeout')
    return { score: 0, reason: 'generation hit the time limit before a complete call', failure_class: 'timeout' };
  if (finish === 'length') {
    const open = calls.length > 0 ? ` (unclosed ${calls[0]!.name}(...))` : '';
    return { score: 0, reason: `hit max_tokens without a complete call${open}`, failure_class: 'truncated' };
  }
  if (calls.length > 0) {
    return {
      score: 0,
      reason: `${calls[0]!.name}(... never closes although generation stopped`,
      failure_class: 'malformed',
    };
  }
  return { score: 0, reason: 'no tool call in the answer', failure_class: 'prose' };
}

function describeWrapped(call: FoundCall, wrapper: string): string {
  const inner = findCalls(wrappedCode(call.args)).map((c) => c.name);
  return inner.length ? `${wrapper}(${inner.join(', ')})` : `${wrapper}(<no call>)`;
}

/** `<tool_call>{"name": n, "arguments": a}</tool_call>` blocks as calls; `arguments.code` becomes the wrapped code. */
function jsonToolCalls(text: string): FoundCall[] {
  const out: FoundCall[] = [];
  for (const m of text.matchAll(/<tool_call>\s*([\s\S]*?)\s*(<\/tool_call>|$)/g)) {
    try {
      const parsed = JSON.parse(m[1]!) as { name?: unknown; arguments?: unknown };
      if (typeof parsed.name !== 'string') continue;
      const args = parsed.arguments as Record<string, unknown> | string | undefined;
      const code = typeof args === 'string' ? args : typeof args?.code === 'string' ? args.code : '';
      out.push({ name: parsed.name, open: m.index, close: m.index, args: JSON.stringify(code) });
    } catch {
      // An unparseable block is not a call (a truncated one shows up as `truncated`).
    }
  }
  return out;
}
