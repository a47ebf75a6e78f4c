import type { Landing } from '../landing/landing-schema.ts';
import type { Magnet } from '../magnets/catalog.ts';
import type { Sequence } from '../nurture/sequences.ts';
import { loadScoringRules, ScoringRulesError } from './load-rules.ts';
import type { DeclaredField, ScoringReferences } from './rule-references.ts';
import type { ScoringRules } from './rules.ts';

/** The fields the magnets' and consultation landing pages' forms ask, each with its file. */
export function declaredFormFields(magnets: readonly Magnet[], landings: readonly Landing[]): DeclaredField[] {
  return [
    ...magnets.flatMap((magnet) => magnet.data.form.fields.map((field) => ({ file: `content/magnets/${magnet.slug}.md`, field }))),
    ...landings.flatMap(({ slug, data }) =>
      'consultation' in data.offer ? data.offer.consultation.form.fields.map((field) => ({ file: `content/landing/${slug}.yaml`, field })) : [],
    ),
  ];
}

/**
 * The content check of the scoring rules: their schema, and the fields, options, magnets, tags and
 * sequences they name. When the other content failed to load (undefined), only the schema.
 */
export async function checkScoringRules(
  file: string,
  content: { magnets?: Magnet[]; sequences?: Sequence[]; landings?: Landing[]; tags?: string[] },
): Promise<{ rules?: ScoringRules; problems: string[] }> {
  const { magnets, sequences, landings, tags } = content;
  try {
    const references: ScoringReferences | undefined =
      magnets && sequences && landings && tags
        ? {
            formFields: declaredFormFields(magnets, landings),
            magnets: magnets.map((magnet) => magnet.slug),
            tags,
            sequences: sequences.map((sequence) => sequence.slug),
          }
        : undefined;
    return { rules: await loadScoringRules(file, references), problems: [] };
  } catch (error) {
    return { problems: error instanceof ScoringRulesError ? [...error.problems] : [(error as Error).message] };
  }
}
