import { describe, expect, it } from 'vitest';
import { csvText, escapeHtml, escapeMarkdownInline, markdownFence } from '../../src/report/escape.js';

describe('escapeHtml', () => {
  it('escapes every character that can open markup or end an attribute', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
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
