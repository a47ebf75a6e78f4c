import { normalizeEmail } from '../leads/email-address.ts';

/** How a lead turned out, as a backtest reads it. */
export const Outcome = { Won: 'won', Lost: 'lost' } as const;
export type Outcome = (typeof Outcome)[keyof typeof Outcome];

/** The spellings an outcome column may use, case aside: what CRM exports and spreadsheets write. */
const OUTCOME_WORDS: Readonly<Record<string, Outcome>> = {
  won: Outcome.Won,
  '1': Outcome.Won,
  yes: Outcome.Won,
  lost: Outcome.Lost,
  '0': Outcome.Lost,
  no: Outcome.Lost,
};

/** One lead's outcome, with the line of the file it came from. */
export interface OutcomeRow {
  line: number;
  /** Normalised as leads are stored: trimmed, lower-cased. */
  email: string;
  outcome: Outcome;
}

export type OutcomesParse = { ok: true; rows: OutcomeRow[] } | { ok: false; problems: string[] };

/** A CSV record: its fields, and the line it starts on (a quoted field may span lines). */
interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * Splits CSV text into records per RFC 4180: fields separated by commas, records by CRLF or LF,
 * a field in double quotes may hold commas, line breaks and `""` for a quote. A leading BOM and
 * blank lines are ignored. Malformed quoting is reported by line, not guessed at.
 */
export function parseCsv(text: string): { records: CsvRecord[]; problems: string[] } {
  const records: CsvRecord[] = [];
  const problems: string[] = [];
  const source = text.replace(/^\uFEFF/, '');
  let line = 1;
  let position = 0;
  while (position < source.length) {
    const start = line;
    const fields: string[] = [];
    let problem: string | undefined;
    for (;;) {
      let field = '';
      if (source[position] === '"') {
        position++;
        for (;;) {
          const quote = source.indexOf('"', position);
          if (quote === -1) {
            problem ??= 'a quoted field is never closed';
            field += source.slice(position);
            position = source.length;
            break;
          }
          field += source.slice(position, quote);
          position = quote + 1;
          if (source[position] !== '"') break;
          field += '"';
          position++;
        }
        line += countLineBreaks(field);
        const end = nextDelimiter(source, position);
        if (end > position) problem ??= `text after the closing quote of field ${fields.length + 1}`;
        position = end;
      } else {
        const end = nextDelimiter(source, position);
        field = source.slice(position, end);
        if (field.includes('"')) problem ??= `a quote inside unquoted field ${fields.length + 1} (quote the whole field and double the quote)`;
        position = end;
      }
      fields.push(field);
      if (source[position] !== ',') break;
      position++;
    }
    const lineBreak = /^(?:\r\n|\r|\n)/.exec(source.slice(position, position + 2))?.[0];
    if (lineBreak) {
      position += lineBreak.length;
      line++;
    }
    if (problem) problems.push(`line ${start}: ${problem}`);
    else if (!(fields.length === 1 && fields[0]!.trim() === '')) records.push({ line: start, fields });
  }
  return { records, problems };
}

/** Where the field that starts at `from` ends: the next comma or line break, or the end. */
function nextDelimiter(source: string, from: number): number {
  const delimiter = /[,\r\n]/g;
  delimiter.lastIndex = from;
  return delimiter.exec(source)?.index ?? source.length;
}

const countLineBreaks = (text: string) => (text.match(/\r\n|\r|\n/g) ?? []).length;

/**
 * Reads a file of outcomes: a header naming `email` and `outcome` (other columns are ignored),
 * then one lead a line, `won`/`lost` (or `1`/`0`, `yes`/`no`, any case). Every bad line is reported
 * with its number; a file with any is refused whole, so a typo never skews the figures unnoticed.
 */
export function parseOutcomesCsv(text: string): OutcomesParse {
  const { records, problems } = parseCsv(text);
  const [header, ...body] = records;
  if (!header) return { ok: false, problems: [...problems, 'the file is empty: it needs a header line "email,outcome" and one line per lead'] };
  const columns = header.fields.map((name) => name.trim().toLowerCase());
  const emailColumn = columns.indexOf('email');
  const outcomeColumn = columns.indexOf('outcome');
  if (emailColumn === -1 || outcomeColumn === -1) {
    return { ok: false, problems: [`line ${header.line}: the header must name the columns email and outcome, like "email,outcome"`, ...problems] };
  }
  const rows: OutcomeRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of body) {
    if (fields.length !== columns.length) {
      problems.push(`line ${line}: ${fields.length} fields where the header has ${columns.length}`);
      continue;
    }
    const address = normalizeEmail(fields[emailColumn]!);
    const outcome = OUTCOME_WORDS[fields[outcomeColumn]!.trim().toLowerCase()];
    if (!address.ok) problems.push(`line ${line}: "${fields[emailColumn]}" is not an email address`);
    else if (seen.has(address.address)) problems.push(`line ${line}: ${address.address} is already on line ${seen.get(address.address)}`);
    else if (!outcome) problems.push(`line ${line}: outcome "${fields[outcomeColumn]}" is not won or lost (nor 1/0, yes/no)`);
    else {
      seen.set(address.address, line);
      rows.push({ line, email: address.address, outcome });
    }
  }
  problems.sort((a, b) => lineOf(a) - lineOf(b));
  return problems.length ? { ok: false, problems } : { ok: true, rows };
}

const lineOf = (problem: string) => Number(/^line (\d+)/.exec(problem)?.[1] ?? 0);
