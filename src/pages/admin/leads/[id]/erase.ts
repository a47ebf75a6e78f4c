import type { APIRoute } from 'astro';
import { adminRedirect, openAdminPost } from '../../../../admin/admin-post';
import { eraseLead } from '../../../../privacy/erase-lead';

/** Erases a lead on request (POST from its page), then back to the leads list with what was done. */
export const prerender = false;

export const POST: APIRoute = async (context) => {
  const opened = await openAdminPost(context);
  if (opened instanceof Response) return opened;
  const id = Number(context.params.id);
  if (!Number.isSafeInteger(id)) return adminRedirect('/admin/leads/', 'No such lead.');
  const form = await context.request.formData().catch(() => undefined);
  const reason = form?.get('reason');
  const result = await eraseLead(opened.runtime.store, { id }, { reason: typeof reason === 'string' ? reason.slice(0, 200) : undefined });
  if (result.status === 'not-found') return adminRedirect('/admin/leads/', `Lead #${id} does not exist (erased already?).`);
  const crm = result.crmDeliveries
    ? ` The CRM received this lead ${result.crmDeliveries === 1 ? 'once' : `${result.crmDeliveries} times`}: erase it there too.`
    : '';
  return adminRedirect('/admin/leads/', `Lead #${id} was erased: nothing about them is kept, and nothing more is sent to them.${crm}`);
};
