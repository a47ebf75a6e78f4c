import { readFileSync } from 'node:fs';
import { escapeHtml } from '../seo/escape-html.ts';

/**
 * A built page of the site whose stylesheets, header and footer the server's own HTML answers
 * reuse, so a page rendered outside Astro (the signup endpoint's 422) looks like every other page.
 * The file names of the built stylesheets carry content hashes, so they are read from the build.
 */
export const SHELL_PAGE = 'dist/client/404.html';

export interface SiteShell {
  lang: string;
  /** The `<link rel="stylesheet">` and inline `<style>` elements of the built page's head. */
  styles: string;
  header: string;
  footer: string;
}

/** Picks the shared parts out of a built page; what it cannot find is left empty. */
export function extractSiteShell(html: string): SiteShell {
  const head = /<head>([\s\S]*?)<\/head>/i.exec(html)?.[1] ?? '';
  return {
    lang: /<html[^>]*\slang="([\w-]+)"/i.exec(html)?.[1] ?? 'en',
    styles: (head.match(/<link[^>]*\brel="stylesheet"[^>]*>|<style[^>]*>[\s\S]*?<\/style>/gi) ?? []).join(''),
    header: /<header class="site-header"[\s\S]*?<\/header>/i.exec(html)?.[0] ?? '',
    footer: /<footer class="site-footer"[\s\S]*?<\/footer>/i.exec(html)?.[0] ?? '',
  };
}

let loaded: SiteShell | undefined;

/** The site's shell, read once from the build; before a build (the dev server) a bare one. */
export function siteShell(): SiteShell {
  if (!loaded) {
    let html = '';
    try {
      html = readFileSync(SHELL_PAGE, 'utf8');
    } catch {
      // No build yet: the page still works, unstyled.
    }
    loaded = extractSiteShell(html);
  }
  return loaded;
}

/** A whole page in the site's look, kept out of search engines. `main` is HTML the caller escaped. */
export function renderInShell(shell: SiteShell, title: string, main: string): string {
  return (
    `<!doctype html><html lang="${escapeHtml(shell.lang)}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark">` +
    `<link rel="icon" href="/favicon.svg" type="image/svg+xml"><meta name="robots" content="noindex">` +
    `<title>${escapeHtml(title)}</title>${shell.styles}</head><body>` +
    `<a class="skip-link" href="#main">Skip to content</a>${shell.header}<main id="main" tabindex="-1">${main}</main>${shell.footer}</body></html>`
  );
}
