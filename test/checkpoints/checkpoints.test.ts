import { mkdtemp, mkdir, readFile, readlink, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkpointStep, discoverCheckpoints } from '../../src/checkpoints/discover-checkpoints.js';
import { checkSafetensors } from '../../src/checkpoints/safetensors-header.js';
import { stageCheckpoint } from '../../src/checkpoints/stage-checkpoint.js';

function safetensors(values: number[]): Buffer {
  const header = Buffer.from(
    JSON.stringify({
      __metadata__: { format: 'mlx' },
      w: { dtype: 'F32', shape: [values.length], data_offsets: [0, values.length * 4] },
    }),
  );
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(header.length));
  const data = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => data.writeFloatLE(v, i * 4));
  return Buffer.concat([len, header, data]);
}

async function adaptersDir(): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'ckpt-')), 'adapters');
  await mkdir(dir);
  await writeFile(join(dir, 'adapter_config.json'), '{"fine_tune_type":"lora"}');
  return dir;
}

describe('checkpoints', () => {
  it('reads the step from NNNNNNN_adapters.safetensors names only', () => {
    expect(checkpointStep('0000200_adapters.safetensors')).toBe(200);
    expect(checkpointStep('adapters.safetensors')).toBeUndefined();
    expect(checkpointStep('0000200_adapters.safetensors.tmp')).toBeUndefined();
  });

  it('discovers checkpoints by step with size and sha256; skips the unnumbered file', async () => {
    const dir = await adaptersDir();
    const a = safetensors([1, 2]);
    const b = safetensors([3, 4, 5]);
    await writeFile(join(dir, '0000020_adapters.safetensors'), b);
    await writeFile(join(dir, '0000010_adapters.safetensors'), a);
    await writeFile(join(dir, 'adapters.safetensors'), b);
    const found = await discoverCheckpoints(dir);
    expect(found.invalid).toEqual([]);
    expect(found.valid.map((c) => c.step)).toEqual([10, 20]);
    expect(found.valid[0]).toEqual({
      step: 10,
      file: join(dir, '0000010_adapters.safetensors'),
      size: a.length,
      sha256: createHash('sha256').update(a).digest('hex'),
    });
  });

  it('rejects empty, truncated, padded and garbage files as partial checkpoints', async () => {
    const dir = await adaptersDir();
    const good = safetensors([1, 2, 3]);
    await writeFile(join(dir, '0000010_adapters.safetensors'), good);
    await writeFile(join(dir, '0000020_adapters.safetensors'), Buffer.alloc(0));
    await writeFile(join(dir, '0000030_adapters.safetensors'), good.subarray(0, good.length - 3));
    await writeFile(join(dir, '0000040_adapters.safetensors'), good.subarray(0, 20));
    await writeFile(join(dir, '0000050_adapters.safetensors'), Buffer.concat([good, Buffer.from('xx')]));
    await writeFile(join(dir, '0000060_adapters.safetensors'), Buffer.from('not a safetensors file at all'));
    const found = await discoverCheckpoints(dir);
    expect(found.valid.map((c) => c.step)).toEqual([10]);
    expect(found.invalid.map((c) => [c.step, c.reason.split(':')[0]])).toEqual([
      [20, 'empty file (size 0)'],
      [30, 'truncated'],
      [40, 'truncated'],
      [50, 'unexpected trailing data'],
      [60, 'invalid header length 7021991845529153390'],
    ]);
    expect(await checkSafetensors(join(dir, '0000010_adapters.safetensors'))).toBeUndefined();
  });

  it('a missing adapters dir has no checkpoints', async () => {
    expect(await discoverCheckpoints('/nonexistent/adapters')).toEqual({ valid: [], invalid: [] });
  });

  it('stages one checkpoint as adapter_config.json + adapters.safetensors, re-pointable', async () => {
    const dir = await adaptersDir();
    await writeFile(join(dir, '0000010_adapters.safetensors'), safetensors([1]));
    await writeFile(join(dir, '0000020_adapters.safetensors'), safetensors([2]));
    const stage = join(dir, '..', 'stage');
    await stageCheckpoint({ file: join(dir, '0000010_adapters.safetensors') }, stage);
    expect(await readlink(join(stage, 'adapters.safetensors'))).toBe(join(dir, '0000010_adapters.safetensors'));
    await stageCheckpoint({ file: join(dir, '0000020_adapters.safetensors') }, stage);
    expect(await readlink(join(stage, 'adapters.safetensors'))).toBe(join(dir, '0000020_adapters.safetensors'));
    expect(await readFile(join(stage, 'adapter_config.json'), 'utf8')).toContain('lora');
  });
});
