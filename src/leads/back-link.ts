/** Whitespace and control characters, which browsers strip or reinterpret inside a URL. */
const UNSAFE_CHARACTERS = /[\s\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const PROBE_ORIGIN = 'https://site.invalid';

function looksSameSite(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//') && !path.includes('\\') && !UNSAFE_CHARACTERS.test(path);
}

/**
 * `value` when it is a path on this site and nothing a browser could turn into another site, for
 * the "go back" link of a page the server renders from posted fields. Browsers read `\` as `/`,
 * drop tabs and newlines, and some servers decode once more, so the path is checked as written and
 * decoded: `/\evil.com`, `/%09/evil.com` and `/%2F/evil.com` are all refused.
 */
export function sameSitePath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 300 || !looksSameSite(value)) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return undefined;
  }
  if (!looksSameSite(decoded)) return undefined;
  if (!URL.canParse(value, PROBE_ORIGIN) || new URL(value, PROBE_ORIGIN).origin !== PROBE_ORIGIN) return undefined;
  return value;
}
