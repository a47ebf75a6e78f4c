import { postalAddressProblem } from '../email/postal-address.ts';
import { MAX_FORM_FIELDS } from '../leads/form-fields.ts';
import { loadMagnets, type Magnet } from '../magnets/catalog.ts';
import { compileSequences, type Sequence } from '../nurture/sequences.ts';
import { loadLandings } from './landing-schema.ts';
import { MATCH_THRESHOLD, scoreMessageMatch } from './message-match.ts';
import { site } from '../site.config.ts';

export interface ContentReport {
  /** One line per variant: its message-match score. */
  lines: string[];
  /** What fails the check, naming the file and the variant or field. */
  problems: string[];
  /** The magnets and compiled sequences the checks loaded (those that loaded), for the build to reuse. */
  magnets: Magnet[];
  sequences: Sequence[];
}

/**
 * The content checks `npm run check:content` and the build run: every file parses, every landing
 * page offers a magnet that exists, each variant repeats enough of its ad's promise (the missing
 * words are named), no form asks for more than six fields, and the emails' footer has a real
 * postal address.
 */
export async function checkContent({ postalAddress = site.postalAddress } = {}): Promise<ContentReport> {
  const lines: string[] = [];
  const problems: string[] = [];
  const addressProblem = postalAddressProblem(postalAddress);
  if (addressProblem) problems.push(addressProblem);
  const attempt = async <T>(load: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await load();
    } catch (error) {
      problems.push((error as Error).message);
      return undefined;
    }
  };
  const magnets = (await attempt(() => loadMagnets())) ?? [];
  const sequences = (await attempt(() => compileSequences())) ?? [];
  const landings = (await attempt(() => loadLandings())) ?? [];

  for (const magnet of magnets) {
    const fields = 1 + magnet.data.form.fields.length;
    if (fields > MAX_FORM_FIELDS) problems.push(`content/magnets/${magnet.slug}.md: the form asks for ${fields} fields; ${MAX_FORM_FIELDS} at most`);
  }
  for (const landing of landings) {
    const file = `content/landing/${landing.slug}.yaml`;
    const { offer } = landing.data;
    if ('magnet' in offer && !magnets.some((magnet) => magnet.slug === offer.magnet)) {
      problems.push(`${file}: offer.magnet "${offer.magnet}" has no file in content/magnets/`);
    }
    for (const variant of landing.data.variants) {
      const { score, missing } = scoreMessageMatch(variant);
      const percent = Math.round(score * 100);
      lines.push(
        `${landing.slug}/${variant.slug} (${variant.ad.platform}): message match ${percent}%${missing.length ? `, not on the page: ${missing.join(', ')}` : ''}`,
      );
      if (score < MATCH_THRESHOLD) {
        problems.push(
          `${file}: variant "${variant.slug}" repeats ${percent}% of its ad's promise (at least ${MATCH_THRESHOLD * 100}%); the page's headline, sub-headline and call to action miss: ${missing.join(', ')}`,
        );
      }
    }
  }
  return { lines, problems, magnets, sequences };
}
