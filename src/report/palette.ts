/**
 * Arm colours: one fixed colour per arm in study order, the same in every chart, from a
 * colour-blind-friendly qualitative palette (Tableau 10 order) that reads on white.
 */
export const ARM_COLORS: readonly string[] = [
  '#4c78a8',
  '#f58518',
  '#54a24b',
  '#e45756',
  '#72b7b2',
  '#b279a2',
  '#eeca3b',
  '#9d755d',
  '#ff9da6',
  '#bab0ac',
];

/** Colour of the i-th arm (cycles after ten arms). */
export function armColor(index: number): string {
  return ARM_COLORS[index % ARM_COLORS.length]!;
}
