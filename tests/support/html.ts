/** Small readers over rendered HTML, so tests can assert on the head without a DOM library. */

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? decodeEntities(match[1]!) : undefined;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Content of `<meta name|property="key">`, or undefined. */
export function meta(html: string, key: string): string | undefined {
  for (const [tag] of html.matchAll(/<meta\s[^>]*>/g)) {
    if (attribute(tag, 'name') === key || attribute(tag, 'property') === key) return attribute(tag, 'content');
  }
  return undefined;
}

/** `href` of `<link rel="…">`, or undefined. */
export function linkHref(html: string, rel: string): string | undefined {
  for (const [tag] of html.matchAll(/<link\s[^>]*>/g)) {
    if (attribute(tag, 'rel') === rel) return attribute(tag, 'href');
  }
  return undefined;
}

/** Text of the `<title>` element. */
export function title(html: string): string | undefined {
  const match = /<title>([\s\S]*?)<\/title>/.exec(html);
  return match ? decodeEntities(match[1]!) : undefined;
}

/** Every JSON-LD object on the page, with arrays flattened. */
export function jsonLd(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json"[^>]*>([\s\S]*?)<\/script>/g)].flatMap(([, json]) => {
    const data = JSON.parse(json!) as Record<string, unknown> | Record<string, unknown>[];
    return Array.isArray(data) ? data : [data];
  });
}

/** Opening tags of every `<script>` element. */
export function scriptTags(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
}

/** Every `<script>` element: its opening tag and what it holds. */
export function scriptElements(html: string): { tag: string; body: string }[] {
  return [...html.matchAll(/(<script\b[^>]*>)([\s\S]*?)<\/script>/g)].map(([, tag, body]) => ({ tag: tag!, body: body! }));
}

/** Count of an element's opening tags. */
export function countTags(html: string, name: string): number {
  return html.match(new RegExp(`<${name}[\\s>]`, 'g'))?.length ?? 0;
}

/** Every URL the page would make the browser fetch: src, srcset, stylesheet and icon hrefs. */
export function fetchedUrls(html: string): string[] {
  const urls: string[] = [];
  for (const [, url] of html.matchAll(/\ssrc="([^"]+)"/g)) urls.push(url!);
  for (const [, set] of html.matchAll(/\ssrcset="([^"]+)"/g)) urls.push(...set!.split(',').map((part) => part.trim().split(/\s+/)[0]!));
  for (const [tag] of html.matchAll(/<link\s[^>]*>/g)) {
    const rel = attribute(tag, 'rel') ?? '';
    if (/stylesheet|icon|preload|modulepreload|preconnect|dns-prefetch/.test(rel)) urls.push(attribute(tag, 'href') ?? '');
  }
  for (const [, url] of html.matchAll(/url\((['"]?)([^)'"]+)\1\)/g)) urls.push(url!);
  return urls;
}
