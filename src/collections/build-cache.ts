import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What builds keep between them (share images, magnet PDFs), one folder per kind; kept by `npm ci`s that keep node_modules/.cache. */
export const BUILD_CACHE = 'node_modules/.cache/lodestone';

/**
 * The file `name` of a cache folder, made with `make` and kept there when it is missing: a file
 * whose name stands for what it holds is never made twice. Written aside and renamed, so a build
 * stopped halfway never leaves half a file in the cache.
 */
export async function cachedBuildFile(directory: string, name: string, make: () => Promise<Buffer>): Promise<{ bytes: Buffer; made: boolean }> {
  const file = join(directory, name);
  try {
    return { bytes: await readFile(file), made: false };
  } catch {
    const bytes = await make();
    await mkdir(directory, { recursive: true });
    await writeFile(`${file}.${process.pid}.tmp`, bytes);
    await rename(`${file}.${process.pid}.tmp`, file);
    return { bytes, made: true };
  }
}
