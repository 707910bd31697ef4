import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Document, type Node } from 'yaml';
import { UserError } from '../errors/user-error.js';

/** A key path inside a study file: object keys and array indices, as zod reports them. */
export type KeyPath = ReadonlyArray<string | number>;

/**
 * A parsed YAML file that remembers where each key was written, so every later error
 * (schema or cross-field) can point at the line the user has to edit.
 */
export interface YamlSource {
  file: string;
  text: string;
  /** The plain data (what zod validates). */
  data: unknown;
  /**
   * 1-based line of the key (or sequence item) at `path`; the nearest written ancestor's line when the path is absent.
   */
  lineOf(path: KeyPath): number | undefined;
}

/** `{line}` of the key at `path`, or `{}` when unknown: spread into a UserError's options. */
export function lineAt(source: YamlSource, path: KeyPath): { line?: number } {
  const line = source.lineOf(path);
  return line === undefined ? {} : { line };
}

/** Alias expansions allowed while converting a document to data (the yaml library's default). */
const MAX_ALIASES = 100;

/** Parses YAML text, turning syntax errors (including duplicate keys) into a UserError with a line. */
export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem) {
    const line = lineCounter.linePos(problem.pos[0]).line;
    const duplicate = problem.code === 'DUPLICATE_KEY';
    const key = /^\s*-?\s*([^:#]+?)\s*:/.exec(text.split('\n')[line - 1] ?? '')?.[1] ?? '?';
    throw new UserError(
      duplicate ? `key \`${key}\` is written twice in the same mapping` : `invalid YAML: ${firstLine(problem.message)}`,
      {
        file,
        line,
        fix: duplicate
          ? 'keep one of the two entries'
          : 'fix the YAML syntax at that line (indentation, a missing ":" or an unclosed quote)',
      },
    );
  }
  let data: unknown;
  try {
    // Expanding aliases is where a "billion laughs" file would explode; the yaml library stops at
    // MAX_ALIASES expansions with a ReferenceError, which here is the user's file, not a bug.
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    throw new UserError(`invalid YAML: ${firstLine(error.message)}`, {
      file,
      fix: `write the values out instead of nesting aliases (*name); at most ${MAX_ALIASES} expansions are allowed`,
    });
  }
  return { file, text, data, lineOf: (path) => locate(doc, path, lineCounter) };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function locate(doc: Document, path: KeyPath, lines: LineCounter): number | undefined {
  let node: unknown = doc.contents;
  let offset: number | undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      offset = (pair.key as Node).range?.[0];
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0];
      node = item;
    } else {
      break;
    }
  }
  return offset === undefined ? undefined : lines.linePos(offset).line;
}
