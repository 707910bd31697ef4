import { link, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { pidAlive } from '../launch/pid-alive.js';

/** How long a claim by a process on another host is honoured (we cannot see whether it lives). */
export const FOREIGN_CLAIM_TTL_MS = 12 * 3600 * 1000;

/** A held claim on a shared evaluation; release it when the evaluation is written (or failed). */
export interface EvalClaim {
  release(): Promise<void>;
}

/**
 * Claims a shared evaluation directory (the base model's) so that concurrent Slurm tasks of one study
 * evaluate it once: the first task creates `claim.json` atomically (written aside, hard-linked into
 * place); the others see it and leave the evaluation to the holder. A claim by a dead process on this
 * host, or one older than FOREIGN_CLAIM_TTL_MS from another host, is taken over, so a task killed
 * mid-evaluation does not block the base evaluation forever. Undefined when someone else holds it.
 */
export async function claimEvaluation(dir: string, now = Date.now()): Promise<EvalClaim | undefined> {
  const path = join(dir, 'claim.json');
  await mkdir(dir, { recursive: true });
  const owner = { pid: process.pid, host: hostname(), at: new Date(now).toISOString() };
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, `${JSON.stringify(owner)}\n`);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await link(tmp, path);
        return { release: () => rm(path, { force: true }) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        if (await claimLive(path, now)) return undefined;
        await rm(path, { force: true }); // a dead holder's claim: take it over
      }
    }
    return undefined;
  } finally {
    await rm(tmp, { force: true });
  }
}

async function claimLive(path: string, now: number): Promise<boolean> {
  try {
    const held = JSON.parse(await readFile(path, 'utf8')) as { pid?: number; host?: string };
    if (held.host === hostname() && typeof held.pid === 'number') return held.pid !== process.pid && pidAlive(held.pid);
    return now - (await stat(path)).mtimeMs < FOREIGN_CLAIM_TTL_MS;
  } catch {
    return false; // gone, or unreadable (claims are created whole): nobody to wait for
  }
}
