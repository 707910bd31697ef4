import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { pidAlive } from './pid-alive.js';

/**
 * Stops a trainer left running by a seedstudy that was killed (SIGKILL leaves its children
 * alive), before its run is retrained in the same directory. Only a process whose command line
 * names this run's config is touched, so a reused pid is never killed. Returns true if one was stopped.
 */
export async function stopOrphanTrainer(pid: number | null, configPath: string): Promise<boolean> {
  if (pid === null || pid <= 0 || !pidAlive(pid)) return false;
  const ps = await execa('ps', ['-o', 'command=', '-p', String(pid)], { reject: false, timeout: 10_000 });
  if (ps.exitCode !== 0 || !String(ps.stdout).includes(configPath)) return false;
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      /* group or process already gone */
    }
  }
  for (let i = 0; i < 100 && pidAlive(pid); i++) await sleep(50);
  return true;
}
