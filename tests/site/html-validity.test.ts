import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/app-server.ts';

const client = join(projectRoot, 'dist/client');
const VNU = join(projectRoot, 'node_modules/vnu-jar/build/dist/vnu.jar');

interface VnuMessage {
  type: string;
  subType?: string;
  url: string;
  firstLine?: number;
  lastLine?: number;
  firstColumn?: number;
  message: string;
}

/** The Nu checker's JSON as one line per error: `path:line:column  message`, ordered by file. */
function listing(json: string): string[] {
  const { messages } = JSON.parse(json) as { messages: VnuMessage[] };
  return messages
    .filter((message) => message.type === 'error' || message.subType === 'fatal')
    .map((message) => {
      const file = message.url.startsWith('file:') ? relative(projectRoot, fileURLToPath(message.url)) : message.url;
      return `${file}:${message.firstLine ?? message.lastLine ?? 1}:${message.firstColumn ?? 1}  ${message.message}`;
    })
    .sort();
}

describe('the built pages', () => {
  it('have no HTML error for the W3C Nu HTML Checker (vnu-jar), every page in one run', async () => {
    const pages = readdirSync(client, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.html'))
      .map((name) => join(client, name));
    expect(pages.length).toBeGreaterThan(30);
    // One Java process for every file: starting the JVM costs more than checking a page. It exits 1 when it finds an error.
    const output = await new Promise<string>((resolve, reject) =>
      execFile('java', ['-jar', VNU, '--errors-only', '--format', 'json', ...pages], { maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
        if (error && !stderr.trimStart().startsWith('{'))
          reject(new Error(`java could not run the Nu checker (install default-jre-headless): ${error.message}`));
        else resolve(stderr);
      }),
    );
    expect(listing(output).join('\n')).toBe('');
  }, 180_000);
});
