import { CONFIRM_LINK_TTL_MS, NEWSLETTER_LINK, signLinkToken } from '../../leads/link-token.ts';
import { composeEmail, greeting } from '../layout.ts';
import type { RenderedEmail } from '../render.ts';

export interface NewsletterConfirmData {
  name: string | null;
  leadId: number;
  siteUrl: URL;
  secret: string;
  now: number;
}

/**
 * Sent instead of the welcome email when a newsletter signup came too fast to tell a person from a
 * bot: nothing more goes to the address until its owner presses the button the link opens.
 */
export function renderNewsletterConfirm({ name, leadId, siteUrl, secret, now }: NewsletterConfirmData): RenderedEmail {
  const token = signLinkToken(secret, { purpose: 'confirm', leadId, magnet: NEWSLETTER_LINK, expiresAt: now + CONFIRM_LINK_TTL_MS });
  return composeEmail(
    'Confirm your address to get the Lodestone guides',
    'One click and the first guide is on its way.',
    [
      greeting(name),
      'You signed up for the Lodestone guides. Please confirm this is your address, and we will send the first one straight away.',
      { button: 'Confirm my address', href: new URL(`/confirm/${token}`, siteUrl).href },
      { note: 'The link works for 7 days. If you did not sign up, ignore this email: without a confirmation we send nothing more.' },
      'The Lodestone team',
    ],
    { siteUrl },
  );
}
