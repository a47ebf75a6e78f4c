import { DOWNLOAD_LINK_TTL_MS, signLinkToken } from '../../leads/link-token.ts';
import { titleInSentence } from '../../magnets/title-in-sentence.ts';
import { composeEmail, greeting } from '../layout.ts';
import type { MagnetEmailData, RenderedEmail } from '../render.ts';

/** Delivers a magnet: a download link signed for this lead and magnet, valid for seven days from sending. */
export function renderMagnet({ name, leadId, slug, magnet, context }: MagnetEmailData): RenderedEmail {
  const token = signLinkToken(context.secret, { purpose: 'download', leadId, magnet: slug, expiresAt: context.now + DOWNLOAD_LINK_TTL_MS });
  const download = new URL(`/download/${token}`, context.siteUrl).href;
  const next = new URL(magnet.thanks.next.href, context.siteUrl).href;
  const title = titleInSentence(magnet.title);
  return composeEmail(
    `Your copy of ${title}`,
    `${magnet.promise} Your download link is inside.`,
    [
      greeting(name),
      `Here is your copy of ${title}, as promised. ${magnet.promise}`,
      { button: `Download the ${magnet.kind} (PDF)`, href: download },
      { note: 'The link is yours and works for 7 days. If it has expired, open it anyway and we will send a fresh one.' },
      'When you have had a look, a good next step:',
      { link: magnet.thanks.next.label, href: next },
      'If anything in it is unclear or does not fit your situation, reply to this email. A person reads every reply.',
      'The Lodestone team',
    ],
    { siteUrl: context.siteUrl },
  );
}
