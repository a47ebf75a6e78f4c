import { escapeHtml } from '../../seo/escape-html.ts';
import type { RenderedEmail } from '../render.ts';

export interface WelcomeData {
  name: string | null;
  siteUrl: URL;
}

const READING = [
  ['What a lead is, and what it is not', '/articles/what-is-a-lead/', 'The definition that keeps marketing and sales counting the same thing.'],
  ['Lead magnets that convert', '/articles/lead-magnets-that-convert/', 'How to pick an offer a reader will trade an email address for.'],
  ['Speed to lead', '/articles/speed-to-lead/', 'Why the first hour after a signup decides most deals, and how to answer inside it.'],
] as const;

/** The first email of the default welcome sequence: what to expect, and where to start reading. */
export function renderWelcome({ name, siteUrl }: WelcomeData): RenderedEmail {
  const firstName = name?.trim().split(/\s+/)[0];
  const greeting = firstName ? `Hi ${firstName},` : 'Hi there,';
  const links = READING.map(([title, path, why]) => ({ title, href: new URL(path, siteUrl).href, why }));
  const subject = 'Welcome to Lodestone: three guides to start with';
  const preview = 'What to expect from us, and the three guides readers find most useful first.';

  const text = [
    greeting,
    '',
    'Thanks for signing up. Every couple of weeks we send one practical guide on turning readers into leads and leads into sales conversations: no news round-ups, no filler.',
    '',
    'If you are starting out, these three are the ones readers tell us helped most:',
    '',
    ...links.flatMap((link) => [`- ${link.title}: ${link.why}`, `  ${link.href}`]),
    '',
    'One question while you are here: what is the one number in your funnel you would most like to move this quarter? Reply and tell us; we read every answer and it shapes what we write next.',
    '',
    'The Lodestone team',
  ].join('\n');

  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(subject)}</title>
</head>
<body style="margin:0;padding:0;background:#f4f6f8;">
<div style="display:none;max-height:0;overflow:hidden;">${escapeHtml(preview)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f6f8;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:8px;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;font-size:16px;line-height:1.6;color:#1b1f24;">
<tr><td style="padding:28px 28px 8px;">
<p style="margin:0 0 16px;">${escapeHtml(greeting)}</p>
<p style="margin:0 0 16px;">Thanks for signing up. Every couple of weeks we send one practical guide on turning readers into leads and leads into sales conversations: no news round-ups, no filler.</p>
<p style="margin:0 0 8px;">If you are starting out, these three are the ones readers tell us helped most:</p>
<ul style="margin:0 0 16px;padding-left:20px;">
${links.map((link) => `<li style="margin:0 0 10px;"><a href="${escapeHtml(link.href)}" style="color:#0b5cad;font-weight:600;">${escapeHtml(link.title)}</a><br>${escapeHtml(link.why)}</li>`).join('\n')}
</ul>
<p style="margin:0 0 16px;">One question while you are here: what is the one number in your funnel you would most like to move this quarter? Reply and tell us; we read every answer and it shapes what we write next.</p>
<p style="margin:0 0 24px;">The Lodestone team</p>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>`;

  return { subject, html, text };
}
