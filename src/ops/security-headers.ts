import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EndpointAnswer } from '../server/endpoint-answer.ts';

/** The hashes of the inline scripts and styles a page carries, as CSP sources (`'sha256-…'`). */
export interface InlineHashes {
  scripts: string[];
  styles: string[];
  /** Of `style="…"` attributes (an email's HTML in its preview): allowed with `'unsafe-hashes'`, by hash too. */
  styleAttributes?: string[];
}

/** Script types the browser never runs (data blocks): CSP does not apply to them, so they need no hash. */
const DATA_BLOCK = /\btype\s*=\s*["']?(application\/(ld\+)?json|text\/plain)\b/i;

/**
 * The hashes of the inline `<script>` and `<style>` elements of `html`, of their text exactly as
 * served (the browser hashes the raw text between the tags). Scripts with `src` and data blocks
 * (JSON-LD) are left out.
 */
export function inlineHashes(html: string): InlineHashes {
  const scripts = new Set<string>();
  const styles = new Set<string>();
  for (const [, attributes, text] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\bsrc\s*=/i.test(attributes!) || DATA_BLOCK.test(attributes!)) continue;
    scripts.add(hashSource(text!));
  }
  for (const [, text] of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi)) styles.add(hashSource(text!));
  const attributes = new Set<string>();
  for (const [, , value] of html.matchAll(/<[a-z][^>]*?\sstyle\s*=\s*(["'])([\s\S]*?)\1/gi)) attributes.add(hashSource(decodeEntities(value!)));
  return { scripts: [...scripts].sort(), styles: [...styles].sort(), ...(attributes.size ? { styleAttributes: [...attributes].sort() } : {}) };
}

/** The browser hashes an attribute's value as parsed: the entities HTML escaping writes, decoded. */
function decodeEntities(value: string): string {
  return value.replace(
    /&(quot|#39|#x27|apos|lt|gt|amp);/g,
    (_, name: string) => ({ quot: '"', '#39': "'", '#x27': "'", apos: "'", lt: '<', gt: '>', amp: '&' })[name]!,
  );
}

function hashSource(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The union of the inline hashes of every built page under `directory` (dist/client), read once at start. */
export async function builtPageHashes(directory: string): Promise<InlineHashes> {
  const scripts = new Set<string>();
  const styles = new Set<string>();
  const files = await readdir(directory, { recursive: true }).catch(() => []);
  for (const file of files) {
    if (!file.endsWith('.html')) continue;
    const hashes = inlineHashes(await readFile(join(directory, file), 'utf8'));
    hashes.scripts.forEach((hash) => scripts.add(hash));
    hashes.styles.forEach((hash) => styles.add(hash));
  }
  return { scripts: [...scripts].sort(), styles: [...styles].sort() };
}

/**
 * The site's Content-Security-Policy: everything from this origin only (images also from
 * `imageOrigins`: SITE_URL's, where an email previewed in the admin takes its logo), inline code only by hash,
 * no plugins, no `<base>`, forms posting only here, and no other site may frame a page (the
 * admin's email preview sets its own policy, framed by the admin's page).
 */
export function contentSecurityPolicy({ scripts, styles, styleAttributes = [] }: InlineHashes, imageOrigins: readonly string[] = []): string {
  return [
    "default-src 'self'",
    ['script-src', "'self'", ...scripts].join(' '),
    ['style-src', "'self'", ...styles, ...(styleAttributes.length ? ["'unsafe-hashes'", ...styleAttributes] : [])].join(' '),
    ['img-src', "'self'", 'data:', ...imageOrigins].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** A year: what HSTS preload lists ask for; only sent when the site is served over https. */
const HSTS = 'max-age=31536000';

/** The headers every answer carries, whatever serves it (`Content-Security-Policy` apart: see contentSecurityPolicy()). */
export function securityHeaders(siteUrl: URL): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    ...(siteUrl.protocol === 'https:' ? { 'Strict-Transport-Security': HSTS } : {}),
  };
}

/**
 * A page rendered on request carries the policy of its own inline code (and `imageOrigins`, as
 * contentSecurityPolicy() takes them); one that already set a
 * policy (the admin's email preview) keeps it. Anything but HTML passes untouched.
 */
export async function withPagePolicy(response: Response, imageOrigins: readonly string[] = []): Promise<Response> {
  if (response.headers.has('content-security-policy') || !response.headers.get('content-type')?.startsWith('text/html') || !response.body)
    return response;
  const html = await response.text();
  const headers = new Headers(response.headers);
  headers.set('Content-Security-Policy', contentSecurityPolicy(inlineHashes(html), imageOrigins));
  return new Response(html, { status: response.status, statusText: response.statusText, headers });
}

/** As withPagePolicy(), for an answer the server writes itself (its signup form's error page). */
export function withAnswerPolicy(answer: EndpointAnswer): EndpointAnswer {
  if (answer.headers['content-security-policy'] || !answer.headers['content-type']?.startsWith('text/html') || !answer.body) return answer;
  return { ...answer, headers: { ...answer.headers, 'content-security-policy': contentSecurityPolicy(inlineHashes(answer.body)) } };
}
