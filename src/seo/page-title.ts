import { escapeHtml } from './escape-html';

/**
 * The document title: the page's own title inside the site's template ("%s · Lodestone"), or the
 * site name alone for the home page. Returned HTML-escaped because astro-seo inserts it raw.
 */
export function pageTitle(title: string | undefined, template: string, siteName: string): string {
  const text = title ? template.split('%s').join(title) : siteName;
  return escapeHtml(text);
}
