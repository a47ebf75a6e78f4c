import { escapeHtml } from '../seo/escape-html.ts';
import { site } from '../site.config.ts';

/** "Hi Ada," from a full name, or "Hi there," without one. */
export function greeting(name: string | null): string {
  const firstName = name?.trim().split(/\s+/)[0];
  return firstName ? `Hi ${firstName},` : 'Hi there,';
}

/** A paragraph of body text (escaped). */
function paragraph(text: string, bottom = 16): string {
  return `<p style="margin:0 0 ${bottom}px;">${escapeHtml(text)}</p>`;
}

/** A large, tappable link styled as a button; the URL is also printed in the plain-text part. */
function button(href: string, label: string): string {
  return `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:8px 0 24px;"><tr><td style="border-radius:6px;background:#0b5cad;"><a class="email-button" href="${escapeHtml(href)}" style="display:inline-block;padding:14px 24px;color:#ffffff;font-weight:700;text-decoration:none;border-radius:6px;">${escapeHtml(label)}</a></td></tr></table>`;
}

/** What the footer of an email says: why the reader gets it and, on marketing email, how to stop it. */
export interface FooterData {
  siteUrl: URL;
  /** The lead's one-click unsubscribe page; marketing email must carry it. */
  unsubscribe?: string;
  /** Why the reader gets the email, when it is not that they asked for it on the site. */
  reason?: string;
}

/**
 * The footer every email ends with, in both parts: why it came, the unsubscribe link (as link text
 * in the HTML, so a long URL cannot widen the email on a phone) and the sender's postal address,
 * which CAN-SPAM requires in every commercial email.
 */
export function emailFooter({ siteUrl, unsubscribe, reason }: FooterData): { html: string; text: string } {
  reason ??= `You get this email because you asked for it on ${siteUrl.host}.`;
  const html = `<p class="email-muted" style="margin:24px 0 0;padding-top:16px;border-top:1px solid #d0d7de;font-size:13px;line-height:1.5;color:#57606a;">${escapeHtml(reason)}${
    unsubscribe ? ` <a href="${escapeHtml(unsubscribe)}" style="color:#57606a;">Unsubscribe</a> with one click.` : ''
  }<br>${escapeHtml(site.postalAddress)}</p>`;
  const text = ['--', reason, ...(unsubscribe ? [`Unsubscribe with one click: ${unsubscribe}`] : []), site.postalAddress].join('\n');
  return { html, text };
}

/** The site's colours and type, as in src/styles/global.css: inline, because many mail clients drop `<style>`. */
const EMAIL_COLORS = { brand: '#0b5cad', ink: '#1b1f24', muted: '#57606a', paper: '#ffffff', backdrop: '#f4f6f8', line: '#d0d7de' };
const EMAIL_FONTS = "system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif";
/**
 * The logo emails show: the site's logo (public/logo.png) and its name on a white badge, at three
 * times its shown size. White keeps the ink name readable on a dark card too, and the width gives a
 * client that blocks images room to show the alt text whole (a 48 px square cut it to "Lod").
 */
const EMAIL_LOGO = { path: '/email-logo.png', width: 196, height: 48 };

/**
 * Dark mode for clients that honour it (Apple Mail, iOS, Outlook for Mac): the light colours stay
 * inline as the default, and these rules, marked !important to beat them, take over in the dark.
 * The brand blue is too dark for links on a dark card, so links get a lighter blue; buttons keep
 * white on brand blue, which reads on both. The logo sits on its own white badge: it needs no swap.
 */
const DARK_MODE = `:root{color-scheme:light dark;}
@media (prefers-color-scheme: dark){
.email-backdrop{background:#0d1117 !important;}
.email-card{background:#1b1f24 !important;color:#e6e9ed !important;}
.email-card a:not(.email-button){color:#8cc4ff !important;}
.email-card blockquote,.email-card .email-muted,.email-card .email-muted a{color:#a9b3bd !important;}
.email-muted{border-color:#3d4650 !important;}
}`;

/**
 * The HTML document every email shares: the site's logo on top (served by the site, so it needs
 * SITE_URL, with the brand name as alt text for clients that block images), one centred column
 * that fills a phone and stops at 560 px, the site's system fonts and colours, a hidden preview line
 * for the inbox list, presentation-only tables, and dark-mode rules in the head.
 */
export function emailDocument({ subject, preview, body, siteUrl }: { subject: string; preview: string; body: string; siteUrl: URL }): string {
  const { brand, ink, paper, backdrop } = EMAIL_COLORS;
  const home = new URL('/', siteUrl).href;
  const logo = new URL(EMAIL_LOGO.path, siteUrl).href;
  const { width, height } = EMAIL_LOGO;
  return `<!doctype html>
<html lang="${escapeHtml(site.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<title>${escapeHtml(subject)}</title>
<style>
${DARK_MODE}
</style>
</head>
<body class="email-backdrop" style="margin:0;padding:0;background:${backdrop};">
<div style="display:none;max-height:0;overflow:hidden;">${escapeHtml(preview)}</div>
<table role="presentation" class="email-backdrop" width="100%" cellpadding="0" cellspacing="0" style="background:${backdrop};">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" class="email-card" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:${paper};border-radius:8px;font-family:${EMAIL_FONTS};font-size:16px;line-height:1.6;color:${ink};">
<tr><td style="padding:28px 28px 0;"><a href="${escapeHtml(home)}" style="text-decoration:none;"><img src="${escapeHtml(logo)}" width="${width}" height="${height}" alt="${escapeHtml(site.name)}" style="display:block;width:${width}px;height:${height}px;border:0;font-family:${EMAIL_FONTS};font-size:22px;font-weight:700;line-height:${height}px;color:${brand};"></a></td></tr>
<tr><td style="padding:20px 28px 8px;">
${body}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>`;
}

/**
 * A piece of an email: a paragraph, a button, a link on a line of its own, a list of links with a
 * line on each, a list of short lines (wrapped anywhere, so a long value cannot widen the email), or
 * a quieter note.
 */
export type EmailBlock =
  | string
  | { button: string; href: string }
  | { link: string; href: string }
  | { links: readonly { title: string; href: string; why: string }[] }
  | { list: readonly string[] }
  | { note: string };

/**
 * Renders blocks once into both parts, so the HTML and the plain text never say different things,
 * and ends both with the footer. URLs appear as link text only in the plain-text part.
 */
export function composeEmail(
  subject: string,
  preview: string,
  blocks: readonly EmailBlock[],
  footer: FooterData,
): { subject: string; html: string; text: string } {
  const html = blocks.map((block) =>
    typeof block === 'string'
      ? paragraph(block)
      : 'button' in block
        ? button(block.href, block.button)
        : 'link' in block
          ? `<p style="margin:0 0 16px;"><a href="${escapeHtml(block.href)}" style="color:#0b5cad;font-weight:600;">${escapeHtml(block.link)}</a></p>`
          : 'links' in block
            ? `<ul style="margin:0 0 16px;padding-left:20px;">\n${block.links
                .map(
                  (link) =>
                    `<li style="margin:0 0 10px;"><a href="${escapeHtml(link.href)}" style="color:#0b5cad;font-weight:600;">${escapeHtml(link.title)}</a><br>${escapeHtml(link.why)}</li>`,
                )
                .join('\n')}\n</ul>`
            : 'list' in block
              ? `<ul style="margin:0 0 16px;padding-left:20px;">\n${block.list
                  .map((item) => `<li style="margin:0 0 6px;overflow-wrap:anywhere;">${escapeHtml(item)}</li>`)
                  .join('\n')}\n</ul>`
              : `<p class="email-muted" style="margin:0 0 16px;font-size:14px;color:#57606a;">${escapeHtml(block.note)}</p>`,
  );
  const text = blocks.map((block) =>
    typeof block === 'string'
      ? block
      : 'button' in block
        ? `${block.button}:\n${block.href}`
        : 'link' in block
          ? `${block.link}\n${block.href}`
          : 'links' in block
            ? block.links.map((link) => `- ${link.title}: ${link.why}\n  ${link.href}`).join('\n')
            : 'list' in block
              ? block.list.map((item) => `- ${item}`).join('\n')
              : block.note,
  );
  const end = emailFooter(footer);
  return {
    subject,
    html: emailDocument({ subject, preview, body: `${html.join('\n')}\n${end.html}`, siteUrl: footer.siteUrl }),
    text: `${text.join('\n\n')}\n\n${end.text}`,
  };
}
