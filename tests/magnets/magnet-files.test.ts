import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cachedMagnetPdf } from '../../src/magnets/magnet-files.ts';

const scratch = mkdtempSync(join(tmpdir(), 'lodestone-magnet-files-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const cover = {
  title: 'A cached worksheet',
  promise: 'Typeset once, built many times.',
  kind: 'worksheet',
  inside: ['One', 'Two'],
  siteName: 'Lodestone',
  siteUrl: 'lodestone.example',
};

describe("a build's magnet PDFs", () => {
  it('are typeset once into the cache and taken from it while the magnet is unchanged', async () => {
    const cache = join(scratch, 'unchanged');
    const first = await cachedMagnetPdf(cover, '# Section\n\nSome words.', cache);
    expect(first.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const [file] = readdirSync(cache);
    // A planted file under the same key is what the next build gets: it was not typeset again.
    writeFileSync(join(cache, file!), 'cached');
    expect((await cachedMagnetPdf(cover, '# Section\n\nSome words.', cache)).toString()).toBe('cached');
  });

  it('are typeset again when a word of the magnet changes', async () => {
    const cache = join(scratch, 'changed');
    await cachedMagnetPdf(cover, '# Section\n\nSome words.', cache);
    const changed = await cachedMagnetPdf({ ...cover, promise: 'Typeset again.' }, '# Section\n\nSome words.', cache);
    expect(changed.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(readdirSync(cache)).toHaveLength(2);
  });
});
