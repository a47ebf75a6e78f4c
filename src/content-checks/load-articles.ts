import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArticle, type ParsedArticle } from './parse-article.ts';

export const ARTICLES_DIRECTORY = 'content/articles';
export const AUTHORS_DIRECTORY = 'content/authors';

/** Every `.mdx` file under the directory, parsed; its slug is its path without the extension, as the collection's glob loader makes it. */
export async function loadArticles(directory = ARTICLES_DIRECTORY): Promise<ParsedArticle[]> {
  const files = (await readdir(directory, { recursive: true })).filter((file) => file.endsWith('.mdx')).sort();
  return Promise.all(
    files.map(async (file) => {
      const path = join(directory, file).replace(/\\/g, '/');
      return parseArticle(path, file.replace(/\\/g, '/').replace(/\.mdx$/, ''), await readFile(path, 'utf8'));
    }),
  );
}

/** The author ids: file names in content/authors/ without their extension. */
export async function loadAuthorIds(directory = AUTHORS_DIRECTORY): Promise<string[]> {
  return (await readdir(directory)).filter((file) => /\.ya?ml$/.test(file)).map((file) => file.replace(/\.ya?ml$/, ''));
}
