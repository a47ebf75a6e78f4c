import { ATTRIBUTION_FIELDS, FIRST_TOUCH_FIELD, firstTouchOf, visitAttribution } from '../leads/attribution';

/**
 * Reads what `storage` holds under `key`, stores what `next` makes of it, and returns that. Storage
 * can be missing or refuse access (privacy modes, blocked cookies): the page's own values still go.
 */
function keep<T>(storage: 'sessionStorage' | 'localStorage', key: string, next: (kept: unknown) => T): T {
  let kept: unknown;
  try {
    kept = JSON.parse(window[storage].getItem(key)!);
  } catch {}
  const value = next(kept);
  try {
    window[storage].setItem(key, JSON.stringify(value));
  } catch {}
  return value;
}

/**
 * Fills every lead form's hidden fields with the attribution of this visit (kept for the tab's
 * session) and the first touch (kept 90 days), both as the server's rules keep them, and fetches
 * the signed stamp.
 */
export function keepAttribution(): void {
  const visit = keep('sessionStorage', 'lodestone:visit', (kept) => visitAttribution(new URL(location.href), document.referrer, kept));
  const firstTouch = keep('localStorage', 'lodestone:first-touch', (kept) => firstTouchOf(kept, visit, Date.now()));
  const forms = document.querySelectorAll('form[data-lead-form]');
  const fill = (name: string, value = '') => {
    for (const form of forms) {
      const input = (form as HTMLFormElement).elements.namedItem(name) as HTMLInputElement | null;
      if (input) input.value = value;
    }
  };
  for (const field of ATTRIBUTION_FIELDS) fill(field, visit[field]);
  fill(FIRST_TOUCH_FIELD, JSON.stringify(firstTouch));
  fetch('/api/form-stamp')
    .then((response) => response.json())
    .then((body: { stamp: string }) => fill('stamp', body.stamp))
    .catch(() => {});
}
