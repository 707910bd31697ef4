/**
 * Escaping for untrusted text (model outputs, prompt ids, categories, arm names, scorer
 * reasons) in each medium the report writes. Model outputs are adversarial by nature: a
 * generation containing `<script>` or `</textarea>` must show as text and never run.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Characters no report shows raw: C0 controls but tab and newline (a carriage return only when
 * it does not end a CRLF line), DEL, C1 controls, and the bidirectional controls (ALM U+061C,
 * LRM/RLM, LRE..RLO U+202A-U+202E, LRI..PDI U+2066-U+2069) that can reorder what a reader sees.
 * Joiners (ZWJ U+200D in emoji, ZWNJ) are legitimate text and stay.
 */
const HIDDEN_CONTROLS = new RegExp(
  '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F' + // C0 but tab, LF and CR; DEL; C1
    '\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]' + // bidirectional controls
    '|\\r(?!\\n)', // a carriage return that does not end a CRLF line
  'g',
);

/**
 * Shows control and bidirectional characters as visible tokens (`⟨U+202E⟩`, `⟨U+0000⟩`): raw, they
 * spoof what an output says (an RLO reverses the rest of a line) or make tools treat report.md as
 * binary. Every escaper below applies it, so every medium of the report gets it.
 */
export function visibleControls(text: string): string {
  return text.replace(HIDDEN_CONTROLS, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}

/** Escapes text for HTML element content and quoted attribute values; control characters made visible. */
export function escapeHtml(text: string): string {
  return visibleControls(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * Escapes text for one line of Markdown (table cells, list items, headings): HTML-escaped,
 * because Markdown renderers pass raw HTML through; Markdown punctuation that could start
 * emphasis, code, links or tables backslash-escaped; block markers at the start neutralised;
 * line breaks flattened to spaces; control characters made visible.
 */
export function escapeMarkdownInline(text: string): string {
  const flat = visibleControls(text.replace(/\r\n?|\n/g, ' '));
  const escaped = flat.replace(/[&<>"]|[\\`*_[\]|~!{}]/g, (c) => HTML_ESCAPES[c] ?? `\\${c}`);
  return escaped
    .replace(/^(\s*)(#{1,6}|[+-])(?=\s|$)/, (_, space: string, marker: string) => `${space}\\${marker}`)
    .replace(
      /^(\s*)(\d{1,9})([.)])(?=\s|$)/,
      (_, space: string, digits: string, mark: string) => `${space}${digits}\\${mark}`,
    )
    .replace(/^(\s*)(=+|-+)(\s*)$/, (_, a: string, b: string, c: string) => `${a}\\${b}${c}`);
}

/**
 * A fenced Markdown code block whose fence is longer than any backtick run inside, so no
 * content can close it; renderers show fenced content as literal text (no HTML inside).
 * Control characters are made visible: a fence does not stop them.
 */
export function markdownFence(raw: string, info = 'text'): string {
  const text = visibleControls(raw);
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
 * and never pass through here. Control characters are made visible first.
 */
export function csvText(raw: string): string {
  const text = visibleControls(raw);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
