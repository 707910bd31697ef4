import type { ChartDefinition } from './chart.js';
import { seedDistributionChart } from './seed-distribution.chart.js';
import { scoreVsStepChart } from './score-vs-step.chart.js';
import { valLossChart } from './val-loss.chart.js';
import { trainLossChart } from './train-loss.chart.js';
import { checkpointSelectionChart } from './checkpoint-selection.chart.js';
import { lossVsScoreChart } from './loss-vs-score.chart.js';
import { categoryHeatmapChart } from './category-heatmap.chart.js';
import { promptStabilityChart } from './prompt-stability.chart.js';
import { failureClassesChart } from './failure-classes.chart.js';
import { varianceComponentsChart } from './variance-components.chart.js';
import { powerCurveChart } from './power-curve.chart.js';
import { sequentialLooksChart } from './sequential-looks.chart.js';

/** Every chart of the report, in reading order (the order of the HTML and Markdown). */
export const CHARTS: readonly ChartDefinition[] = [
  sequentialLooksChart,
  seedDistributionChart,
  scoreVsStepChart,
  trainLossChart,
  valLossChart,
  lossVsScoreChart,
  checkpointSelectionChart,
  categoryHeatmapChart,
  promptStabilityChart,
  failureClassesChart,
  varianceComponentsChart,
  powerCurveChart,
];
