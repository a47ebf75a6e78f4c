import type { APIRoute } from 'astro';
import { signFormStamp } from '../../leads/form-stamp';
import { getRuntime } from '../../server/runtime';

export const prerender = false;

/** A freshly signed form stamp; the form script fetches one when the reader starts filling the form. */
export const GET: APIRoute = async () => {
  const { env } = await getRuntime();
  return new Response(JSON.stringify({ stamp: signFormStamp(env.secret, Date.now()) }), {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });
};
