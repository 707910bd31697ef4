import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureFreshDist } from '../helpers/fresh-dist.js';

/**
 * The docs' ```console blocks are real output: every `$ seedstudy …` command in them is run with
 * the compiled CLI (`node bin/seedstudy.js`) from the repository root, and its output must equal
 * the block. Conventions of a block (written down for readers at the top of each doc):
 *   - a command line starts with `$ seedstudy `; a line ending in `\` continues on the next line;
 *   - the lines after it, up to the next command, are its stdout followed by its stderr;
 *   - a last line `(exit N)` gives a non-zero exit code (no such line: the command exits 0);
 *   - `<repo>` stands for the absolute path of the checkout (validate prints absolute paths).
 * In the two narrative docs, every percentage and decimal number of the prose (outside code) must
 * also appear in one of the doc's console blocks, so a changed number cannot survive in the text.
 *
 * SEEDSTUDY_UPDATE_DOCS=1 rewrites the blocks with the current output instead of comparing (then
 * read the diff, and fix the prose the new numbers contradict).
 */

const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const UPDATE = process.env.SEEDSTUDY_UPDATE_DOCS === '1';
const DOCS = ['docs/case-study-phase43.md', 'docs/worked-example.md', 'docs/history-records.md'];
/** Docs whose prose numbers must come from their console blocks. */
const NUMBERS_CHECKED = new Set(['docs/case-study-phase43.md', 'docs/worked-example.md']);

interface Command {
  /** The command as written, continuation lines included. */
  source: string[];
  argv: string[];
  output: string;
  exitCode: number;
}
interface Block {
  start: number;
  end: number;
  commands: Command[];
}

/** Splits a command line into argv: whitespace separates, "…" and '…' group. No shell. */
function splitArgv(line: string): string[] {
  const out: string[] = [];
  let cur: string | undefined;
  let quote: string | undefined;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      cur ??= '';
    } else if (/\s/.test(ch)) {
      if (cur !== undefined) out.push(cur);
      cur = undefined;
    } else cur = (cur ?? '') + ch;
  }
  if (quote) throw new Error(`unbalanced ${quote} in: ${line}`);
  if (cur !== undefined) out.push(cur);
  return out;
}

const trimLines = (s: string) => s.split('\n').map((l) => l.trimEnd()).join('\n').replace(/\n+$/, '');

/** Every ```console block of a Markdown text, split into commands and their expected output. */
function consoleBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  for (const m of text.matchAll(/^```console\n([\s\S]*?)^```$/gm)) {
    const body = m[1]!;
    const start = m.index + '```console\n'.length;
    const commands: Command[] = [];
    const lines = body.replace(/\n$/, '').split('\n');
    for (let i = 0; i < lines.length; ) {
      if (!lines[i]!.startsWith('$ ')) throw new Error(`console block at offset ${m.index}: output before any command: ${lines[i]}`);
      const source = [lines[i]!];
      let joined = lines[i]!.slice(2);
      while (joined.endsWith('\\') && i + 1 < lines.length) {
        joined = `${joined.slice(0, -1)} ${lines[++i]!.trim()}`;
        source.push(lines[i]!);
      }
      const output: string[] = [];
      while (++i < lines.length && !lines[i]!.startsWith('$ ')) output.push(lines[i]!);
      let exitCode = 0;
      const last = output.at(-1)?.match(/^\(exit (\d+)\)$/);
      if (last) {
        exitCode = Number(last[1]);
        output.pop();
      }
      const argv = splitArgv(joined);
      if (argv[0] !== 'seedstudy') throw new Error(`console block command is not seedstudy: ${joined}`);
      commands.push({ source, argv: argv.slice(1), output: trimLines(output.join('\n')), exitCode });
    }
    blocks.push({ start, end: start + body.length, commands });
  }
  return blocks;
}

/** Runs one documented command the way a reader would, from the repository root. */
async function runCommand(argv: string[]): Promise<{ output: string; exitCode: number }> {
  const r = await execa(process.execPath, ['bin/seedstudy.js', ...argv], { cwd: repo, reject: false, timeout: 60_000, env: { NO_COLOR: '1', FORCE_COLOR: '0' } });
  const text = [r.stdout, r.stderr].filter((s) => s.length > 0).join('\n');
  return { output: trimLines(text.split(repo).join('<repo>')), exitCode: r.exitCode ?? -1 };
}

/** The docs show `seedstudy`, i.e. bin/seedstudy.js, i.e. dist/: rebuild it when src/ is newer. */
beforeAll(() => ensureFreshDist(join('cli', 'main.js')), 600_000);

describe('the docs\' console blocks are the CLI\'s real output', () => {
  it('splits argv like the docs write it', () => {
    expect(splitArgv(`reproduce --claimed 38.9% --name "Phase 43a iter 600" --x 'a b'`)).toEqual(['reproduce', '--claimed', '38.9%', '--name', 'Phase 43a iter 600', '--x', 'a b']);
  });

  for (const doc of DOCS) {
    it(doc, async () => {
      const file = join(repo, doc);
      const text = readFileSync(file, 'utf8');
      const blocks = consoleBlocks(text);
      expect(blocks.length, `${doc} has no console block`).toBeGreaterThan(0);
      const results = await Promise.all(blocks.map((b) => Promise.all(b.commands.map((c) => runCommand(c.argv)))));
      if (UPDATE) {
        let out = text;
        for (let i = blocks.length - 1; i >= 0; i--) {
          const b = blocks[i]!;
          const body = b.commands.map((c, j) => {
            const r = results[i]![j]!;
            return [...c.source, ...(r.output ? [r.output] : []), ...(r.exitCode === 0 ? [] : [`(exit ${r.exitCode})`])].join('\n');
          });
          out = `${out.slice(0, b.start)}${body.join('\n')}\n${out.slice(b.end)}`;
        }
        writeFileSync(file, out);
        return;
      }
      blocks.forEach((b, i) =>
        b.commands.forEach((c, j) => {
          const r = results[i]![j]!;
          const what = `${doc}: $ seedstudy ${c.argv.join(' ')}`;
          expect.soft(r.output, what).toBe(c.output);
          expect.soft(r.exitCode, `${what} (exit code)`).toBe(c.exitCode);
        }),
      );
      if (NUMBERS_CHECKED.has(doc)) {
        const consoleText = blocks.map((b) => text.slice(b.start, b.end)).join('\n');
        const prose = text.replace(/^```[\s\S]*?^```$/gm, '').replace(/`[^`\n]*`/g, '');
        const missing = [...new Set(prose.match(/\d+(?:\.\d+)?%|\d+\.\d+/g) ?? [])].filter((n) => {
          const escaped = n.replace(/[.%]/g, (ch) => `\\${ch}`);
          return !new RegExp(`(?<![\\d.])${escaped}(?![\\d])`).test(consoleText);
        });
        expect.soft(missing, `${doc}: numbers in the prose that no console block of the doc prints`).toEqual([]);
      }
    }, 120_000);
  }
});
