import { describe, expect, it } from 'vitest';
import { extractSiteShell, renderInShell } from '../../src/leads/site-shell.ts';

const BUILT = `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Page not found</title><link rel="canonical" href="/404/"><link rel="stylesheet" href="/_astro/global.abc123.css"><style>.x{color:red}</style></head><body><a class="skip-link" href="#main">Skip</a><header class="site-header"><nav>menu</nav></header><main id="main"><h1>Page not found</h1></main><footer class="site-footer"><p>© Lodestone</p></footer></body></html>`;

describe('extractSiteShell', () => {
  it('takes the stylesheets, header and footer of a built page, and none of its own content or metadata', () => {
    const shell = extractSiteShell(BUILT);
    expect(shell).toEqual({
      lang: 'en-GB',
      styles: '<link rel="stylesheet" href="/_astro/global.abc123.css"><style>.x{color:red}</style>',
      header: '<header class="site-header"><nav>menu</nav></header>',
      footer: '<footer class="site-footer"><p>© Lodestone</p></footer>',
    });
    const page = renderInShell(shell, 'Please check <the> form', '<p>body</p>');
    expect(page).toContain('<title>Please check &lt;the&gt; form</title>');
    expect(page).toContain('<meta name="robots" content="noindex">');
    // The site's stylesheets draw both schemes, as on every built page.
    expect(page).toContain('<meta name="color-scheme" content="light dark">');
    expect(page).toMatch(/<header class="site-header">.*<main id="main" tabindex="-1"><p>body<\/p><\/main><footer/);
    expect(page).not.toMatch(/Page not found|canonical/);
  });

  it('gives a bare shell when there is no build to read', () => {
    expect(extractSiteShell('')).toEqual({ lang: 'en', styles: '', header: '', footer: '' });
  });
});
