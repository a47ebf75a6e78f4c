// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import sitemap from '@astrojs/sitemap';
import { siteUrlFromEnv } from './src/config/site-url.ts';
import { magnetFiles } from './src/magnets/build-integration.ts';
import { compiledSequences } from './src/nurture/build-integration.ts';
import { pageIndex } from './src/page-views/build-integration.ts';
import { chatIndex } from './src/chat/chat-index.ts';
import { articleSlugOf, readArticleIndex } from './src/seo/article-index.ts';
import { shareImageFiles } from './src/seo/share-image-files.ts';

// Read when the build is done, once for the share images and the sitemap, not each time the config loads (dev, check, tests).
/** @type {ReturnType<typeof readArticleIndex> | undefined} */
let articleIndex;
const articles = () => (articleIndex ??= readArticleIndex('./content/articles'));
const indexedArticle = (/** @type {string} */ slug) => articles().get(slug);
const siteUrl = siteUrlFromEnv(process.env);

/** Utility pages that are built but must never be offered to search engines. */
const UNLISTED = [/\/404\/?$/, /\/thanks\//, /\/api\//, /\/download\//, /\/confirm\//, /\/unsubscribe\//, /\/admin\//, /\/lp\//];

export default defineConfig({
  site: siteUrl.origin,
  // Pages link with a trailing slash; 'ignore' lets the endpoints keep their contract paths (/api/leads).
  trailingSlash: 'ignore',
  output: 'static',
  // Endpoints read bodies to their own small caps; this is the adapter's backstop for any that would not (its default is 1 GB).
  adapter: node({ mode: 'standalone', bodySizeLimit: 1024 * 1024 }),
  server: { host: '127.0.0.1', port: 4321 },
  // POST /api/leads runs its own origin check, for every content type (Astro's covers form types only).
  security: { checkOrigin: false },
  integrations: [
    mdx(),
    magnetFiles(siteUrl),
    compiledSequences(),
    pageIndex(),
    chatIndex(),
    shareImageFiles(() => articles().values()),
    sitemap({
      filter: (page) => {
        if (UNLISTED.some((pattern) => pattern.test(page))) return false;
        const slug = articleSlugOf(page);
        return !(slug && indexedArticle(slug)?.draft);
      },
      serialize: (item) => {
        const slug = articleSlugOf(item.url);
        const article = slug ? indexedArticle(slug) : undefined;
        return article ? { ...item, lastmod: article.lastmod.toISOString() } : item;
      },
    }),
  ],
  // Keep the content layer's data store in .astro/ so Vitest (through getViteConfig) finds the collections `astro sync` wrote.
  cacheDir: './.astro',
  // Pages render while others wait on disk writes and chunk loads: a 1,000-article build prerendered about 20% faster with
  // four at a time than one at a time (the default), at the same peak memory. Shared per-build data is a promise, safe to share.
  build: { concurrency: 4 },
  vite: {
    build: {
      rollupOptions: {
        // MDX modules carry Astro's own "use astro:head-inject" directive; the bundler's note about it is noise.
        onwarn(warning, warn) {
          if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
        },
      },
    },
  },
});
