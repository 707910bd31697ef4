import { escapeHtml as e } from './escape.js';
import { pct } from '../wording/numbers.js';
import type { DrilldownEntry, ReportModel } from './report-model.js';

/**
 * The per-prompt drill-down in HTML: a collapsed `<details>` per prompt with each seed's
 * output in an escaped `<pre>`, so `</pre>`, `</textarea>` or `<script>` in a model's answer
 * stays text. The least stable prompts are first and open.
 */
export function renderDrilldownHtml(model: ReportModel): string {
  const d = model.drilldown;
  const intro = `<p class="intro">Each seed's answer at its policy checkpoint, least stable prompts first. Model outputs are shown verbatim as text.</p>${d.note ? `<p class="note">${e(d.note)}</p>` : ''}`;
  if (d.prompts.length === 0) return `${intro}<p class="note">No outputs were found.</p>`;
  return (
    intro +
    d.prompts
      .map((p, i) => {
        const rates = p.arms.map((a) => `${e(a.arm)} ${pct(a.passRate)}`).join(' · ');
        const arms = p.arms
          .map(
            (a) =>
              `<h3>${e(a.arm)} <span class="note">(${pct(a.passRate)} of seeds pass)</span></h3><div class="entries">${a.entries.map(entry).join('')}</div>`,
          )
          .join('');
        return `<details class="prompt"${i < 3 ? ' open' : ''}><summary><b>${e(p.promptId)}</b> · ${e(p.category)} · seeds passing: ${rates}</summary><div>${arms}</div></details>`;
      })
      .join('\n')
  );
}

function entry(x: DrilldownEntry): string {
  const cls = x.score >= 1 ? 'score-1' : x.score <= 0 ? 'score-0' : 'score-mid';
  const head = `seed ${x.seed} · step ${x.step} · <span class="${cls}">${pct(x.score)}</span>${x.failureClass ? ` · ${e(x.failureClass)}` : ''}${x.finishReason ? ` · finish: ${e(x.finishReason)}` : ''}`;
  const reason = x.reason ? `<div class="reason">${e(x.reason)}</div>` : '';
  const output =
    x.output === null
      ? '<pre class="missing">(output not found)</pre>'
      : `<pre>${e(x.output)}${x.truncatedChars ? `\n… (${x.truncatedChars} more characters)` : ''}</pre>`;
  return `<div class="entry"><div class="head">${head}</div>${reason}${output}</div>`;
}
