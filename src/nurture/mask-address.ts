/** What stands in for the hidden part of an address: always three stars, so the length is not given away. */
const STARS = '***';

/**
 * An address as the preference centre shows it: enough for its owner to recognise it, too little for
 * someone holding a forwarded link to learn it. The domain stays whole; of the part before the `@`
 * only the first character stays, and only when at least two more are hidden (`ann@…` → `a***@…`,
 * `al@…` → `***@…`). Something that is not an address becomes `***`.
 */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  const local = Array.from(address.slice(0, Math.max(at, 0)));
  const domain = address.slice(at + 1);
  if (at < 1 || domain === '') return STARS;
  return `${local.length >= 3 ? local[0] : ''}${STARS}@${domain}`;
}
