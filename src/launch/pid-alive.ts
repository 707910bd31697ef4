/**
 * True when a process with this pid exists on this host (EPERM: it exists but belongs to someone
 * else). Used to tell a live owner (trainer, Slurm task, lock holder) from a dead one's leftovers.
 */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
