import { readFile } from 'node:fs/promises';
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { referenceProblems, type ScoringReferences } from './rule-references.ts';
import { SCORING_FILE, scoringRulesSchema, type ScoringRules } from './rules.ts';

type FieldPath = readonly PropertyKey[];

/** Every problem of a scoring file, one per line, each as `file:line:column field.path: message`. */
export class ScoringRulesError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'ScoringRulesError';
    this.problems = problems;
  }
}

/** `behaviour[2].points`, as the problem lines name a field. */
export function formatFieldPath(path: FieldPath): string {
  return (
    path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '') || '(file)'
  );
}

/**
 * Where in the text a field path points: the node itself, or, when the node is missing, the
 * nearest enclosing one. An unrecognised key in a map points at that key.
 */
function offsetOf(document: Document, path: FieldPath, unknownKey?: string): number {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node = depth === 0 ? document.contents : document.getIn(path.slice(0, depth), true);
    if (!isNode(node) || !node.range) continue;
    if (unknownKey !== undefined && depth === path.length && isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === unknownKey);
      if (isScalar(pair?.key) && pair.key.range) return pair.key.range[0];
    }
    return node.range[0];
  }
  return 0;
}

/** Zod's wording, made to read well after a field path: `Expected number, received string`. */
function wording(issue: z.core.$ZodIssue): string {
  return issue.code === 'unrecognized_keys' ? 'Unknown key' : issue.message.replace(/^Invalid input: e/, 'E');
}

/**
 * Reads and checks a scoring file. `references` (the shipped forms, magnets, tags and sequences)
 * adds the checks that the rules name fields, options and slugs that exist. Throws a
 * ScoringRulesError naming the file, line, column and field of every problem.
 */
export function parseScoringRules(
  text: string,
  { file = SCORING_FILE, references }: { file?: string; references?: ScoringReferences } = {},
): ScoringRules {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  if (document.errors.length) {
    throw new ScoringRulesError(document.errors.map((error) => `${at(error.pos[0])} not valid YAML: ${error.message.split('\n')[0]}`));
  }
  const result = scoringRulesSchema.safeParse(document.toJS(), {
    error: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? `Missing: expected ${issue.expected}` : undefined),
  });
  if (!result.success) {
    throw new ScoringRulesError(
      result.error.issues.flatMap((issue) => {
        const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
        return keys.map(
          (key) => `${at(offsetOf(document, issue.path, key))} ${formatFieldPath(key ? [...issue.path, key] : issue.path)}: ${wording(issue)}`,
        );
      }),
    );
  }
  const problems = references ? referenceProblems(result.data, references) : [];
  if (problems.length) {
    throw new ScoringRulesError(
      problems.map((problem) => `${at(offsetOf(document, problem.path))} ${formatFieldPath(problem.path)}: ${problem.message}`),
    );
  }
  return result.data;
}

/** Reads `content/scoring.yaml` (or `file`) and checks it as parseScoringRules() does. */
export async function loadScoringRules(file = SCORING_FILE, references?: ScoringReferences): Promise<ScoringRules> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ScoringRulesError([
      `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); the scoring rules live there`,
    ]);
  }
  return parseScoringRules(text, { file, references });
}

let shipped: Promise<ScoringRules> | undefined;

/** The shipped rules, read once per process: the pages a build renders share them. */
export function shippedScoringRules(): Promise<ScoringRules> {
  shipped ??= loadScoringRules();
  return shipped;
}
