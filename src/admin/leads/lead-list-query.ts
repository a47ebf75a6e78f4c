import { z } from 'zod';
import { LeadStatus } from '../../leads/lead-status.ts';

/** Leads on one page of the list. */
export const LEADS_PER_PAGE = 50;

/** How the list is ordered: newest first, or highest score first (newest first among equals). */
export const LeadSort = { Newest: 'newest', Score: 'score' } as const;
export type LeadSort = (typeof LeadSort)[keyof typeof LeadSort];

const text = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((value) => value || undefined);

/**
 * The list's query string, as the plain GET form sends it. Unknown or malformed values are
 * dropped, never an error: a hand-edited URL shows the list, unfiltered where it could not read.
 */
export const leadListQuery = z.object({
  /** Part of the address or the name, any case. */
  q: text,
  /** A LeadStatus. */
  status: z
    .enum(Object.values(LeadStatus) as [LeadStatus, ...LeadStatus[]])
    .optional()
    .catch(undefined),
  /** Touch attribution: a lead matches when one of its touches carries all of these at once. */
  source: text,
  campaign: text,
  magnet: text,
  landing: text,
  variant: text,
  sort: z.enum([LeadSort.Newest, LeadSort.Score]).catch(LeadSort.Newest).default(LeadSort.Newest),
  /** Keyset cursor: the sort key and id of the last lead of the previous page, `<key>.<id>`. */
  after: z
    .string()
    .regex(/^-?\d{1,16}\.\d{1,16}$/)
    .optional()
    .catch(undefined),
});
export type LeadListQuery = z.infer<typeof leadListQuery>;

/** Reads the list's query string; never throws. */
export function parseLeadListQuery(params: URLSearchParams): LeadListQuery {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(leadListQuery.shape)) {
    const value = params.get(key);
    if (value !== null) raw[key] = value;
  }
  const parsed = leadListQuery.safeParse(raw);
  return parsed.success ? parsed.data : leadListQuery.parse({});
}

/** The cursor after `lead` in `sort` order. */
export function cursorAfter(lead: { id: number; score: number; created_at: number }, sort: LeadSort): string {
  return `${sort === LeadSort.Score ? lead.score : lead.created_at}.${lead.id}`;
}

/** The query string for `query` with some parameters changed (undefined removes one); empty values are left out. */
export function listHref(query: Partial<LeadListQuery>, changes: Partial<Record<keyof LeadListQuery, string | undefined>> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, ...changes })) {
    if (value === undefined || value === '' || (key === 'sort' && value === LeadSort.Newest)) continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `/admin/leads/?${search}` : '/admin/leads/';
}
