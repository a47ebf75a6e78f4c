/**
 * Takes the README's design screenshots from the current build: `node tests/support/screenshots.ts <before|after>`
 * (through npx, for Node 24) writes docs/screenshots/<label>-<page>-<phone|desktop>.png, viewport only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAppServer, projectRoot } from './app-server.ts';
import { launchChromium, PHONE } from './browser.ts';

const label = process.argv[2] ?? 'after';
const pages = { home: '/', article: '/articles/lead-scoring-with-bant/', landing: '/lp/scoring-review/linkedin-review/' };
const sizes = { phone: PHONE, desktop: { viewport: { width: 1366, height: 768 } } };

const data = mkdtempSync(join(tmpdir(), 'lodestone-shots-'));
const server = await startAppServer({
  DATABASE_URL: `file:${join(data, 'shots.db')}`,
  LODESTONE_SECRET: 'x'.repeat(40),
  ADMIN_PASSWORD: 'screenshots-only-1',
});
const browser = await launchChromium();
try {
  for (const [sizeName, size] of Object.entries(sizes)) {
    const context = await browser.newContext({ ...size, deviceScaleFactor: 1 });
    const page = await context.newPage();
    for (const [pageName, path] of Object.entries(pages)) {
      await page.goto(server.base + path, { waitUntil: 'load' });
      // Images decode after the load event; a screenshot taken before shows their empty boxes.
      await page.evaluate(() =>
        Promise.all([...document.images].filter((image) => image.loading !== 'lazy').map((image) => image.decode().catch(() => undefined))),
      );
      await page.screenshot({ path: join(projectRoot, 'docs/screenshots', `${label}-${pageName}-${sizeName}.png`) });
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
  rmSync(data, { recursive: true, force: true });
}
