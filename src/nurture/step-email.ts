import { DOWNLOAD_LINK_TTL_MS, signLinkToken, unsubscribeToken } from '../leads/link-token.ts';
import { escapeHtml } from '../seo/escape-html.ts';
import { emailDocument, emailFooter } from '../email/layout.ts';
import type { EmailPayload, RenderContext, RenderedEmail } from '../email/render.ts';
import { titleInSentence } from '../magnets/title-in-sentence.ts';
import { fillSegments, type MergeField } from './sequences.ts';

/** The headers that let mail clients offer one-click unsubscribe (RFC 8058). */
export function unsubscribeHeaders(url: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

/** The unsubscribe page of a lead, signed. */
export function unsubscribeUrl(context: RenderContext, leadId: number): string {
  return new URL(`/unsubscribe/${unsubscribeToken(context.secret, leadId, context.now)}`, context.siteUrl).href;
}

/**
 * Renders a sequence step at send time: merge fields filled (escaped in the HTML), the footer with
 * the unsubscribe link and the postal address, and the List-Unsubscribe headers.
 */
export function renderStep(sequenceSlug: string, stepId: string, payload: EmailPayload, context: RenderContext): RenderedEmail {
  const step = context.sequences.get(sequenceSlug)?.steps.find((candidate) => candidate.id === stepId);
  if (!step) throw new Error(`step "${sequenceSlug}/${stepId}" is not in content/sequences/`);
  if (payload.leadId === undefined) throw new Error('a sequence email needs leadId in its payload');
  const unsubscribe = unsubscribeUrl(context, payload.leadId);
  const magnet = payload.magnet ? context.magnets.get(payload.magnet) : undefined;
  const values: Partial<Record<MergeField, string>> = {
    first_name: payload.name?.trim().split(/\s+/)[0],
    magnet_title: magnet ? titleInSentence(magnet.title) : undefined,
    unsubscribe_link: unsubscribe,
    download_link: payload.magnet
      ? new URL(
          `/download/${signLinkToken(context.secret, { purpose: 'download', leadId: payload.leadId, magnet: payload.magnet, expiresAt: context.now + DOWNLOAD_LINK_TTL_MS })}`,
          context.siteUrl,
        ).href
      : new URL('/magnets/', context.siteUrl).href,
  };
  const footer = emailFooter({ siteUrl: context.siteUrl, unsubscribe });
  const origin = context.siteUrl.origin;
  const html = emailDocument({
    subject: step.subject,
    preview: step.preview,
    // Links written site-relative in content (/articles/…) point at the site.
    body: `${fillSegments(step.html, values, escapeHtml).replace(/href="\/(?!\/)/g, `href="${origin}/`)}\n${footer.html}`,
    siteUrl: context.siteUrl,
  });
  const text = `${fillSegments(step.text, values, (value) => value).replace(/\((\/(?!\/)[^\s)]*)\)/g, `(${origin}$1)`)}\n\n${footer.text}`;
  return { subject: step.subject, html, text, headers: unsubscribeHeaders(unsubscribe) };
}
