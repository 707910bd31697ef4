import { describe, expect, it } from 'vitest';
import { buildReportModel } from '../../src/report/build-report-model.js';
import { csvText, escapeHtml, escapeMarkdownInline, markdownFence, visibleControls } from '../../src/report/escape.js';
import { renderCsvFiles } from '../../src/report/render-csv.js';
import { renderHtml } from '../../src/report/render-html.js';
import { renderMarkdown } from '../../src/report/render-markdown.js';
import { loadSmallStudy } from './small-study.js';

describe('escapeHtml', () => {
  it('escapes every character that can open markup or end an attribute', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;',
    );
    expect(escapeHtml('</textarea></pre>')).toBe('&lt;/textarea&gt;&lt;/pre&gt;');
  });
});

describe('escapeMarkdownInline', () => {
  it('HTML-escapes, because Markdown renderers pass raw HTML through', () => {
    expect(escapeMarkdownInline('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
  });
  it('escapes emphasis, code, links and table pipes', () => {
    expect(escapeMarkdownInline('**b** `c` [l](u) a|b _i_')).toBe('\\*\\*b\\*\\* \\`c\\` \\[l\\](u) a\\|b \\_i\\_');
  });
  it('neutralises block markers only where they would start a block', () => {
    expect(escapeMarkdownInline('# title')).toBe('\\# title');
    expect(escapeMarkdownInline('- item')).toBe('\\- item');
    expect(escapeMarkdownInline('1. item')).toBe('1\\. item');
    expect(escapeMarkdownInline('---')).toBe('\\---');
    expect(escapeMarkdownInline('43.8%')).toBe('43.8%');
    expect(escapeMarkdownInline('-45.8')).toBe('-45.8');
    expect(escapeMarkdownInline('text-01')).toBe('text-01');
  });
  it('flattens line breaks so a value cannot end a table row', () => {
    expect(escapeMarkdownInline('a\nb\r\nc')).toBe('a b c');
  });
});

describe('markdownFence', () => {
  it('uses a fence longer than any backtick run inside', () => {
    const text = 'a ``` b ```` c';
    const block = markdownFence(text);
    expect(block.startsWith('`````text\n')).toBe(true);
    expect(block.endsWith('\n`````')).toBe(true);
  });
  it('uses three backticks for plain text', () => {
    expect(markdownFence('x')).toBe('```text\nx\n```');
  });
});

describe('csvText', () => {
  it('defuses spreadsheet formulas and leaves other text alone', () => {
    expect(csvText('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
    expect(csvText('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(csvText('text-01')).toBe('text-01');
  });
});

// Item 7 of issue 14: NUL, bidirectional and other control characters in model outputs.
const NUL = '\u0000';
const RLO = '\u202E';
const LRI = '\u2066';
const PDI = '\u2069';
const ZWJ = '\u200D';
const emoji = `👩${ZWJ}💻`; // a ZWJ sequence: legitimate text, kept as is
const hostile =
  `ok${NUL}end ${RLO}txt.exe${'\u202C'} ${LRI}iso${PDI} rlm${'\u200F'} alm${'\u061C'} ` +
  `esc${'\u001B'}[31m del${'\u007F'} c1${'\u0085'} lone${'\r'}cr crlf\r\nline2\ttab ${emoji}`;

/**
 * Raw control or bidi characters in UTF-8 bytes, spelt out byte by byte (not with the code's regex):
 * C0 but tab (09), LF (0A) and CR before LF; DEL; C1 (C2 80..9F); ALM (D8 9C); LRM/RLM (E2 80 8E/8F);
 * LRE..RLO (E2 80 AA..AE); LRI..PDI (E2 81 A6..A9).
 */
function rawControlBytes(text: string): string[] {
  const b = Buffer.from(text, 'utf8');
  const found: string[] = [];
  for (let i = 0; i < b.length; i++) {
    const x = b[i]!;
    const crlf = x === 0x0d && b[i + 1] === 0x0a;
    if ((x < 0x20 && x !== 0x09 && x !== 0x0a && !crlf) || x === 0x7f) found.push(`${i}: ${x}`);
    if (x === 0xc2 && b[i + 1]! >= 0x80 && b[i + 1]! <= 0x9f) found.push(`${i}: C1`);
    if (x === 0xd8 && b[i + 1] === 0x9c) found.push(`${i}: ALM`);
    const bidi = [0x8e, 0x8f, 0xaa, 0xab, 0xac, 0xad, 0xae];
    if (x === 0xe2 && b[i + 1] === 0x80 && bidi.includes(b[i + 2]!)) found.push(`${i}: bidi`);
    if (x === 0xe2 && b[i + 1] === 0x81 && b[i + 2]! >= 0xa6 && b[i + 2]! <= 0xa9) found.push(`${i}: isolate`);
  }
  return found;
}

describe('visibleControls', () => {
  it('shows NUL, bidi, C0 and C1 controls as ⟨U+XXXX⟩ and keeps tab, newline, CRLF and ZWJ', () => {
    expect(visibleControls(hostile)).toBe(
      'ok⟨U+0000⟩end ⟨U+202E⟩txt.exe⟨U+202C⟩ ⟨U+2066⟩iso⟨U+2069⟩ rlm⟨U+200F⟩ alm⟨U+061C⟩ ' +
        `esc⟨U+001B⟩[31m del⟨U+007F⟩ c1⟨U+0085⟩ lone⟨U+000D⟩cr crlf\r\nline2\ttab 👩${ZWJ}💻`,
    );
    expect(visibleControls('\u202A\u202B\u202D\u2067\u2068\u200E\u0001\u001F\u009F\u000B\u000C')).toBe(
      '⟨U+202A⟩⟨U+202B⟩⟨U+202D⟩⟨U+2067⟩⟨U+2068⟩⟨U+200E⟩⟨U+0001⟩⟨U+001F⟩⟨U+009F⟩⟨U+000B⟩⟨U+000C⟩',
    );
    expect(visibleControls('plain text, é, 中文, \u200C')).toBe('plain text, é, 中文, \u200C');
  });

  it('is applied by every escaper', () => {
    expect(escapeHtml(`<b>${RLO}</b>`)).toBe('&lt;b&gt;⟨U+202E⟩&lt;/b&gt;');
    expect(escapeMarkdownInline(`a${NUL}b\nc`)).toBe('a⟨U+0000⟩b c');
    expect(markdownFence(`x${LRI}y`)).toBe('```text\nx⟨U+2066⟩y\n```');
    expect(csvText(`${NUL}=1`)).toBe('⟨U+0000⟩=1');
    expect(csvText('=1')).toBe(`'=1`);
  });
});

describe('hostile control characters through the report model', () => {
  it('report.md, the HTML and the CSVs contain no raw control or bidi character, and show the escapes', async () => {
    const input = await loadSmallStudy();
    const outputs = (input.outputs ?? []).map((o) => ({
      ...o,
      output: `${o.output ?? ''} ${hostile}`,
      reason: `why${RLO}`,
    }));
    expect(outputs.length).toBeGreaterThan(0);
    const model = buildReportModel({ ...input, outputs });
    const md = renderMarkdown(model, []);
    const html = renderHtml(model, []);
    const csv = Object.values(renderCsvFiles(model)).join('\n');
    for (const [name, text] of [
      ['report.md', md],
      ['index.html', html],
      ['csv', csv],
    ] as const) {
      expect(rawControlBytes(text), name).toEqual([]);
    }
    for (const [name, text] of [
      ['report.md', md],
      ['index.html', html],
    ] as const) {
      for (const token of ['⟨U+0000⟩', '⟨U+202E⟩', '⟨U+2066⟩', '⟨U+2069⟩', '⟨U+001B⟩', '⟨U+0085⟩', '⟨U+000D⟩']) {
        expect(text, `${name} ${token}`).toContain(token);
      }
      expect(text, name).toContain(emoji);
      expect(text, name).toContain('line2\ttab');
    }
  });
});
