import type { LeadStore } from '../db/database.ts';
import { captureLead } from '../leads/capture-lead.ts';
import { normalizeEmail } from '../leads/email-address.ts';
import { DOWNLOAD_LINK_TTL_MS, signLinkToken, verifyLinkToken, type LinkClaims } from '../leads/link-token.ts';
import type { SignupForm } from '../leads/signup-forms.ts';
import { signupSchema } from '../leads/signup-input.ts';
import type { Magnet } from './catalog.ts';
import type { MagnetLibrary } from './library.ts';
import { confirmLead, isConfirmationUsed } from '../nurture/confirmation.ts';
import type { SequenceCatalog } from '../nurture/sequences.ts';
import { markDueForScoring } from '../leads/rescore.ts';

/** What the magnet routes need: the store, the magnets and the key links are signed with. */
export interface DeliveryContext {
  store: LeadStore;
  magnets: MagnetLibrary;
  secret: string;
  now: number;
  /** The nurture sequences: a confirmed lead enters the magnet's. */
  sequences: SequenceCatalog;
}

export type LinkCheck =
  | { status: 'ok'; claims: LinkClaims; magnet: Magnet }
  /** Ours but past its expiry: the magnet is known, so a fresh link can be offered. */
  | { status: 'expired'; claims: LinkClaims; magnet: Magnet }
  | { status: 'invalid' };

/** Verifies a link and looks up its magnet; a link to a magnet that no longer exists is invalid. */
export function checkLink(context: DeliveryContext, token: string, purpose: LinkClaims['purpose']): LinkCheck {
  const verdict = verifyLinkToken(context.secret, token, purpose, context.now);
  if (!verdict.ok && verdict.reason === 'invalid') return { status: 'invalid' };
  const magnet = context.magnets.get(verdict.claims.magnet);
  if (!magnet) return { status: 'invalid' };
  return { status: verdict.ok ? 'ok' : 'expired', claims: verdict.claims, magnet };
}

export type DownloadResult = Exclude<LinkCheck, { status: 'ok' }> | { status: 'ok'; magnet: Magnet; file: Buffer };

/** The file behind a valid download link, with the download recorded; nothing is recorded for any other link. */
export async function openDownload(context: DeliveryContext, token: string, userAgent: string | undefined): Promise<DownloadResult> {
  const check = checkLink(context, token, 'download');
  if (check.status !== 'ok') return check;
  const { claims, magnet } = check;
  const recorded = await context.store.write(async (trx) => {
    const lead = await trx.selectFrom('leads').select('id').where('id', '=', claims.leadId).executeTakeFirst();
    if (!lead) return false;
    await trx
      .insertInto('downloads')
      .values({ lead_id: lead.id, magnet: magnet.slug, user_agent: userAgent?.slice(0, 400) ?? null, created_at: context.now })
      .execute();
    await markDueForScoring(trx, lead.id, context.now);
    return true;
  });
  // A link for a lead that was erased is as good as forged.
  if (!recorded) return { status: 'invalid' };
  return { status: 'ok', magnet, file: await context.magnets.file(magnet.slug) };
}

/** The signup form behind "send me a fresh link": it mails the magnet itself, within the daily cap, and asks no consent again. */
function freshLinkForm(magnet: Magnet): SignupForm {
  return {
    kind: 'fresh-link',
    requiresConsent: false,
    consentText: '',
    consentVersion: '',
    thanksPath: `/thanks/${magnet.slug}/`,
    firstEmail: 'magnet',
    emailKnownLeads: true,
    fields: [],
    magnet: magnet.slug,
  };
}

/**
 * Mails a fresh download link for an expired (or still valid) one, when `email` is the address of
 * the lead the link was made for. Whatever the outcome, the caller shows the same answer, so the
 * form tells nobody whose link it was. Returns whether an email was queued.
 */
export async function mailFreshLink(context: DeliveryContext, token: string, email: string, userAgent: string | undefined): Promise<boolean> {
  const check = checkLink(context, token, 'download');
  if (check.status === 'invalid') return false;
  const address = normalizeEmail(email);
  if (!address.ok) return false;
  const lead = await context.store.db.selectFrom('leads').select(['email', 'name']).where('id', '=', check.claims.leadId).executeTakeFirst();
  if (!lead || lead.email !== address.address) return false;
  const result = await captureLead(context.store, signupSchema.parse({ email: lead.email, magnet: check.magnet.slug }), {
    form: freshLinkForm(check.magnet),
    userAgent,
    now: context.now,
  });
  return result.outboxId !== undefined;
}

export type ConfirmResult = { status: 'confirmed'; magnet: Magnet; download: string } | { status: 'expired'; magnet: Magnet } | { status: 'invalid' };

/** A download link for the confirmation page, so the reader has the file at once. */
function downloadToken(context: DeliveryContext, leadId: number, magnet: Magnet): string {
  return signLinkToken(context.secret, { purpose: 'download', leadId, magnet: magnet.slug, expiresAt: context.now + DOWNLOAD_LINK_TTL_MS });
}

export type ConfirmationView =
  /** Not used yet: the page asks for the button press; `addressConfirmed` when another link confirmed the address already. */
  | { status: 'ask'; magnet: Magnet; addressConfirmed: boolean }
  /** Used already: the address is confirmed and the magnet on its way, so the page offers the download again. */
  | { status: 'done'; magnet: Magnet; download: string }
  | { status: 'expired'; magnet: Magnet }
  | { status: 'invalid' };

/**
 * What a confirmation link shows when opened, changing nothing (a mail scanner may be the one
 * opening it). A link that was pressed already says so and offers the download, even once expired.
 */
export async function viewConfirmation(context: DeliveryContext, token: string): Promise<ConfirmationView> {
  const check = checkLink(context, token, 'confirm');
  if (check.status === 'invalid') return check;
  const { claims, magnet } = check;
  const lead = await context.store.db.selectFrom('leads').select(['id', 'confirmed_at']).where('id', '=', claims.leadId).executeTakeFirst();
  if (!lead) return { status: 'invalid' };
  if (await isConfirmationUsed(context.store.db, token, lead.id))
    return { status: 'done', magnet, download: downloadToken(context, lead.id, magnet) };
  if (check.status === 'expired') return { status: 'expired', magnet };
  return { status: 'ask', magnet, addressConfirmed: lead.confirmed_at !== null };
}

/**
 * Double opt-in, confirmed by the reader's button press: marks the address confirmed and queues
 * the magnet email, once per link however often the button is pressed. Returns a download link for
 * the page, so the reader has the file at once.
 */
export async function confirmAddress(context: DeliveryContext, token: string): Promise<ConfirmResult> {
  const check = checkLink(context, token, 'confirm');
  if (check.status !== 'ok') return check;
  const { claims, magnet } = check;
  // Only now, confirmed, does the lead get the magnet and enter its sequence.
  const lead = await confirmLead(context.store, {
    token,
    leadId: claims.leadId,
    template: 'magnet',
    payload: { magnet: magnet.slug },
    sequence: magnet.data.sequence,
    magnet: magnet.slug,
    sequences: context.sequences,
    now: context.now,
  });
  if (!lead) return { status: 'invalid' };
  return { status: 'confirmed', magnet, download: downloadToken(context, lead.id, magnet) };
}
