import { postalAddressProblem } from '../email/postal-address.ts';
import { loadMagnets, type Magnet } from '../magnets/catalog.ts';
import { compileSequences, type Sequence } from '../nurture/sequences.ts';
import { SCORING_FILE, type ScoringRules } from '../scoring/rules.ts';
import { checkScoringRules } from '../scoring/scoring-check.ts';
import { articleTags } from '../articles/article-tags.ts';
import { CHATS_DIR, chatReferenceProblems, loadChatScripts } from '../chat/chat-script.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LANDING_DIR, loadLandings, type Landing, type Variant } from './landing-schema.ts';
import { scoreMessageMatch } from './message-match.ts';
import { site } from '../site.config.ts';
import { loadSpend, SPEND_FILE } from '../admin/overview/spend.ts';
import { checkArticles } from '../content-checks/check-articles.ts';
import { ARTICLES_DIRECTORY, loadArticles, loadAuthorIds } from '../content-checks/load-articles.ts';
import { checkOffersAndSequences } from '../content-checks/check-offers-and-sequences.ts';
import type { Problem } from '../content-checks/problem.ts';

/**
 * What is wrong with a variant's hero image, or undefined: every variant shows an image matching
 * its ad's, described in its alt text, from a file that exists.
 */
export function variantImageProblem(variant: Pick<Variant, 'image'>, exists: (src: string) => boolean): string | undefined {
  const { image } = variant;
  if (!image) return 'has no image: add image: { src: ./images/<file>.png, alt: <what it shows> }, matching what its ad shows';
  if (!image.alt.trim()) return `image ${image.src} has empty alt text: say what it shows, for people who cannot see it`;
  if (!exists(image.src)) return `image ${image.src} is not there: put the file in content/landing/images/`;
  return undefined;
}

export interface ContentReport {
  /** One line per variant: its message-match score; then one for the scoring rules. */
  lines: string[];
  /** What fails the check, naming the file and the variant or field. */
  problems: string[];
  /** The article rules' errors (which fail the check too) and warnings, each at its file:line:column. */
  articles: Problem[];
  /** The rules over magnets, landing pages and sequence steps (form size, message match, subject, merge fields, unsubscribe link), the same way. */
  others: Problem[];
  /** The magnets and compiled sequences the checks loaded (those that loaded), for the build to reuse. */
  magnets: Magnet[];
  sequences: Sequence[];
  landings: Landing[];
  /** The scoring rules, when they passed. */
  scoring?: ScoringRules;
}

/**
 * The content checks `npm run check:content` and the build run: every file parses, the emails'
 * footer has a real postal address, and the scoring rules are valid and name fields, options, magnets, tags and sequences
 * that exist (each problem as `content/scoring.yaml:line:column field: message`), and the ad spend in
 * content/spend.csv reads (each problem as `content/spend.csv:line: column message`); and the article
 * rules and those over magnets, landing pages and sequences of src/content-checks/ (each problem as
 * `path:line:column  rule-id  message`), and the chat scripts' landing pages and magnets exist: a landing page offers a magnet that exists, each variant
 * repeats enough of its ad's promise (the missing words are named), no form asks for more than six
 * fields, subjects and merge fields, the unsubscribe link of every step.
 */
export async function checkContent({
  postalAddress = site.postalAddress,
  scoringFile = SCORING_FILE,
  spendFile = SPEND_FILE,
  articlesDirectory = ARTICLES_DIRECTORY,
  landingDirectory = LANDING_DIR,
  chatsDirectory = CHATS_DIR,
} = {}): Promise<ContentReport> {
  const lines: string[] = [];
  const problems: string[] = [];
  /** Files that did not load (a schema's refusal), by message: left out below where a rule reports the same file with its line. */
  const loadProblems = new Set<string>();
  const addressProblem = postalAddressProblem(postalAddress);
  if (addressProblem) problems.push(addressProblem);
  const attempt = async <T>(load: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await load();
    } catch (error) {
      problems.push((error as Error).message);
      loadProblems.add((error as Error).message);
      return undefined;
    }
  };
  const loaded = {
    magnets: await attempt(() => loadMagnets()),
    sequences: await attempt(() => compileSequences()),
    landings: await attempt(() => loadLandings(landingDirectory)),
  };
  const magnets = loaded.magnets ?? [];
  const sequences = loaded.sequences ?? [];
  const landings = loaded.landings ?? [];

  // Form sizes, the offer's magnet and message match are rules of src/content-checks/ (see `others`).
  for (const landing of landings) {
    const file = `${landingDirectory}/${landing.slug}.yaml`;
    for (const variant of landing.data.variants) {
      const imageProblem = variantImageProblem(variant, (src) => existsSync(join(landingDirectory, src)));
      if (imageProblem) problems.push(`${file}: variant "${variant.slug}" ${imageProblem}`);
      const { score, missing } = scoreMessageMatch(variant);
      const percent = Math.round(score * 100);
      lines.push(
        `${landing.slug}/${variant.slug} (${variant.ad.platform}): message match ${percent}%${missing.length ? `, not on the page: ${missing.join(', ')}` : ''}`,
      );
    }
  }
  // Read and parsed once: the article rules and the scoring rules' tags both come from these.
  const parsedArticles = await loadArticles(articlesDirectory);
  const scoring = await checkScoringRules(scoringFile, { ...loaded, tags: articleTags(parsedArticles) });
  problems.push(...scoring.problems);
  if (scoring.rules) {
    const { fit, email_domains, behaviour, thresholds } = scoring.rules;
    lines.push(
      `scoring: ${fit.length} fit, ${email_domains.length} email-domain and ${behaviour.length} behaviour rules; marketing-qualified at ${thresholds.marketing_qualified}, sales-ready at ${thresholds.sales_ready}`,
    );
  }
  if (scoring.rules && loaded.magnets && loaded.landings) {
    const scripts = await attempt(() => loadChatScripts(scoring.rules!, chatsDirectory));
    const known = { landings: new Set(landings.map((landing) => landing.slug)), magnets: new Set(magnets.map((magnet) => magnet.slug)) };
    if (scripts) problems.push(...chatReferenceProblems(scripts.values(), known, chatsDirectory));
  }
  const spend = await loadSpend(spendFile);
  if (spend.ok) lines.push(`spend: ${spend.rows.length} lines in ${spendFile}`);
  else problems.push(...spend.problems);
  const articles = checkArticles(parsedArticles, {
    magnets: magnets.map((magnet) => magnet.slug),
    authors: await loadAuthorIds(),
    landings: landings.map((landing) => ({ slug: landing.slug, variants: landing.data.variants.map((variant) => variant.slug) })),
    articlesPerPage: site.articlesPerPage,
  });
  const others = await checkOffersAndSequences({ landingDirectory });
  // A file a rule already reports an error on, with its line, is not reported again through its schema's message.
  const reported = new Set(others.filter((problem) => problem.severity === 'error').map((problem) => problem.file));
  const repeated = (problem: string) => loadProblems.has(problem) && reported.has(problem.split(':')[0]!);
  return {
    lines,
    problems: problems.filter((problem) => !repeated(problem)),
    articles,
    others,
    magnets,
    sequences,
    landings,
    scoring: scoring.rules,
  };
}
