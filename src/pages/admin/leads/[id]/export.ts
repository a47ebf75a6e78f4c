import type { APIRoute } from 'astro';
import { ADMIN_HEADERS } from '../../../../admin/admin-page';
import { adminRedirect, openAdminPost } from '../../../../admin/admin-post';
import { exportLead } from '../../../../privacy/export-lead';

/** Everything stored about one lead as a JSON download, for an access request (POST from its page). */
export const prerender = false;

export const POST: APIRoute = async (context) => {
  const opened = await openAdminPost(context);
  if (opened instanceof Response) return opened;
  const id = Number(context.params.id);
  const data = Number.isSafeInteger(id) ? await exportLead(opened.runtime.store, { id }) : undefined;
  if (!data) return adminRedirect('/admin/leads/', `Lead #${context.params.id} does not exist.`);
  return new Response(`${JSON.stringify(data, null, 2)}\n`, {
    headers: {
      ...ADMIN_HEADERS,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="lead-${id}.json"`,
    },
  });
};
