import { describe, expect, it } from 'vitest';
import { parseOutcomesCsv } from '../../src/scoring/outcomes-csv.ts';

/** The rows a file parses to, as `line email outcome`. */
const rowsOf = (text: string) => {
  const parsed = parseOutcomesCsv(text);
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.rows.map((row) => `${row.line} ${row.email} ${row.outcome}`);
};
const problemsOf = (text: string) => {
  const parsed = parseOutcomesCsv(text);
  return parsed.ok ? [] : parsed.problems;
};

describe('parseOutcomesCsv', () => {
  it.each([
    ['a plain file', 'email,outcome\na@example.com,won\nb@example.com,lost\n', ['2 a@example.com won', '3 b@example.com lost']],
    ['no line break at the end', 'email,outcome\na@example.com,won', ['2 a@example.com won']],
    ['CRLF line breaks', 'email,outcome\r\na@example.com,won\r\nb@example.com,lost\r\n', ['2 a@example.com won', '3 b@example.com lost']],
    ['a byte order mark', '\uFEFFemail,outcome\na@example.com,won\n', ['2 a@example.com won']],
    [
      'blank lines, counted in the line numbers',
      'email,outcome\n\na@example.com,won\n\r\n   \nb@example.com,lost\n\n',
      ['3 a@example.com won', '6 b@example.com lost'],
    ],
    ['quoted fields', '"email","outcome"\n"a@example.com","won"\n', ['2 a@example.com won']],
    ['a comma and doubled quotes inside quotes', 'email,note,outcome\na@example.com,"big, ""urgent"" deal",won\n', ['2 a@example.com won']],
    [
      'a line break inside quotes moves the next line number',
      'email,note,outcome\na@example.com,"two\nlines",won\nb@example.com,,lost\n',
      ['2 a@example.com won', '4 b@example.com lost'],
    ],
    ['the columns in another order, and another column', 'Outcome,Email,Amount\nwon,a@example.com,100\n', ['2 a@example.com won']],
    [
      'the other spellings of an outcome, any case',
      'email,outcome\na@example.com,WON\nb@example.com,Lost\nc@example.com,1\nd@example.com,0\ne@example.com,Yes\nf@example.com,no\n',
      ['2 a@example.com won', '3 b@example.com lost', '4 c@example.com won', '5 d@example.com lost', '6 e@example.com won', '7 f@example.com lost'],
    ],
    ['an address as leads store it: trimmed, lower-cased', 'email,outcome\n Sam@Example.COM , won \n', ['2 sam@example.com won']],
    ['only a header', 'email,outcome\n', []],
  ])('reads %s', (_, text, rows) => {
    expect(rowsOf(text)).toEqual(rows);
  });

  it.each([
    [
      'an outcome that is neither',
      'email,outcome\na@example.com,won\nb@example.com,maybe\n',
      ['line 3: outcome "maybe" is not won or lost (nor 1/0, yes/no)'],
    ],
    ['an empty outcome', 'email,outcome\na@example.com,\n', ['line 2: outcome "" is not won or lost (nor 1/0, yes/no)']],
    ['a line with too few fields', 'email,outcome\na@example.com\n', ['line 2: 1 fields where the header has 2']],
    ['a line with too many fields', 'email,outcome\na@example.com,won,extra\n', ['line 2: 3 fields where the header has 2']],
    ['something that is not an address', 'email,outcome\nnobody,won\n', ['line 2: "nobody" is not an email address']],
    ['an address twice', 'email,outcome\na@example.com,won\nA@example.com,lost\n', ['line 3: a@example.com is already on line 2']],
    [
      'a quote never closed',
      'email,outcome\na@example.com,won\n"b@example.com,lost\nc@example.com,won\n',
      ['line 3: a quoted field is never closed'],
    ],
    ['text after a closing quote', 'email,outcome\n"a@example.com"x,won\n', ['line 2: text after the closing quote of field 1']],
    [
      'a quote inside an unquoted field',
      'email,outcome\na@example.com,w"on\n',
      ['line 2: a quote inside unquoted field 2 (quote the whole field and double the quote)'],
    ],
    [
      'a header without the columns',
      'address,result\na@example.com,won\n',
      ['line 1: the header must name the columns email and outcome, like "email,outcome"'],
    ],
    ['an empty file', '', ['the file is empty: it needs a header line "email,outcome" and one line per lead']],
    ['a file of blank lines', '\uFEFF\r\n\r\n', ['the file is empty: it needs a header line "email,outcome" and one line per lead']],
  ])('refuses %s, naming the line', (_, text, problems) => {
    expect(problemsOf(text)).toEqual(problems);
  });

  it('reports every bad line in order, and no rows', () => {
    const parsed = parseOutcomesCsv('email,outcome\nx,won\na@example.com,won\nb@example.com,perhaps\nc@example.com,"lost"x\n');
    expect(parsed).toEqual({
      ok: false,
      problems: [
        'line 2: "x" is not an email address',
        'line 4: outcome "perhaps" is not won or lost (nor 1/0, yes/no)',
        'line 5: text after the closing quote of field 2',
      ],
    });
  });
});
