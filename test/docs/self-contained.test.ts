import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The repository must stand alone: docs and code cite only files in the repo. Nothing may point at
 * research notes users do not have ("stats.md"), at a sibling checkout ("../shared") or at a path of
 * the machine the project was built on ("/work/"). Every citation of docs/references.md by section
 * ("docs/references.md §7", or a link "references.md#s7") must name a section that exists there.
 */

const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const self = relative(repo, fileURLToPath(import.meta.url));
const SKIP_DIRS = new Set(['node_modules', '.venv', '.cache', '__pycache__', 'dist', '.git']);

/** Every text file under `dir` (relative to the repo), or the file itself. */
function textFiles(path: string): string[] {
  const abs = join(repo, path);
  if (statSync(abs).isFile()) return [path];
  return readdirSync(abs, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return SKIP_DIRS.has(e.name) ? [] : textFiles(join(path, e.name));
    return e.isFile() ? [join(path, e.name)] : [];
  });
}

const read = (path: string): string | null => {
  const text = readFileSync(join(repo, path), 'utf8');
  return text.includes('\u0000') ? null : text;
};

/** Files that users receive and read: no machine paths, no outside notes. */
const SHIPPED = ['src', 'docs', 'scripts', 'README.md'].flatMap(textFiles);
/** Tests may not cite the outside notes either (this file names the patterns, so it is left out). */
const TESTS = textFiles('test').filter((f) => f !== self);

const FORBIDDEN: ReadonlyArray<readonly [string, RegExp]> = [
  ['stats.md', /stats\.md/],
  ['../shared', /\.\.\/shared/],
  ['/work/', /\/work\//],
];

function offences(files: readonly string[], patterns: ReadonlyArray<readonly [string, RegExp]>): string[] {
  const found: string[] = [];
  for (const file of files) {
    const text = read(file);
    if (text === null) continue;
    text.split('\n').forEach((line, i) => {
      for (const [name, re] of patterns) if (re.test(line)) found.push(`${file}:${i + 1}: ${name}`);
    });
  }
  return found;
}

const references = readFileSync(join(repo, 'docs/references.md'), 'utf8');
/** Section numbers of docs/references.md, from its `## N. Title` headings. */
const sections = new Set([...references.matchAll(/^## (\d+)\. /gm)].map((m) => m[1]!));
/** Explicit anchors of docs/references.md (`<a id="sN"></a>`). */
const anchors = new Set([...references.matchAll(/<a id="([\w-]+)"><\/a>/g)].map((m) => m[1]!));

describe('the repository stands alone', () => {
  it('shipped files cite no outside notes and no path of the build machine', () => {
    expect(SHIPPED.length).toBeGreaterThan(100);
    expect(offences(SHIPPED, FORBIDDEN)).toEqual([]);
  });

  it('tests cite no outside notes', () => {
    expect(TESTS.length).toBeGreaterThan(50);
    expect(offences(TESTS, FORBIDDEN.slice(0, 2))).toEqual([]);
  });

  it('docs/references.md numbers its sections 1..N, each with the anchor sN', () => {
    const numbers = [...references.matchAll(/^## (\d+)\. /gm)].map((m) => Number(m[1]));
    expect(numbers.length).toBeGreaterThan(10);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    for (const n of numbers) {
      expect(references).toMatch(new RegExp(`<a id="s${n}"></a>\\s*\\n## ${n}\\. `));
    }
  });

  it('every citation of docs/references.md names a section that exists', () => {
    const cited: string[] = [];
    const missing: string[] = [];
    for (const file of [...SHIPPED, ...TESTS]) {
      const text = read(file);
      if (text === null) continue;
      const here = (m: RegExpMatchArray) => `${file}:${text.slice(0, m.index).split('\n').length}`;
      // "docs/references.md §7", "references.md §2, §8, §14"
      for (const m of text.matchAll(/references\.md ((?:§[\d.]*\d(?:, )?)+)/g)) {
        for (const [, n] of m[1]!.matchAll(/§([\d.]*\d)/g)) {
          cited.push(n!);
          if (!sections.has(n!)) missing.push(`${here(m)}: §${n}`);
        }
      }
      // links: "references.md#s7"
      for (const m of text.matchAll(/references\.md#([\w-]+)/g)) {
        cited.push(m[1]!);
        if (!anchors.has(m[1]!)) missing.push(`${here(m)}: #${m[1]}`);
      }
    }
    expect(cited.length).toBeGreaterThan(40);
    expect(missing).toEqual([]);
  });

  it("docs/references.md's own cross-references and contents links resolve", () => {
    const missing = [...references.matchAll(/§([\d.]*\d)/g)].map((m) => m[1]!).filter((n) => !sections.has(n));
    const links = [...references.matchAll(/\]\(#([\w-]+)\)/g)].map((m) => m[1]!).filter((a) => !anchors.has(a));
    expect(missing).toEqual([]);
    expect(links).toEqual([]);
  });

  it('the checks catch what they look for', () => {
    expect(FORBIDDEN.filter(([, re]) => re.test('see stats.md §2g in /work/x/../shared/y')).length).toBe(3);
    expect(FORBIDDEN.some(([, re]) => re.test('docs/statistics.md and docs/references.md'))).toBe(false);
    expect(sections.has('99')).toBe(false);
    expect(sections.has('1')).toBe(true);
  });
});
