import type { LeadStore } from '../db/database.ts';
import { AdLeadStatus } from './ad-lead-status.ts';
import type { AdPlatform } from './lead-form-mapping.ts';

/** One lead a webhook announced: the platform's lead id and what to keep of the delivery. */
export interface Notification {
  leadId: string;
  /** JSON: Meta's change value (the lead itself is fetched later), TikTok's lead as a PlatformLead. */
  payload: string;
}

/**
 * Stores announced leads before the webhook is answered, one row per platform lead id: a
 * redelivery finds its row and adds nothing. Resolves once durable; returns how many were new.
 */
export async function storeNotifications(
  store: LeadStore,
  platform: AdPlatform,
  notifications: readonly Notification[],
  now: number,
): Promise<number> {
  if (notifications.length === 0) return 0;
  const written = await store.write((trx) =>
    trx
      .insertInto('ad_leads')
      .values(
        notifications.map(({ leadId, payload }) => ({
          platform,
          platform_lead_id: leadId,
          payload,
          status: AdLeadStatus.Pending,
          next_attempt_at: now,
          created_at: now,
        })),
      )
      .onConflict((conflict) => conflict.columns(['platform', 'platform_lead_id']).doNothing())
      .returning('id')
      .execute(),
  );
  return written.length;
}
