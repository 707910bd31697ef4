import { createHash } from 'node:crypto';

/**
 * The inline stylesheet and the one inline script of index.html. The script only shows vega's
 * per-mark `aria-label` (the chart's tooltip fields) in a floating box, via textContent, so it
 * never interprets text as HTML. Its sha256 goes into the Content-Security-Policy, which forbids
 * every other script and every network request: even an escaping bug could not run a model's
 * `<script>` or fetch anything.
 */
export const TOOLTIP_SCRIPT = `(function () {
  var tip = document.getElementById('tip');
  if (!tip) return;
  document.addEventListener('mouseover', function (e) {
    var t = e.target;
    var el = t && t.closest ? t.closest('svg [role="graphics-symbol"][aria-label]') : null;
    if (!el || el.closest('.role-axis, .role-legend, .role-title')) { tip.hidden = true; return; }
    tip.textContent = el.getAttribute('aria-label').split('; ').join('\\n');
    tip.hidden = false;
  });
  document.addEventListener('mousemove', function (e) {
    var x = Math.min(e.pageX + 14, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8);
    tip.style.left = x + 'px';
    tip.style.top = (e.pageY + 14) + 'px';
  });
})();`;

/** CSP hash source of the tooltip script. */
export function scriptHash(): string {
  return `'sha256-${createHash('sha256').update(TOOLTIP_SCRIPT).digest('base64')}'`;
}

/** The Content-Security-Policy meta value: inline styles, our one script, data: images; nothing else. */
export function contentSecurityPolicy(): string {
  return `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src ${scriptHash()}; base-uri 'none'; form-action 'none'`;
}

/** The report's stylesheet: system fonts only (no web fonts), readable on white, prints cleanly. */
export const STYLE = `
:root { --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --soft: #f6f8fa; --good: #1a7f37; --bad: #b42318; --warn: #9a6700; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 32px 64px; }
header.top { border-bottom: 1px solid var(--line); margin-bottom: 16px; }
h1 { font-size: 28px; margin: 8px 0 4px; }
h2 { font-size: 21px; margin: 36px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 16px; margin: 18px 0 6px; }
p.meta, p.intro, .note, figcaption { color: var(--muted); }
p.meta { margin: 0 0 12px; }
nav.toc { font-size: 14px; margin: 8px 0 0; }
nav.toc a { margin-right: 14px; color: #0969da; text-decoration: none; }
ul.verdicts { list-style: none; padding: 0; margin: 8px 0; }
ul.verdicts li { padding: 10px 14px; margin: 8px 0; border-left: 5px solid #8c959f; background: var(--soft); border-radius: 4px; font-size: 16px; }
ul.verdicts li.bad { border-left-color: var(--bad); }
ul.verdicts li.good { border-left-color: var(--good); }
ul.verdicts li.unsure { border-left-color: var(--warn); }
ul.verdicts li b { font-weight: 600; }
ul.verdicts li .numbers { display: block; margin-top: 4px; font-size: 13px; color: var(--muted); }
.warnings { border: 1px solid #d4a72c; background: #fff8c5; padding: 8px 14px; border-radius: 4px; margin: 12px 0; }
.warnings ul { margin: 4px 0; padding-left: 20px; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; margin: 8px 0; font-size: 14px; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 10px; vertical-align: top; }
th { text-align: left; background: var(--soft); font-weight: 600; }
td.r, th.r { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
ul.note { font-size: 13px; margin: 4px 0 12px; padding-left: 20px; }
.provenance td { white-space: nowrap; } .provenance td:last-child { white-space: normal; min-width: 260px; }
figure { margin: 20px 0 28px; }
figure .chart { overflow-x: auto; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 14px; max-width: 820px; }
figcaption .files { font-size: 12px; }
details.prompt { border: 1px solid var(--line); border-radius: 6px; margin: 8px 0; }
details.prompt > summary { cursor: pointer; padding: 8px 12px; background: var(--soft); }
details.prompt > div { padding: 4px 12px 12px; }
.entries { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 10px; }
.entry { border: 1px solid var(--line); border-radius: 4px; padding: 6px 8px; }
.entry .head { font-size: 13px; font-weight: 600; }
.entry .reason { font-size: 12px; color: var(--muted); }
.entry pre { margin: 6px 0 0; padding: 6px; background: var(--soft); font-size: 12px; white-space: pre-wrap; word-break: break-word; max-height: 260px; overflow: auto; }
.score-1 { color: var(--good); } .score-0 { color: var(--bad); } .score-mid { color: var(--warn); }
#tip { position: absolute; z-index: 10; pointer-events: none; background: rgba(255,255,255,0.97); border: 1px solid #8c959f; border-radius: 4px; padding: 6px 8px; font-size: 12px; white-space: pre; box-shadow: 0 2px 8px rgba(0,0,0,0.15); }
footer { margin-top: 40px; color: var(--muted); font-size: 13px; }
code { font-size: 13px; }
`;
