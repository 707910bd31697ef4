/**
 * One scored prompt: the long-format row every analysis starts from. Produced by the
 * pipeline from scores.jsonl (plus each checkpoint's exact val loss), or imported from
 * another pipeline's CSV/JSONL. Scores are fractions in [0, 1].
 */
export interface Observation {
  arm: string;
  seed: number;
  /** Training step of the checkpoint; 0 is the base model without adapter. */
  checkpoint: number;
  promptId: string;
  category: string;
  score: number;
  failureClass?: string | undefined;
  /** The checkpoint's val loss (identical for all prompts of one checkpoint). */
  valLoss?: number | undefined;
  /** Index of a repeated evaluation of the same checkpoint (decoding noise); 0 when evaluated once. */
  repeat?: number | undefined;
}
