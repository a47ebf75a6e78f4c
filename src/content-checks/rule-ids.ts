/** Every article rule, by id: what `lint: { ignore: [...] }` in an article's frontmatter may name. */
export const ARTICLE_RULE_IDS = [
  'title-length',
  'description-length',
  'keyword-in-title',
  'keyword-in-intro',
  'keyword-in-description',
  'keyword-in-slug',
  'reserved-slug',
  'single-h1',
  'heading-order',
  'image-alt',
  'duplicate-title',
  'duplicate-description',
  'magnet-exists',
  'faq-empty',
  'internal-link',
  'link-anchor',
  'draft-link',
  'orphan',
  'placeholder',
] as const;

export type ArticleRuleId = (typeof ARTICLE_RULE_IDS)[number];
