/**
 * Escaping for untrusted text (model outputs, prompt ids, categories, arm names, scorer
 * reasons) in each medium the report writes. Model outputs are adversarial by nature: a
 * generation containing `<script>` or `</textarea>` must show as text and never run.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * Escapes text for one line of Markdown (table cells, list items, headings): HTML-escaped,
 * because Markdown renderers pass raw HTML through; Markdown punctuation that could start
 * emphasis, code, links or tables backslash-escaped; block markers at the start neutralised;
 * line breaks flattened to spaces.
 */
export function escapeMarkdownInline(text: string): string {
  const flat = text.replace(/\r\n?|\n/g, ' ');
  const escaped = flat.replace(/[&<>"]|[\\`*_[\]|~!{}]/g, (c) => HTML_ESCAPES[c] ?? `\\${c}`);
  return escaped
    .replace(/^(\s*)(#{1,6}|[+-])(?=\s|$)/, (_, space: string, marker: string) => `${space}\\${marker}`)
    .replace(/^(\s*)(\d{1,9})([.)])(?=\s|$)/, (_, space: string, digits: string, mark: string) => `${space}${digits}\\${mark}`)
    .replace(/^(\s*)(=+|-+)(\s*)$/, (_, a: string, b: string, c: string) => `${a}\\${b}${c}`);
}

/**
 * A fenced Markdown code block whose fence is longer than any backtick run inside, so no
 * content can close it; renderers show fenced content as literal text (no HTML inside).
 */
export function markdownFence(text: string, info = 'text'): string {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(Math.max(3, longest + 1));
  const body = text.endsWith('\n') ? text : `${text}\n`;
  return `${fence}${info}\n${body}${fence}`;
}

/**
 * Neutralises spreadsheet formula injection in a CSV text cell (OWASP): a cell starting with
 * =, +, -, @, tab or carriage return is prefixed with a single quote, so opening scores.csv in
 * a spreadsheet never evaluates text a model or suite wrote. Numbers are formatted separately
 * and never pass through here.
 */
export function csvText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
