import { openDownloadCookie } from '../leads/link-token.ts';
import type { Magnet } from './catalog.ts';
import type { DeliveryContext } from './delivery.ts';
import { markDueForScoring } from '../leads/rescore.ts';

export type ThanksDownload =
  | { status: 'ok'; magnet: Magnet; file: Buffer }
  /** Double opt-in: the file waits until the address is confirmed. */
  | { status: 'held'; magnet: Magnet }
  /** No cookie, or one that is foreign, expired or for another magnet: the emailed link is the way. */
  | { status: 'gone' };

/**
 * The thank-you page's download (`/download/<slug>`), through the cookie the signup answer set.
 * Every accepted signup gets that cookie, so this decides: a double opt-in magnet opens only for
 * a confirmed lead, and a single opt-in magnet opens for anyone who signed up, even a signup taken
 * for a bot's (no lead, nothing recorded), so the answer never shows what the server made of it.
 */
export async function openThanksDownload(
  context: DeliveryContext,
  slug: string,
  cookie: string,
  userAgent: string | undefined,
): Promise<ThanksDownload> {
  const magnet = context.magnets.get(slug);
  const opened = openDownloadCookie(context.secret, cookie, context.now);
  if (!magnet || !opened.ok || opened.claims.magnet !== magnet.slug) return { status: 'gone' };
  const { leadId } = opened.claims;
  const allowed = await context.store.write(async (trx) => {
    const lead = await trx.selectFrom('leads').select(['id', 'confirmed_at']).where('id', '=', leadId).executeTakeFirst();
    if (magnet.data.confirm && lead?.confirmed_at == null) return false;
    if (lead) {
      await trx
        .insertInto('downloads')
        .values({ lead_id: lead.id, magnet: magnet.slug, user_agent: userAgent?.slice(0, 400) ?? null, created_at: context.now })
        .execute();
      await markDueForScoring(trx, lead.id, context.now);
    }
    return true;
  });
  return allowed ? { status: 'ok', magnet, file: await context.magnets.file(magnet.slug) } : { status: 'held', magnet };
}
