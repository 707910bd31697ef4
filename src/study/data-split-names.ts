/** The three files mlx-lm reads from a data directory: checked by a study rule, hashed into every runId. */
export const dataSplits = ['train', 'valid', 'test'] as const;
