import type { RenderContext } from '../email/render.ts';
import { escapeHtml } from '../seo/escape-html.ts';
import { renderStep, unsubscribeUrl } from '../nurture/step-email.ts';
import { compileStep, MERGE_FIELDS, SUBJECT_LENGTH } from '../nurture/sequences.ts';
import { placeholderRule, type FileRule, type Finding } from './file-rules.ts';
import { nodesOf, placeOfNode, type MdastNode } from './markdown-file.ts';
import type { YamlSource } from './yaml-places.ts';

/** One step file of content/sequences/<sequence>/, read for the rules. */
export interface StepFile {
  /** The path the problems name, e.g. `content/sequences/welcome/01-one-number.mdx`. */
  file: string;
  sequence: string;
  source: string;
  yaml: YamlSource;
  tree: MdastNode;
  /** The site the emails link to. */
  siteUrl: URL;
}

const MERGE_FIELD = /^\{\{\s*([a-z_]+)\s*(?:\|\s*[^}]*?\s*)?\}\}/;

/** Every `{{` of the file, with its place and what follows it. */
function mergeFieldsOf(source: string): (Finding & { name?: string })[] {
  const found: (Finding & { name?: string })[] = [];
  source.split('\n').forEach((text, index) => {
    for (let column = text.indexOf('{{'); column !== -1; column = text.indexOf('{{', column + 2)) {
      const match = MERGE_FIELD.exec(text.slice(column));
      found.push({ line: index + 1, column: column + 1, name: match?.[1], message: match?.[0] ?? text.slice(column) });
    }
  });
  return found;
}

/**
 * The step as a lead receives it, rendered by the same function the outbox sender calls, for a
 * made-up lead: what the template adds is checked, not assumed. Undefined when the step does not
 * compile (that problem is reported with the file already).
 */
function renderForCheck(step: StepFile) {
  let compiled;
  try {
    compiled = compileStep(step.file, step.source);
  } catch {
    return undefined;
  }
  const context: RenderContext = {
    siteUrl: step.siteUrl,
    secret: 'content-check',
    magnets: new Map(),
    now: Date.now(),
    sequences: new Map([[step.sequence, { slug: step.sequence, steps: [compiled] }]]),
  };
  const email = renderStep(step.sequence, compiled.id, { to: 'reader@example.com', name: 'Reader', leadId: 1 }, context);
  return { email, unsubscribe: unsubscribeUrl(context, 1) };
}

/** The rules over a step of a nurture sequence. */
export const SEQUENCE_RULES: readonly FileRule<StepFile>[] = [
  placeholderRule(),
  {
    id: 'subject-length',
    severity: 'error',
    rationale: `a subject past ${SUBJECT_LENGTH.max} characters is cut on a phone's inbox list, and one under ${SUBJECT_LENGTH.min} says nothing`,
    check({ yaml }) {
      const subject = typeof yaml.data.subject === 'string' ? yaml.data.subject.trim() : '';
      if (subject.length >= SUBJECT_LENGTH.min && subject.length <= SUBJECT_LENGTH.max) return [];
      return [
        {
          ...yaml.placeOf(['subject']),
          message: `subject has ${subject.length} characters; keep it between ${SUBJECT_LENGTH.min} and ${SUBJECT_LENGTH.max}`,
        },
      ];
    },
  },
  {
    id: 'merge-field',
    severity: 'error',
    rationale: 'a merge field the sender does not know, or one left open, reaches the lead as raw {{ braces }}',
    check: ({ source }) =>
      mergeFieldsOf(source).flatMap((field) =>
        field.name === undefined
          ? [{ ...field, message: `a merge field is not closed; write it like {{ first_name | there }}` }]
          : (MERGE_FIELDS as readonly string[]).includes(field.name)
            ? []
            : [{ ...field, message: `{{ ${field.name} }} is not a merge field; use one of ${MERGE_FIELDS.join(', ')}` }],
      ),
  },
  {
    id: 'unsubscribe-link',
    severity: 'error',
    rationale: 'every marketing email must let the lead leave in one click (CAN-SPAM, GDPR, RFC 8058)',
    check(step) {
      const findings: Finding[] = [];
      // What the author controls: a hand-written unsubscribe link is unsigned and lands on an error; {{ unsubscribe_link }} is the lead's own.
      for (const node of nodesOf(step.tree)) {
        if ((node.type === 'link' || node.type === 'definition') && node.url && /\/unsubscribe(\/|$)/.test(node.url) && !node.url.includes('{{')) {
          findings.push({ ...placeOfNode(node), message: `${node.url} is not the lead's own unsubscribe link; write {{ unsubscribe_link }}` });
        }
      }
      const rendered = renderForCheck(step);
      if (rendered) {
        const { email, unsubscribe } = rendered;
        const missing = [
          ...(email.html.includes(`href="${escapeHtml(unsubscribe)}"`) ? [] : ['a link in the HTML part']),
          ...(email.text.includes(unsubscribe) ? [] : ['the URL in the plain-text part']),
          ...(email.headers?.['List-Unsubscribe'] === `<${unsubscribe}>` ? [] : ['the List-Unsubscribe header']),
        ];
        if (missing.length)
          findings.push({ line: 1, column: 1, message: `the email as sent has no unsubscribe link: ${missing.join(', ')} is missing` });
      }
      return findings;
    },
  },
];
