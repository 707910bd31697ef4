import type { AnalysisResult } from '../statistics/analysis-result.js';

/**
 * The consistency checks of imported history records, one line per printed figure: what the
 * write-up printed, what its own data give, and ✓ or ✗. Printed by every analysis command that
 * imported a record, so a miscounted summary is seen before the statistics built on it.
 */
export function formatHistoryChecks(history: AnalysisResult['history']): string[] {
  if (!history?.length) return [];
  const lines = ["History records (printed summary figures recomputed from each record's own data):"];
  for (const record of history) {
    const unreachable = record.checks.filter((c) => c.reachable === false).length;
    const disagree = record.checks.filter((c) => !c.matches).length;
    const parts = [
      `${disagree} disagree${disagree === 1 ? 's' : ''} with the data`,
      ...(unreachable
        ? [`${unreachable} ${unreachable === 1 ? 'is not a score' : 'are not scores'} this eval can produce`]
        : []),
    ];
    lines.push(`  ${record.arm} (${record.file}): ${record.checks.length} figure(s) checked: ${parts.join(', ')}`);
    let source = '';
    for (const c of record.checks) {
      if (c.source !== source) {
        source = c.source;
        lines.push(`    ${source}`);
      }
      lines.push(`      ${c.agrees ? '✓' : '✗'} ${c.figure} = ${c.reported}: ${c.detail}`);
    }
  }
  return lines;
}
