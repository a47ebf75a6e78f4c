import type { Generated } from 'kysely';

/**
 * Tables as the code sees them. Times are epoch milliseconds and flags are 0/1 integers in both
 * engines, so SQLite and PostgreSQL rows look the same to every caller.
 */
export interface Database {
  leads: LeadTable;
  touches: TouchTable;
  outbox: OutboxTable;
  mailbox: MailboxTable;
  rate_limits: RateLimitTable;
  downloads: DownloadTable;
  email_events: EmailEventTable;
  webhook_receipts: WebhookReceiptTable;
  variant_assignments: VariantAssignmentTable;
  send_attempts: SendAttemptTable;
  qualification_changes: QualificationChangeTable;
  page_view_counts: PageViewCountTable;
  page_views: PageViewTable;
  erasures: ErasureTable;
  sequence_opt_outs: SequenceOptOutTable;
  admin_sessions: AdminSessionTable;
  chats: ChatTable;
  ad_leads: AdLeadTable;
}

export interface LeadTable {
  id: Generated<number>;
  /** Normalised address: trimmed and lower-cased; one lead per address. */
  email: string;
  name: string | null;
  /** A LeadStatus: how far the lead is qualified. */
  status: string;
  /** The lead's score when it was last scored (src/scoring/). */
  score: Generated<number>;
  /** When the lead is next due to be scored: set by every touch and event; null when nothing is due. */
  rescore_at: number | null;
  /** When the lead confirmed the address through a double opt-in link; null until then. */
  confirmed_at: number | null;
  /** When the lead unsubscribed from marketing email; null while subscribed. */
  unsubscribed_at: number | null;
  /** When a hard bounce or complaint stopped all email to the address, and why. */
  suppressed_at: number | null;
  suppressed_reason: string | null;
  created_at: number;
  updated_at: number;
}

export interface TouchTable {
  id: Generated<number>;
  lead_id: number;
  /** Which form: `magnet`, `landing`, `newsletter`… */
  form: string;
  page: string | null;
  magnet: string | null;
  landing: string | null;
  variant: string | null;
  /** Tags and click ids of the visit the signup happened in (last touch), as the page that began it carried them. */
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
  gclid: string | null;
  fbclid: string | null;
  ttclid: string | null;
  /** First page of the visit the signup happened in (last touch), and that visit's referrer. */
  landing_page: string | null;
  referrer: string | null;
  /** The browser's first visit of the last 90 days as JSON: `{"at": epoch ms, "utm_source": …}`; null when the form did not send one. */
  first_touch: string | null;
  /** Attribution values the server cut or dropped, as a JSON list like `[{"field":"gclid","action":"dropped","value":"{gclid}"}]`; null when none. */
  attribution_notes: string | null;
  user_agent: string | null;
  consent: number;
  consent_text: string | null;
  consent_version: string | null;
  /** Qualifying fields the form declared, as JSON. */
  fields: string | null;
  /** 1 when this touch queued an email (counts toward the per-address daily cap). */
  emailed: number;
  /** Why the touch was held back (`too-fast`: confirmation first); null when taken as it came. */
  screening: string | null;
  created_at: number;
}

export interface OutboxTable {
  id: Generated<number>;
  /** `email` or `webhook`. */
  kind: string;
  lead_id: number | null;
  /** What to send, e.g. `welcome`; rendered when sent. */
  template: string;
  /** Template data as JSON. */
  payload: string;
  /** Sent as `Idempotency-Key`, so a retry of this row is never a second email. */
  idempotency_key: string;
  status: string;
  attempts: number;
  next_attempt_at: number;
  /** While a sender holds the row; a crashed sender's claim lapses at this time. */
  locked_until: number | null;
  last_error: string | null;
  provider_id: string | null;
  created_at: number;
  sent_at: number | null;
  /** The send attempt that carries this row while its outcome is open; null before the first call and once settled. */
  attempt_id: number | null;
}

export interface MailboxTable {
  id: Generated<number>;
  outbox_id: number;
  from_address: string;
  to_address: string;
  subject: string;
  html: string;
  text: string;
  headers: string;
  created_at: number;
}

export interface RateLimitTable {
  key: string;
  window_start: number;
  count: number;
}

/** One download of a magnet's file through a signed link. */
export interface DownloadTable {
  id: Generated<number>;
  lead_id: number;
  magnet: string;
  user_agent: string | null;
  created_at: number;
}

/** What Resend reported about an email: delivered, opened, clicked, bounced, complained… */
export interface EmailEventTable {
  id: Generated<number>;
  lead_id: number | null;
  outbox_id: number | null;
  /** The event type without its `email.` prefix. */
  type: string;
  provider_id: string | null;
  /** A short detail, such as the bounce type or the clicked link. */
  detail: string | null;
  created_at: number;
}

/** Webhook deliveries already processed, by their `svix-id`; a second delivery of one is a replay. */
export interface WebhookReceiptTable {
  id: string;
  received_at: number;
}

/** One visitor assigned to a variant by a landing page's A/B split. */
export interface VariantAssignmentTable {
  id: Generated<number>;
  landing: string;
  variant: string;
  created_at: number;
}

/**
 * One request to the email provider, stored before it is made: retried with the same key and the
 * same bytes until the provider answers, so a lost answer or a crash never becomes a second email.
 */
export interface SendAttemptTable {
  id: Generated<number>;
  /** Sent as `Idempotency-Key`; unique to this request. */
  idempotency_key: string;
  /** The rendered emails as JSON, in the order they are sent. */
  emails: string;
  /** The outbox rows the emails belong to, as a JSON array in the same order. */
  outbox_ids: string;
  created_at: number;
}

/** One move of a lead's status, with the score and the explanation that caused it. */
export interface QualificationChangeTable {
  id: Generated<number>;
  lead_id: number;
  from_status: string;
  to_status: string;
  score: number;
  /** The explanation lines, as a JSON array of strings. */
  explanation: string;
  created_at: number;
}

/** How often a page was viewed on one UTC day, by anyone: counted anonymously, nothing about who. */
export interface PageViewCountTable {
  /** The page's path as the site links it, like `/articles/speed-to-lead/`. */
  path: string;
  /** The UTC day, as the epoch milliseconds of its midnight. */
  day: number;
  views: number;
}

/** One page view of a lead whose browser carries the lead cookie (set only with consent), for scoring. */
export interface PageViewTable {
  id: Generated<number>;
  lead_id: number;
  path: string;
  /** An article's tags as a JSON array, as the built page declared them; null for other pages. */
  tags: string | null;
  created_at: number;
}

/** One lead erased on request: when, and why if the admin said; nothing about who. */
export interface ErasureTable {
  id: Generated<number>;
  erased_at: number;
  reason: string | null;
}

/** A sequence one lead left from the preference centre; its remaining steps are skipped. */
export interface SequenceOptOutTable {
  lead_id: number;
  /** The sequence's slug; the newsletter is its sequence (`welcome`). */
  sequence: string;
  created_at: number;
}

/** One signed-in admin browser. The cookie holds the token; the table holds only its SHA-256. */
export interface AdminSessionTable {
  /** SHA-256 of the session token, hex. */
  token_hash: string;
  created_at: number;
  /** When the session was last used (refreshed at most once a minute). */
  seen_at: number;
  /** The idle limit after `seen_at`, capped by the absolute limit after `created_at`. */
  expires_at: number;
}

/** One chat conversation that ended in a signup (see src/chat/): what was said, and the status the answers scored. */
export interface ChatTable {
  id: Generated<number>;
  lead_id: number;
  /** The chat script's slug (content/chats/<slug>.yaml). */
  script: string;
  /** The conversation as JSON: `[{ "from": "chat" | "visitor", "text": "…" }]`. */
  transcript: string;
  /** The status the answers scored when the chat handed off: `sales-ready`, `marketing-qualified` or `new`. */
  outcome: string;
  created_at: number;
}

/** One lead a platform's lead ad sent us, by the platform's lead id: stored first, then captured as a lead and touch. */
export interface AdLeadTable {
  id: Generated<number>;
  /** `meta` or `tiktok`. */
  platform: string;
  /** The platform's own id of the lead (Meta's `leadgen_id`, TikTok's `lead_id`); unique per platform. */
  platform_lead_id: string;
  /** What the webhook carried, as JSON: Meta's change value (the lead is fetched), TikTok's whole lead. */
  payload: string;
  /** An AdLeadStatus: `pending` until captured, `failed` when it cannot be. */
  status: string;
  attempts: Generated<number>;
  next_attempt_at: number;
  /** While a worker holds the row; a crashed worker's claim lapses at this time. */
  locked_until: number | null;
  last_error: string | null;
  /** The lead it became; null until captured. */
  lead_id: number | null;
  created_at: number;
  captured_at: number | null;
}
