import type { APIRoute } from 'astro';
import { ADMIN_HEADERS, openAdminPage } from '../../../../admin/admin-page';
import { mailboxMessage, messageFrameHeaders } from '../../../../admin/email/mailbox-message';

/** A local mailbox message's HTML, alone, for the sandboxed frame of its message page. */
export const prerender = false;

export const GET: APIRoute = async (context) => {
  const headers = new Headers();
  const opened = await openAdminPage({ ...context, response: { headers } as Parameters<typeof openAdminPage>[0]['response'] });
  if (opened instanceof Response) return opened;
  const message = /^\d+$/.test(context.params.id ?? '') ? await mailboxMessage(opened.runtime.store.db, Number(context.params.id)) : undefined;
  if (!message) return new Response('No such message', { status: 404, headers: ADMIN_HEADERS });
  return new Response(message.html, { headers: { ...ADMIN_HEADERS, ...messageFrameHeaders(opened.runtime.env.siteUrl.origin) } });
};
