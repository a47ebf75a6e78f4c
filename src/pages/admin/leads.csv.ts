import type { APIRoute } from 'astro';
import { ADMIN_HEADERS, openAdminPage } from '../../admin/admin-page';
import { leadsCsv } from '../../admin/csv/leads-csv';

/** Every lead as CSV, streamed page by page (Basic auth works, for scripts). */
export const prerender = false;

export const GET: APIRoute = async (context) => {
  const opened = await openAdminPage({ ...context, response: { headers: new Headers() } as Parameters<typeof openAdminPage>[0]['response'] });
  if (opened instanceof Response) return opened;
  const day = new Date().toISOString().slice(0, 10);
  return new Response(leadsCsv(opened.runtime.store), {
    headers: {
      ...ADMIN_HEADERS,
      'Content-Type': 'text/csv; charset=utf-8; header=present',
      'Content-Disposition': `attachment; filename="leads-${day}.csv"`,
    },
  });
};
