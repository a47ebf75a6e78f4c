import type { Landing } from '../landing/landing-schema.ts';
import { MATCH_THRESHOLD, scoreMessageMatch } from '../landing/message-match.ts';
import { MAX_FORM_FIELDS } from '../leads/form-fields.ts';
import { placeholderRule, type FileRule, type Finding } from './file-rules.ts';
import type { YamlSource } from './yaml-places.ts';

/** A magnet's frontmatter, or a landing page's YAML, with the landing page as loaded when it passed its schema. */
export interface OfferFile {
  source: string;
  yaml: YamlSource;
  /** The landing page as its schema read it; absent when the schema refused it (that problem is reported apart). */
  landing?: Landing;
  /** The slugs of content/magnets/. */
  magnets: ReadonlySet<string>;
}

const FORM_FIELDS_RATIONALE = 'every field past six costs signups; ask for the rest later, through progressive profiling';

/** The form-fields rule over the fields listed at `path`: the email address plus those. */
function formFieldsRule(path: readonly string[]): FileRule<OfferFile> {
  return {
    id: 'form-fields',
    severity: 'error',
    rationale: FORM_FIELDS_RATIONALE,
    check({ yaml }) {
      let fields: unknown = yaml.data;
      for (const key of path) fields = (fields as Record<string, unknown> | undefined)?.[key];
      const count = 1 + (Array.isArray(fields) ? fields.length : 0);
      return count > MAX_FORM_FIELDS
        ? [{ ...yaml.placeOf(path), message: `the form asks for ${count} fields, the email address included; ${MAX_FORM_FIELDS} at most` }]
        : [];
    },
  };
}

/** The rules over a magnet in content/magnets/<slug>.md. */
export const MAGNET_RULES: readonly FileRule<OfferFile>[] = [formFieldsRule(['form', 'fields']), placeholderRule()];

/** The rules over a landing page in content/landing/<slug>.yaml. */
export const LANDING_RULES: readonly FileRule<OfferFile>[] = [
  formFieldsRule(['offer', 'consultation', 'form', 'fields']),
  placeholderRule(),
  {
    id: 'magnet-exists',
    severity: 'error',
    rationale: 'an offer for a magnet with no file would show a broken form',
    check({ yaml, magnets }) {
      const magnet = (yaml.data.offer as { magnet?: unknown } | undefined)?.magnet;
      return typeof magnet === 'string' && !magnets.has(magnet)
        ? [{ ...yaml.placeOf(['offer', 'magnet']), message: `magnet "${magnet}" has no file in content/magnets/` }]
        : [];
    },
  },
  {
    id: 'message-match',
    severity: 'error',
    rationale: `a visitor who does not find the ad's promise on the page leaves; at least ${MATCH_THRESHOLD * 100}% of its words must reappear`,
    check({ yaml, landing }): Finding[] {
      return (landing?.data.variants ?? []).flatMap((variant, index) => {
        const { score, missing } = scoreMessageMatch(variant);
        if (score >= MATCH_THRESHOLD) return [];
        return [
          {
            ...yaml.placeOf(['variants', index, 'page']),
            message: `variant "${variant.slug}" repeats ${Math.round(score * 100)}% of its ad's promise (at least ${MATCH_THRESHOLD * 100}%); the page's headline, sub-headline and call to action miss: ${missing.join(', ')}`,
          },
        ];
      });
    },
  },
];
