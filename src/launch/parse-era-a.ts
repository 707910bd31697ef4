import { parseLogFloat, type TrainerLogLine } from './log-line.js';

// Era A: mlx-lm v0.22 through v0.31.3, plain print() lines (see docs/training.md).
const TRAIN =
  /^Iter (\d+): Train loss ([^,]+), Learning Rate ([^,]+), It\/sec ([^,]+), Tokens\/sec ([^,]+), Trained Tokens (\d+), Peak mem ([\d.]+) GB$/;
const VAL = /^Iter (\d+): Val loss ([^,]+), Val took ([\d.]+)s$/;
const SAVE =
  /^Iter (\d+): Saved adapter weights to (.+?adapters\.safetensors) and (.+?(\d{7})_adapters\.safetensors)\.$/;
const FINAL = /^Saved final weights to (.+)\.$/;
const TEST = /^Test loss ([^,]+), Test ppl (\S+)\.$/;
const PARAMS = /^Trainable parameters: ([\d.]+)% \(([\d.]+)M\/([\d.]+)M\)$/;
const START = /^Starting training\.\.\., iters: (\d+)$/;

/** Parses one ANSI-free, trimmed line of era-A output; undefined for lines that carry no metric. */
export function parseEraALine(line: string): TrainerLogLine | undefined {
  let m = TRAIN.exec(line);
  if (m) {
    return {
      kind: 'train',
      iteration: Number(m[1]),
      trainLoss: parseLogFloat(m[2]!),
      learningRate: parseLogFloat(m[3]!) ?? undefined,
      itPerSec: parseLogFloat(m[4]!) ?? undefined,
      tokensPerSec: parseLogFloat(m[5]!) ?? 0,
      trainedTokens: Number(m[6]),
      peakMemoryGb: Number(m[7]),
    };
  }
  if ((m = VAL.exec(line)))
    return { kind: 'val', iteration: Number(m[1]), valLoss: parseLogFloat(m[2]!), valTimeS: Number(m[3]) };
  if ((m = SAVE.exec(line))) {
    const numbered = m[3]!;
    const name = numbered.slice(numbered.lastIndexOf('/') + 1);
    return { kind: 'save', iteration: Number(m[1]), checkpoint: name };
  }
  if ((m = FINAL.exec(line))) return { kind: 'final-save', path: m[1]! };
  if ((m = TEST.exec(line))) return { kind: 'test', testLoss: parseLogFloat(m[1]!), testPpl: parseLogFloat(m[2]!) };
  if ((m = PARAMS.exec(line)))
    return { kind: 'params', percent: Number(m[1]), trainableM: Number(m[2]), totalM: Number(m[3]) };
  if ((m = START.exec(line))) return { kind: 'start', iters: Number(m[1]) };
  return undefined;
}
