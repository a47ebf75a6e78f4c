import { CONFIRM_LINK_TTL_MS, signLinkToken } from '../../leads/link-token.ts';
import { titleInSentence } from '../../magnets/title-in-sentence.ts';
import { composeEmail, greeting } from '../layout.ts';
import type { MagnetEmailData, RenderedEmail } from '../render.ts';

/**
 * Double opt-in: asks the reader to confirm the address before the magnet is sent. The link opens
 * a page with a button; only pressing it confirms, so a mail scanner that follows links does not.
 */
export function renderMagnetConfirm({ name, leadId, slug, magnet, context }: MagnetEmailData): RenderedEmail {
  const token = signLinkToken(context.secret, { purpose: 'confirm', leadId, magnet: slug, expiresAt: context.now + CONFIRM_LINK_TTL_MS });
  const confirm = new URL(`/confirm/${token}`, context.siteUrl).href;
  const title = titleInSentence(magnet.title);
  return composeEmail(
    `Confirm your address to get ${title}`,
    `One click and ${title} is on its way.`,
    [
      greeting(name),
      `You asked for ${title}. Please confirm this is your address, and we will send the download link straight away.`,
      { button: 'Confirm and get the PDF', href: confirm },
      { note: 'The link works for 7 days. If you did not ask for this, ignore this email: without a confirmation we send nothing more.' },
      'The Lodestone team',
    ],
    { siteUrl: context.siteUrl },
  );
}
