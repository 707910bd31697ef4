import type { HfModelSource } from './resolve-model-ref.js';
import type { StudyFile } from './schema.js';

/**
 * A validated study with everything resolved: absolute paths, a concrete seed list,
 * at least one arm. Produced by `loadStudy` (src/study/load-study.ts); every later stage
 * takes this, never the raw file.
 */
export interface Study extends Omit<StudyFile, 'seeds' | 'model' | 'data' | 'output'> {
  /** Absolute path of the study file. */
  file: string;
  /** Absolute model directory (for a Hugging Face repo id: its snapshot in the local hub cache). */
  model: string;
  /** Set when `model:` is a Hugging Face repo id (see resolve-model-ref.ts). */
  hfModel?: HfModelSource;
  /** Absolute data directory. */
  data: string;
  /** Concrete seeds, in the order given. */
  seeds: number[];
  /** Absolute output directory (study `output`, or runs/<name>/ under the cwd, or --output). */
  outputDir: string;
  /** Absolute eval.suite path (resolved against the study file); undefined: eval.command owns the prompts. */
  suitePath: string | undefined;
  /** sha256 of the study file text, for provenance. */
  fileSha256: string;
}
