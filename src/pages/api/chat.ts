import type { APIRoute } from 'astro';
import { handleChat } from '../../chat/chat-handler';
import { chatRuntimeOf } from '../../chat/chat-runtime';
import { unavailable } from '../../leads/signup-handler';
import { getRuntime } from '../../server/runtime';
import { toResponse } from '../../server/endpoint-answer';
import { logError } from '../../ops/logger';

/** The chat widget's endpoint (src/chat/): answers from the site's content, and signs up through the lead capture path. */
export const prerender = false;

export const POST: APIRoute = async ({ request, clientAddress }) => {
  try {
    const runtime = await getRuntime();
    return toResponse(await handleChat(request, { runtime, chat: await chatRuntimeOf(runtime), socketAddress: clientAddress }));
  } catch (error) {
    logError('api/chat', error);
    return toResponse(unavailable());
  }
};
