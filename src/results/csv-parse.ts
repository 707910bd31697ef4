/**
 * A small RFC 4180 CSV reader (quoted fields, doubled quotes, CRLF, newlines inside quotes)
 * that keeps the 1-based line number of each record, so import errors can point at
 * `file:line`. Lines starting with `#` outside quotes are comments (fixtures cite their source
 * there). The project has no CSV parser dependency and needs only this much.
 */
export interface CsvRecord {
  /** 1-based line where the record starts. */
  line: number;
  fields: string[];
}

/** A quoted field that is never closed: where its opening quote is (1-based line and field). */
export class CsvQuoteError extends SyntaxError {
  constructor(
    readonly line: number,
    readonly column: number,
  ) {
    super(`the quote that opens field ${column} on line ${line} is never closed`);
    this.name = 'CsvQuoteError';
  }
}

/** Parses CSV text into records (blank and `#` comment lines skipped). Throws CsvQuoteError on an unclosed quote. */
export function parseCsv(text: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  let i = 0;
  let line = 1;
  const n = text.length;
  if (text.charCodeAt(0) === 0xfeff) i = 1; // BOM
  while (i < n) {
    // start of a record
    if (text[i] === '#') {
      while (i < n && text[i] !== '\n') i++;
      i++;
      line++;
      continue;
    }
    if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] === '\n')) {
      i += text[i] === '\r' ? 2 : 1;
      line++;
      continue;
    }
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    let quoteLine = line;
    for (;;) {
      if (i >= n) {
        if (quoted) throw new CsvQuoteError(quoteLine, fields.length + 1);
        fields.push(field);
        break;
      }
      const ch = text[i]!;
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            quoted = false;
            i++;
          }
        } else {
          if (ch === '\n') line++;
          field += ch;
          i++;
        }
        continue;
      }
      if (ch === '"' && field === '') {
        quoted = true;
        quoteLine = line;
        i++;
      } else if (ch === ',') {
        fields.push(field);
        field = '';
        i++;
      } else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
        fields.push(field);
        i += ch === '\r' ? 2 : 1;
        line++;
        break;
      } else {
        field += ch;
        i++;
      }
    }
    out.push({ line: startLine, fields: fields.map((f) => f.trim()) });
  }
  return out;
}
