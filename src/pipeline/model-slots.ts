/** What a slot is wanted for; a free slot goes to the most urgent waiter (then first come, first served). */
export type SlotUse = 'decision-eval' | 'train' | 'eval';

const URGENCY: Record<SlotUse, number> = { 'decision-eval': 2, train: 1, eval: 0 };

interface Waiter {
  urgency: number;
  order: number;
  grant: () => void;
}

/** A counting semaphore whose queue is ordered by urgency. */
class PriorityPool {
  private free: number;
  private readonly queue: Waiter[] = [];
  private next = 0;
  constructor(size: number) {
    this.free = size;
  }
  acquire(urgency: number): Promise<() => void> {
    return new Promise((resolve) => {
      const grant = () => {
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.free++;
          this.dispatch();
        });
      };
      this.queue.push({ urgency, order: this.next++, grant });
      this.queue.sort((a, b) => b.urgency - a.urgency || a.order - b.order);
      this.dispatch();
    });
  }
  private dispatch(): void {
    while (this.free > 0 && this.queue.length > 0) {
      this.free--;
      this.queue.shift()!.grant();
    }
  }
}

/**
 * The machine's model budget while `seedstudy run` trains and evaluates at once: every trainer and
 * every evaluator holds one model in memory, so each takes a slot. With `eval_concurrency` 0 they share
 * the `concurrency` slots (a Mac with concurrency 1 never holds two models); with N > 0 evaluations have
 * N slots of their own beside the trainers'. A free slot goes first to a finished run's decision
 * checkpoint (so the headline and a sequential design's looks come early), then to the next training
 * run, then to the remaining checkpoints.
 */
export class ModelSlots {
  private readonly shared: PriorityPool;
  private readonly evals: PriorityPool | undefined;
  constructor(concurrency: number, evalConcurrency: number) {
    this.shared = new PriorityPool(Math.max(1, concurrency));
    this.evals = evalConcurrency > 0 ? new PriorityPool(evalConcurrency) : undefined;
  }
  /** Waits for a slot for `use`; call the returned function once to give it back. */
  acquire(use: SlotUse): Promise<() => void> {
    const pool = use !== 'train' && this.evals ? this.evals : this.shared;
    return pool.acquire(URGENCY[use]);
  }
  /** Runs `work` in a slot for `use`, giving the slot back however it ends. */
  async run<T>(use: SlotUse, work: () => Promise<T>): Promise<T> {
    const release = await this.acquire(use);
    try {
      return await work();
    } finally {
      release();
    }
  }
}
