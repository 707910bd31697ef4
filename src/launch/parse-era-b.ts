import { parseLogFloat, type TrainerLogLine } from './log-line.js';

// Era B: mlx-lm 0.32.x rich table (PR #1344). No learning rate, it/s or peak memory on stdout.
const TRAIN = /^(\d+)\s+(\S+)\s+[▼▲]\s+([\d,.]+)\s+([\d.]+)k$/;
const VAL = /^(\d+)\s+val\s+(\S+)\s+([\d.]+)s$/;
const SAVE = /^save\s+(.*?((\d{7})_adapters\.safetensors))$/;

/** Parses one ANSI-free, trimmed line of era-B output; undefined for lines that carry no metric. */
export function parseEraBLine(line: string): TrainerLogLine | undefined {
  let m = TRAIN.exec(line);
  if (m) {
    return {
      kind: 'train',
      iteration: Number(m[1]),
      trainLoss: parseLogFloat(m[2]!),
      tokensPerSec: parseLogFloat(m[3]!) ?? 0,
      // Printed as thousands with one decimal, so this is rounded to the nearest 100 tokens.
      trainedTokens: Math.round(Number(m[4]) * 1000),
    };
  }
  if ((m = VAL.exec(line)))
    return { kind: 'val', iteration: Number(m[1]), valLoss: parseLogFloat(m[2]!), valTimeS: Number(m[3]) };
  if ((m = SAVE.exec(line))) {
    const name = m[1]!.slice(m[1]!.lastIndexOf('/') + 1);
    return { kind: 'save', iteration: Number(m[3]), checkpoint: name };
  }
  return undefined;
}
