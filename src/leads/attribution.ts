/**
 * Attribution: where a touch came from — the campaign tags and click ids of its visit, the visit's
 * first page and referrer. One set of rules for both ends: the server cleans what a form sends with
 * them, and the browser script keeps only what they accept. Attribution never costs a lead: a bad
 * value is truncated or dropped, and the drop is noted, never refused. Pure and free of zod, so the
 * browser script that imports it stays small.
 */

export const UTM_FIELDS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const;
export const CLICK_ID_FIELDS = ['gclid', 'fbclid', 'ttclid'] as const;
/** What a URL can carry: any of these in the address makes the page view the start of a new visit. */
export const URL_TAG_FIELDS = [...UTM_FIELDS, ...CLICK_ID_FIELDS] as const;
/** Hidden fields every form carries, filled with the attribution of the visit the signup happens in. */
export const ATTRIBUTION_FIELDS = [...URL_TAG_FIELDS, 'landing_page', 'referrer'] as const;
export type AttributionField = (typeof ATTRIBUTION_FIELDS)[number];

/** The hidden field carrying the first touch, as JSON: `{"at": epoch ms, "utm_source": …}`. */
export const FIRST_TOUCH_FIELD = 'first_touch';
/** A first touch is kept this long, like the ad platforms' click windows; the next visit after that is the new first. */
export const FIRST_TOUCH_DAYS = 90;
export const FIRST_TOUCH_MAX_AGE_MS = FIRST_TOUCH_DAYS * 86_400_000;
/** Longest `first_touch` JSON read: every value at its limit, with room for escaping. */
const FIRST_TOUCH_MAX_CHARS = 8_000;

const UTM_MAX_LENGTH = 200;
const CLICK_ID_MAX_LENGTH = 300;
const ADDRESS_MAX_LENGTH = 500;

/** Longest value kept: a longer tag, landing page or referrer is truncated, a longer click id dropped. */
export function attributionMaxLength(field: AttributionField): number {
  if (isUtm(field)) return UTM_MAX_LENGTH;
  return isClickId(field) ? CLICK_ID_MAX_LENGTH : ADDRESS_MAX_LENGTH;
}

function isUtm(field: string): boolean {
  return (UTM_FIELDS as readonly string[]).includes(field);
}

function isClickId(field: string): boolean {
  return (CLICK_ID_FIELDS as readonly string[]).includes(field);
}

/** Ad-platform placeholders nobody filled in, as when a marketer opens an ad URL to test it: `{gclid}`, `{{ad.id}}`, `__CLICKID__`. */
const UNFILLED_MACRO = /^(?:\{+[^{}]*\}+|__[A-Z][A-Z0-9_]*__)$/;
const CLICK_ID = /^[\w.~-]+$/;
const CONTROL_CHARACTERS = /[\x00-\x1f\x7f-\x9f\u2028\u2029]/;

/**
 * One attribution value as the rules keep it: trimmed, and truncated to its field's length; or
 * undefined when there is nothing worth keeping — not text, control characters, an unfilled macro,
 * or a click id that is malformed or too long (a cut click id matches no click).
 */
export function keptAttributionValue(field: AttributionField, raw: unknown): string | undefined {
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (!value || CONTROL_CHARACTERS.test(value) || UNFILLED_MACRO.test(value)) return undefined;
  const max = attributionMaxLength(field);
  if (isClickId(field)) return CLICK_ID.test(value) && value.length <= max ? value : undefined;
  // Never leave half of a surrogate pair at the cut.
  const kept = value.length > max ? value.slice(0, max).replace(/[\ud800-\udbff]$/, '') : value;
  return field !== 'referrer' || URL.canParse(kept) ? kept : undefined;
}

export type AttributionValues = Partial<Record<AttributionField, string>>;

/** The first visit of the lead's browser within the last 90 days. */
export type FirstTouch = AttributionValues & {
  /** When that visit began, epoch ms. */
  at: number;
};

/** What the cleaning changed, kept with the touch so a report can tell a cut campaign name from a whole one. */
export type AttributionNote =
  | { field: string; action: 'truncated'; /** The length that arrived. */ length: number }
  | { field: string; action: 'dropped'; /** What arrived, cut to 100 characters. */ value: string };

export interface CleanAttribution {
  /** The visit the signup happened in (last touch). */
  values: AttributionValues;
  firstTouch: FirstTouch | undefined;
  notes: AttributionNote[];
}

function keptValues(source: Record<string, unknown>): AttributionValues {
  const values: AttributionValues = {};
  for (const field of ATTRIBUTION_FIELDS) {
    const kept = keptAttributionValue(field, source[field]);
    if (kept !== undefined) values[field] = kept;
  }
  return values;
}

/** Like keptValues(), noting each value that was cut or dropped; `prefix` names the first touch's fields. */
function cleanValues(source: Record<string, unknown>, prefix: string, notes: AttributionNote[]): AttributionValues {
  const values = keptValues(source);
  for (const field of ATTRIBUTION_FIELDS) {
    const raw = source[field];
    const given = typeof raw === 'string' ? raw.trim() : raw;
    if (given === undefined || given === null || given === '' || given === values[field]) continue;
    if (typeof given === 'string' && values[field] !== undefined) notes.push({ field: prefix + field, action: 'truncated', length: given.length });
    else notes.push({ field: prefix + field, action: 'dropped', value: (typeof given === 'string' ? given : JSON.stringify(given)).slice(0, 100) });
  }
  return values;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function cleanFirstTouch(raw: unknown, notes: AttributionNote[]): FirstTouch | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const drop = () => {
    const given = typeof raw === 'string' ? raw : JSON.stringify(raw);
    notes.push({ field: FIRST_TOUCH_FIELD, action: 'dropped', value: given.slice(0, 100) });
    return undefined;
  };
  let parsed: unknown = raw;
  if (typeof raw === 'string') {
    if (raw.length > FIRST_TOUCH_MAX_CHARS) return drop();
    try {
      parsed = JSON.parse(raw);
    } catch {
      return drop();
    }
  }
  // Without the time of the first visit, the 90-day window means nothing.
  if (!isRecord(parsed) || typeof parsed.at !== 'number' || !Number.isSafeInteger(parsed.at) || parsed.at <= 0) return drop();
  return { ...cleanValues(parsed, `${FIRST_TOUCH_FIELD}.`, notes), at: parsed.at };
}

/** Cleans the attribution fields of a signup: the visit's values, the first touch, and notes on what was cut or dropped. */
export function cleanAttribution(fields: Record<string, unknown>): CleanAttribution {
  const notes: AttributionNote[] = [];
  const values = cleanValues(fields, '', notes);
  const firstTouch = cleanFirstTouch(fields[FIRST_TOUCH_FIELD], notes);
  return { values, firstTouch, notes };
}

/**
 * The attribution of the visit a page view belongs to (the last touch). A page reached through
 * campaign tags or a click id, or from another site, starts a new visit with its own values — an ad
 * click always replaces what came before; any other page continues the visit kept so far.
 */
export function visitAttribution(page: URL, referrer: string, kept: unknown): AttributionValues {
  const fromElsewhere = referrer !== '' && !referrer.startsWith(`${page.origin}/`);
  if (isRecord(kept) && !fromElsewhere && !URL_TAG_FIELDS.some((field) => page.searchParams.has(field))) return keptValues(kept);
  // A referrer on this site says nothing about where the visit came from.
  const values: Record<string, unknown> = { landing_page: page.pathname + page.search, referrer: fromElsewhere ? referrer : undefined };
  for (const field of URL_TAG_FIELDS) values[field] = page.searchParams.get(field);
  return keptValues(values);
}

/** The first touch kept in the browser, or this visit when there is none younger than 90 days. */
export function firstTouchOf(kept: unknown, visit: AttributionValues, now: number): FirstTouch {
  if (isRecord(kept) && typeof kept.at === 'number' && now - kept.at < FIRST_TOUCH_MAX_AGE_MS) return { ...keptValues(kept), at: kept.at };
  return { ...visit, at: now };
}
