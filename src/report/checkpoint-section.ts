/**
 * What the HTML and Markdown checkpoint-selection sections share: their introduction and which
 * chart belongs in them rather than in the chart gallery.
 */
export const CHECKPOINT_INTRO =
  'The headline numbers use the pre-registered checkpoint policy. Here: what the other choices would have given, how much picking the best checkpoint by eval flatters a result, and whether val loss is a guide to the best checkpoint.';

/** True for the chart shown in the checkpoint-selection section. */
export function inSelection(chart: { id: string }): boolean {
  return chart.id === 'checkpoint-selection';
}
