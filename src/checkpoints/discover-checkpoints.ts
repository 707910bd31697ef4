import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckpointRecord } from '../results/run-record.js';
import { sha256File } from '../plan/sha256-file.js';
import { checkSafetensors } from './safetensors-header.js';

const NUMBERED = /^(\d{7})_adapters\.safetensors$/;

/** A numbered checkpoint file that exists but cannot be used (empty, truncated, bad header). */
export interface InvalidCheckpoint {
  step: number;
  file: string;
  size: number;
  reason: string;
}

/** What the adapters directory holds: usable checkpoints by step, and the broken ones. */
export interface DiscoveredCheckpoints {
  valid: CheckpointRecord[];
  invalid: InvalidCheckpoint[];
}

/** The step encoded in a `NNNNNNN_adapters.safetensors` name, or undefined for other files. */
export function checkpointStep(fileName: string): number | undefined {
  const m = NUMBERED.exec(fileName);
  return m ? Number(m[1]) : undefined;
}

/**
 * Finds the numbered checkpoints in an adapters directory from the filesystem (not from the log,
 * which can lag or lie), checks each is a complete safetensors file and hashes it, so every later
 * stage can prove which weights it evaluated. A missing directory has no checkpoints.
 */
export async function discoverCheckpoints(adaptersDir: string): Promise<DiscoveredCheckpoints> {
  let names: string[];
  try {
    names = await readdir(adaptersDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { valid: [], invalid: [] };
    throw error;
  }
  const found = names
    .map((name) => ({ name, step: checkpointStep(name) }))
    .filter((c): c is { name: string; step: number } => c.step !== undefined && c.step > 0)
    .sort((a, b) => a.step - b.step);
  const valid: CheckpointRecord[] = [];
  const invalid: InvalidCheckpoint[] = [];
  for (const { name, step } of found) {
    const file = join(adaptersDir, name);
    const { size } = await stat(file);
    const problem = await checkSafetensors(file);
    if (problem) invalid.push({ step, file, size, reason: problem });
    else valid.push({ step, file, size, sha256: await sha256File(file) });
  }
  return { valid, invalid };
}
