import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { fsWriteError } from '../errors/fs-write-error.js';
import { UserError } from '../errors/user-error.js';
import { pidAlive } from '../launch/pid-alive.js';
import { studyLayout } from '../plan/run-layout.js';

/** Who holds a study's lock. */
export interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
}

/** A held lock; release it when the stage ends (a SIGKILLed holder leaves a stale lock, which is taken over). */
export interface StudyLock {
  path: string;
  owner: LockOwner;
  /** True when a dead process's lock was taken over: its runs may be left "running". */
  tookOver: LockOwner | undefined;
  release(): Promise<void>;
}

async function readOwner(path: string): Promise<LockOwner | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LockOwner;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return { pid: -1, host: '?', startedAt: '?', command: '(unreadable lock file)' };
  }
}

/**
 * Takes the study's lock so two `seedstudy train` never write the same runs. The lock file is
 * created complete and atomically (written aside, then hard-linked into place, which fails if it
 * exists). A lock left by a dead process on this host is taken over; a lock from another host is
 * refused, since we cannot see whether its process lives.
 */
export async function acquireStudyLock(outputDir: string, command = 'seedstudy train'): Promise<StudyLock> {
  const path = studyLayout.lock(outputDir);
  const owner: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), command };
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await mkdir(outputDir, { recursive: true });
    await writeFile(tmp, `${JSON.stringify(owner, null, 2)}\n`);
  } catch (error) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw fsWriteError(error, path); // a full or read-only output directory, named by its lock file
  }
  let tookOver: LockOwner | undefined;
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await link(tmp, path);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw error;
      }
      const holder = await readOwner(path);
      if (!holder) continue;
      if (holder.host !== owner.host) {
        throw new UserError(
          `the study output ${outputDir} is locked by ${holder.command} (pid ${holder.pid}) on host ${holder.host}, started ${holder.startedAt}`,
          { file: path, fix: `wait for it to finish; if no seedstudy runs on ${holder.host} any more, delete ${path}` },
        );
      }
      if (holder.pid > 0 && holder.pid !== process.pid && pidAlive(holder.pid)) {
        throw new UserError(
          `another ${holder.command} (pid ${holder.pid}, started ${holder.startedAt}) is working on ${outputDir}`,
          {
            file: path,
            fix: `wait for it to finish or stop it (kill ${holder.pid}); then run this command again`,
          },
        );
      }
      tookOver = holder;
      await rm(path, { force: true });
    }
  } finally {
    await rm(tmp, { force: true });
  }
  return {
    path,
    owner,
    tookOver,
    async release() {
      const holder = await readOwner(path);
      if (holder && holder.pid === owner.pid && holder.host === owner.host) await rm(path, { force: true });
    },
  };
}
