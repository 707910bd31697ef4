import type { ChartDefinition } from './chart.js';
import { failureClassColor, topLevel } from './theme.js';

/** Outcome (failure) classes per arm and checkpoint: how the model fails, and how that moves with training. */
export const failureClassesChart: ChartDefinition = {
  id: 'failure-classes',
  title: 'Outcome classes per checkpoint',
  caption: "Every scored answer by the scorer's outcome class, summed over seeds and prompts, per arm and checkpoint.",
  build: (model) => {
    if (model.failureCounts.length === 0) return null;
    const classes = [...new Set(model.failureCounts.map((f) => f.failureClass))].sort();
    const rows = model.failureCounts.map((f) => ({
      arm: f.arm,
      step: f.step,
      class: f.failureClass,
      answers: f.count,
    }));
    const manySteps = model.steps.length > 10;
    return topLevel(
      {
        title: { text: 'Outcome classes per checkpoint', subtitle: 'answers per class, summed over seeds and prompts' },
        data: { values: rows },
        facet: {
          field: 'arm',
          type: 'nominal',
          sort: model.arms.map((a) => a.name),
          title: null,
          header: { labelAnchor: manySteps ? 'start' : 'middle', labelFontSize: 13 },
        },
        columns: manySteps ? 1 : 4,
        spec: {
          width: manySteps ? 640 : Math.max(120, 48 * model.steps.length),
          height: 220,
          mark: { type: 'bar' },
          encoding: {
            x: {
              field: 'step',
              type: 'ordinal',
              title: 'Checkpoint step',
              axis: { labelAngle: 0, labelOverlap: true },
            },
            y: { field: 'answers', type: 'quantitative', stack: 'zero', title: 'Answers' },
            color: {
              field: 'class',
              type: 'nominal',
              sort: classes,
              scale: { domain: classes, range: classes.map(failureClassColor) },
              title: 'outcome class',
              legend: { labelLimit: 260 },
            },
            order: { field: 'class', sort: 'ascending' },
            tooltip: [
              { field: 'arm' },
              { field: 'step' },
              { field: 'class', title: 'outcome class' },
              { field: 'answers' },
            ],
          },
        },
      },
      'Stacked bar chart of outcome classes per checkpoint and arm.',
    );
  },
};
