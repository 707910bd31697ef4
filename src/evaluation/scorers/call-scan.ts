/**
 * A small scanner for Python-like calls in model output (`name(args)`), aware of string literals so
 * `execute_code("read_file('a(b')")` is one call. Shared by the tool-call scorer; kept separate
 * because the bracket and quote rules are the part worth testing on their own.
 */
export interface FoundCall {
  name: string;
  /** Index of the opening parenthesis. */
  open: number;
  /** Index of the matching closing parenthesis, or -1 when the call never closes (truncated output). */
  close: number;
  /** Text between the parentheses (up to the end of the text when unclosed). */
  args: string;
}

const CALL_START = /([A-Za-z_][A-Za-z0-9_.]*)\(/g;

/** Every top-level-or-nested call in `text`, in order of appearance (calls inside string literals excluded). */
export function findCalls(text: string): FoundCall[] {
  const inString = stringMask(text);
  const calls: FoundCall[] = [];
  for (const m of text.matchAll(CALL_START)) {
    const open = m.index + m[1]!.length;
    if (inString[m.index]) continue;
    const close = matchParen(text, open);
    const name = m[1]!.split('.').pop()!;
    calls.push({ name, open, close, args: text.slice(open + 1, close === -1 ? text.length : close) });
  }
  return calls;
}

/** Index of the parenthesis closing the one at `open`, skipping string literals; -1 if none. */
export function matchParen(text: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return c === ')' ? i : -1;
    }
  }
  return -1;
}

/** For each index, whether it lies inside a string literal. */
function stringMask(text: string): boolean[] {
  const mask = new Array<boolean>(text.length).fill(false);
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      mask[i] = true;
      if (c === '\\') {
        if (i + 1 < text.length) mask[i + 1] = true;
        i++;
      } else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
      mask[i] = true;
    }
  }
  return mask;
}

/**
 * The code inside a wrapper call's arguments: `"..."`, `'...'`, triple quotes, or `code="..."`;
 * unescaped. Returns the raw arguments when they are not a single string literal.
 */
export function wrappedCode(args: string): string {
  const body = args.trim().replace(/^[A-Za-z_][A-Za-z0-9_]*\s*=\s*/, '');
  const m = /^("""|'''|"|')([\s\S]*?)(?:\1)?\s*,?\s*$/.exec(body);
  if (!m) return body;
  return m[2]!
    .replace(/\\(["'\\])/g, '$1')
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t');
}
