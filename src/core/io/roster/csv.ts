// A delimited-text reader that knows where each record starts. csv-parse reports where a record
// ends, not the physical line it starts on (which is what a user looks for in Excel or a text
// editor when a quoted cell spans several lines), and it throws on the malformed quoting that
// real exports contain; this reader keeps going and says what it did instead.
import { problem, type Problem } from './values';

export const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export interface TextRecord {
  /** Physical line (1-based) on which the record starts. */
  line: number;
  cells: string[];
}

export type TextProblem = Problem & { line: number };

export interface ParsedText {
  records: TextRecord[];
  problems: TextProblem[];
  lineEnding: 'crlf' | 'lf' | 'cr' | 'none';
}

/** Excel writes `sep=;` as a first line when asked to; it names the delimiter and is not data. */
const SEP_LINE = /^sep=([,;\t|])\r?\n?/i;

export function explicitDelimiter(text: string): Delimiter | undefined {
  const m = SEP_LINE.exec(text);
  return m && (DELIMITERS as readonly string[]).includes(m[1]!) ? (m[1] as Delimiter) : undefined;
}

/**
 * Counts each candidate outside quotes on the first records: the delimiter is the one that splits
 * the header and then splits most records into the same number of cells.
 */
export function sniffDelimiter(text: string): Delimiter {
  const explicit = explicitDelimiter(text);
  if (explicit) return explicit;
  const sample = text.slice(0, 64 * 1024);
  const counts: Record<Delimiter, number[]> = { ',': [0], ';': [0], '\t': [0] };
  let quoted = false;
  let lines = 0;
  for (let i = 0; i < sample.length && lines < 50; i++) {
    const c = sample[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) {
      if (c === '\r' && sample[i + 1] === '\n') i++;
      lines++;
      for (const d of DELIMITERS) counts[d].push(0);
    } else if (!quoted && (c === ',' || c === ';' || c === '\t')) {
      const list = counts[c];
      list[list.length - 1]!++;
    }
  }
  let best: Delimiter = ',';
  let bestScore = -1;
  for (const d of DELIMITERS) {
    const [header = 0, ...rest] = counts[d];
    if (header === 0) continue;
    const rows = rest.filter((n) => n > 0);
    const consistent = rows.filter((n) => n === header).length;
    const score = consistent * 1000 + header;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/**
 * RFC 4180 with the leniencies real files need: a quote inside an unquoted cell is a character;
 * text after a closing quote is kept in the cell; a quote never closed swallows the rest of the
 * file into its cell and is reported on the line where it opened.
 */
export function parseDelimited(input: string, delimiter: Delimiter): ParsedText {
  const text = input.replace(SEP_LINE, (m) => (explicitDelimiter(m) ? '\n' : m));
  const skippedSepLine = text !== input;
  const records: TextRecord[] = [];
  const problems: TextProblem[] = [];
  let line = 1;
  let recordLine = 1;
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let quoteLine = 0;
  let cellStarted = false;
  let sawCrlf = false;
  let sawLf = false;
  let sawCr = false;
  const endRecord = () => {
    cells.push(cell);
    records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
    cellStarted = false;
  };
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === 34) {
        if (text.charCodeAt(i + 1) === 34) {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === 10 || c === 13) {
          if (c === 13 && text.charCodeAt(i + 1) === 10) {
            cell += '\r\n';
            i++;
          } else cell += text[i];
          line++;
        } else cell += text[i];
      }
      continue;
    }
    if (c === 34 && !cellStarted) {
      quoted = true;
      cellStarted = true;
      quoteLine = line;
    } else if (c === delimiter.charCodeAt(0)) {
      cells.push(cell);
      cell = '';
      cellStarted = false;
    } else if (c === 10 || c === 13) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) {
        i++;
        sawCrlf = true;
      } else if (c === 13) sawCr = true;
      else sawLf = true;
      endRecord();
      line++;
      recordLine = line;
    } else {
      cell += text[i];
      cellStarted = true;
    }
  }
  if (quoted) {
    problems.push({ line: quoteLine, ...problem('unclosed_quote', 'unclosedQuote', { line: quoteLine }) });
  }
  if (cellStarted || cell !== '' || cells.length > 0) endRecord();
  if (skippedSepLine) records.shift();
  const lineEnding = sawCrlf ? 'crlf' : sawLf ? 'lf' : sawCr ? 'cr' : 'none';
  return { records, problems, lineEnding };
}
