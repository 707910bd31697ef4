import { mkdtemp, readFile, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimEvaluation, FOREIGN_CLAIM_TTL_MS } from '../../src/evaluation/eval-claim.js';

const dir = () => mkdtemp(join(tmpdir(), 'ss-claim-'));

describe('claimEvaluation: one evaluator for a shared evaluation', () => {
  it('the first claim wins; a second is refused until the first is released', async () => {
    const d = await dir();
    const first = await claimEvaluation(d);
    expect(first).toBeDefined();
    // A live process on this host (the test runner's parent) holds it.
    await writeFile(join(d, 'claim.json'), JSON.stringify({ pid: process.ppid, host: hostname(), at: 'now' }));
    expect(await claimEvaluation(d)).toBeUndefined();
    await first!.release();
    const again = await claimEvaluation(d);
    expect(again).toBeDefined();
    expect(JSON.parse(await readFile(join(d, 'claim.json'), 'utf8'))).toMatchObject({ pid: process.pid });
  });

  it("a dead process's claim on this host is taken over", async () => {
    const d = await dir();
    await writeFile(join(d, 'claim.json'), JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), at: 'then' }));
    expect(await claimEvaluation(d)).toBeDefined();
  });

  it("another host's claim is honoured until it is older than the TTL", async () => {
    const d = await dir();
    const file = join(d, 'claim.json');
    await writeFile(file, JSON.stringify({ pid: 1, host: 'some-other-node', at: 'then' }));
    expect(await claimEvaluation(d)).toBeUndefined();
    const old = (Date.now() - FOREIGN_CLAIM_TTL_MS - 60_000) / 1000;
    await utimes(file, old, old);
    expect(await claimEvaluation(d)).toBeDefined();
  });
});
