import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatFieldPath, loadScoringRules, parseScoringRules, ScoringRulesError } from '../../src/scoring/load-rules.ts';

/** A small valid file; each case below changes one part of it. */
const VALID = `thresholds:
  marketing_qualified: 40
  sales_ready: 60
half_life_days: 30
questions:
  - name: budget
    label: Budget this year
    type: select
    options: ['None yet', 'Over $10,000']
fit:
  - field: budget
    values: ['Over $10,000']
    points: 20
behaviour:
  - event: page_view
    path: /pricing/
    points: 10
  - event: return_visit
    points: 5
`;

const problemsOf = (text: string, file?: string): readonly string[] => {
  try {
    parseScoringRules(text, file ? { file } : {});
  } catch (error) {
    expect(error).toBeInstanceOf(ScoringRulesError);
    return (error as ScoringRulesError).problems;
  }
  throw new Error('the file was accepted');
};

const edit = (from: string, to: string) => {
  expect(VALID).toContain(from);
  return VALID.replace(from, to);
};

describe('parseScoringRules', () => {
  it('reads a valid file, filling in what may be left out', () => {
    const rules = parseScoringRules(VALID);
    expect(rules.behaviour[1]).toEqual({ event: 'return_visit', points: 5, max_times: 1 });
    expect(rules.email_domains).toEqual([]);
    expect(rules.behaviour_cap).toBeUndefined();
  });

  it('writes domains in lower case', () => {
    const rules = parseScoringRules(`${VALID}email_domains:\n  - label: free-mail address\n    domains: [GMail.com]\n    points: -10\n`);
    expect(rules.email_domains[0]!.domains).toEqual(['gmail.com']);
  });
});

describe('a bad scoring file is refused naming the file, line, column and field', () => {
  it.each([
    [
      'a number written as text',
      edit('    points: 5', "    points: 'five'"),
      'content/scoring.yaml:19:13 behaviour[1].points: Expected number, received string',
    ],
    [
      'a missing key, at the rule that lacks it',
      edit('    path: /pricing/\n    points: 10\n', '    path: /pricing/\n'),
      'content/scoring.yaml:15:5 behaviour[0].points: Missing: expected number',
    ],
    [
      'a missing top-level key, at the start of the document',
      edit('half_life_days: 30\n', ''),
      'content/scoring.yaml:1:1 half_life_days: Missing: expected number',
    ],
    [
      'a misspelt key, at the key',
      edit('  - event: return_visit\n', '  - event: return_visit\n    max_time: 2\n'),
      'content/scoring.yaml:19:5 behaviour[1].max_time: Unknown key',
    ],
    [
      'an unknown event',
      edit('event: return_visit', 'event: visit'),
      "content/scoring.yaml:18:12 behaviour[1].event: Invalid discriminator value. Expected 'page_view' | 'magnet_download' | 'email_click' | 'return_visit' | 'consultation'",
    ],
    [
      'a page_view rule naming two pages',
      edit('    path: /pricing/\n', '    path: /pricing/\n    prefix: /lp/\n'),
      'content/scoring.yaml:15:5 behaviour[0]: a page_view rule names one of path, prefix or tag',
    ],
    [
      'a path that is a URL',
      edit('path: /pricing/', 'path: https://example.com/pricing/'),
      'content/scoring.yaml:16:11 behaviour[0].path: must be a path on this site, like /lp/scoring-review/',
    ],
    [
      'negative behaviour points',
      edit('    points: 10\n', '    points: -10\n'),
      'content/scoring.yaml:17:13 behaviour[0].points: behaviour points are positive; put penalties in fit or email_domains rules',
    ],
    [
      'a fit rule worth 0 points',
      edit('    points: 20', '    points: 0'),
      'content/scoring.yaml:13:13 fit[0].points: a rule worth 0 points never fires; remove it',
    ],
    [
      'an answer its question does not offer',
      edit("values: ['Over $10,000']", "values: ['Over $10,000', 'Over 10k']"),
      'content/scoring.yaml:12:30 fit[0].values[1]: "Over 10k" is not an option of the question budget',
    ],
    [
      'a question that is not a select',
      edit("    type: select\n    options: ['None yet', 'Over $10,000']\n", '    type: text\n'),
      'content/scoring.yaml:8:11 questions[0].type: a profiling question is a select: fit rules match its options',
    ],
    [
      'thresholds in the wrong order',
      edit('sales_ready: 60', 'sales_ready: 40'),
      'content/scoring.yaml:3:16 thresholds.sales_ready: must be above marketing_qualified',
    ],
    [
      'a half-life of 0 days',
      edit('half_life_days: 30', 'half_life_days: 0'),
      'content/scoring.yaml:4:17 half_life_days: Too small: expected number to be >0',
    ],
    [
      'a domain that is not one',
      `${VALID}email_domains:\n  - label: free-mail address\n    domains: ['@gmail.com']\n    points: -10\n`,
      'content/scoring.yaml:22:15 email_domains[0].domains[0]: write a domain like gmail.com',
    ],
    [
      'broken YAML',
      edit('  sales_ready: 60', '  sales_ready: [60'),
      'content/scoring.yaml:4:1 not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
    ['an empty file', '', 'content/scoring.yaml:1:1 (file): Expected object, received null'],
  ])('%s', (_, text, problem) => {
    expect(problemsOf(text)).toEqual([problem]);
  });

  it('names every problem, one per line, in the error message too', () => {
    const text = edit('    points: 10\n', "    points: '10'\n    times: 2\n").replace('half_life_days: 30', 'half_life_days: thirty');
    const problems = problemsOf(text);
    expect(problems).toEqual([
      'content/scoring.yaml:4:17 half_life_days: Expected number, received string',
      'content/scoring.yaml:17:13 behaviour[0].points: Expected number, received string',
      'content/scoring.yaml:18:5 behaviour[0].times: Unknown key',
    ]);
    expect(() => parseScoringRules(text)).toThrow(problems.join('\n'));
  });

  it('names the file it was given', () => {
    expect(problemsOf(edit('points: 5', 'points: true'), 'site/rules.yaml')).toEqual([
      'site/rules.yaml:19:13 behaviour[1].points: Expected number, received boolean',
    ]);
  });
});

describe('loadScoringRules', () => {
  const directory = mkdtempSync(join(tmpdir(), 'lodestone-scoring-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('reads a file and names it in its problems', async () => {
    const file = join(directory, 'scoring.yaml');
    writeFileSync(file, edit('half_life_days: 30', 'half_life_days: -1'));
    await expect(loadScoringRules(file)).rejects.toThrow(`${file}:4:17 half_life_days: Too small: expected number to be >0`);
  });

  it('says so when the file is missing', async () => {
    const file = join(directory, 'missing.yaml');
    await expect(loadScoringRules(file)).rejects.toThrow(`${file}: cannot be read (ENOENT); the scoring rules live there`);
  });

  it('loads the shipped rules', async () => {
    const rules = await loadScoringRules();
    expect(rules.thresholds.sales_ready).toBeGreaterThan(rules.thresholds.marketing_qualified);
  });
});

describe('formatFieldPath', () => {
  it.each([
    [['behaviour', 2, 'points'], 'behaviour[2].points'],
    [['fit', 0, 'values', 1], 'fit[0].values[1]'],
    [['thresholds', 'sales_ready'], 'thresholds.sales_ready'],
    [['half_life_days'], 'half_life_days'],
    [[], '(file)'],
  ])('%j → %s', (path, text) => {
    expect(formatFieldPath(path)).toBe(text);
  });
});
