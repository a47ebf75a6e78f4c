import { adminLeadUrl, HandoffReason, type Handoff, type HandoffTouch } from '../../handoff/handoff.ts';
import { composeEmail, type EmailBlock } from '../layout.ts';
import type { RenderedEmail } from '../render.ts';

/** `2026-12-01 09:00 UTC`: one reading for a team in any time zone. */
function when(at: number): string {
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `company_size` → `Company size`. */
function label(field: string): string {
  const words = field.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A referrer's host: the email shows no URL as text (a long one would widen it on a phone). */
function host(referrer: string): string {
  return URL.parse(referrer)?.host ?? referrer;
}

/** A landing page's path without its query: the tags in it are told one by one. */
function path(page: string): string {
  return (URL.parse(page)?.pathname ?? page).split('?')[0]!;
}

/** Where a visit came from, in words: `from google / cpc, campaign "spring", Google Ads click, landed on /lp/audit/b`. */
function visit(touch: HandoffTouch): string {
  const source = [touch.utm_source, touch.utm_medium].filter(Boolean).join(' / ');
  const referrer = touch.referrer ? host(touch.referrer) : undefined;
  const clicks = [touch.gclid && 'Google Ads', touch.fbclid && 'Meta', touch.ttclid && 'TikTok'].filter(Boolean);
  const parts = [
    source ? `from ${source}` : referrer ? `from ${referrer}` : 'direct or untagged',
    touch.utm_campaign && `campaign “${touch.utm_campaign}”`,
    touch.utm_term && `term “${touch.utm_term}”`,
    touch.utm_content && `ad “${touch.utm_content}”`,
    clicks.length > 0 && `${clicks.join(' and ')} click`,
    source && referrer && `referred by ${referrer}`,
    touch.landing_page && `landed on ${path(touch.landing_page)}`,
  ];
  return parts.filter(Boolean).join(', ');
}

/** Which form on which page: `the landing form on /lp/audit/b/ (landing page audit, variant b)`. */
function signup(touch: HandoffTouch): string {
  const what = [
    touch.magnet && `magnet ${touch.magnet}`,
    touch.landing && `landing page ${touch.landing}`,
    touch.variant && `variant ${touch.variant}`,
  ];
  const detail = what.filter(Boolean).join(', ');
  return `the ${touch.form ?? 'signup'} form${touch.page ? ` on ${path(touch.page)}` : ''}${detail ? ` (${detail})` : ''}`;
}

function origins({ firstTouch, lastTouch }: Handoff): string[] {
  const lines: string[] = [];
  if (firstTouch) lines.push(`First touch, ${when(firstTouch.at)}: ${visit(firstTouch)}.`);
  if (lastTouch) lines.push(`Latest signup, ${when(lastTouch.at)}: ${signup(lastTouch)}, in a visit ${visit(lastTouch)}.`);
  return lines;
}

/**
 * Tells the sales team about a hand-off in plain words: who, why now, the score and every rule
 * behind it, the answers, where the lead came from, and a link to the lead in the admin.
 */
export function renderSalesAlert(handoff: Handoff, siteUrl: URL): RenderedEmail {
  const { reason, occurredAt, lead, answers, score, explanation } = handoff;
  const who = lead.name?.trim() || lead.email;
  const consultation = reason === HandoffReason.Consultation;
  const subject = consultation ? `Consultation request: ${who}, score ${score}` : `Sales-ready lead: ${who}, score ${score}`;
  const whyNow = consultation
    ? `${who} (${lead.email}) asked for a consultation at ${when(occurredAt)}. The page promised them a reply within one working day.`
    : `${who} (${lead.email}) became sales-ready at ${when(occurredAt)}, with a score of ${score}.`;
  const answered = Object.entries(answers).map(([field, value]) => `${label(field)}: ${typeof value === 'boolean' ? (value ? 'yes' : 'no') : value}`);
  const from = origins(handoff);
  const blocks: EmailBlock[] = [
    whyNow,
    { button: 'Open the lead in the admin', href: adminLeadUrl(siteUrl, lead.id) },
    explanation.length ? `Score ${score}, from these rules:` : `Score ${score}: no scoring rule fired.`,
    ...(explanation.length ? [{ list: explanation }] : []),
    answered.length ? 'Their answers:' : 'They have answered no qualifying questions.',
    ...(answered.length ? [{ list: answered }] : []),
    from.length ? 'Where they came from:' : 'Where they came from is not recorded.',
    ...(from.length ? [{ list: from }] : []),
    { note: `A lead since ${when(lead.createdAt)}. Reply to them at ${lead.email}.` },
  ];
  return composeEmail(subject, whyNow, blocks, {
    siteUrl,
    reason: `You get this email because SALES_NOTIFY_EMAIL names this address on ${siteUrl.host}.`,
  });
}
