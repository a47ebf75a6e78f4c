import { z } from 'zod';
import type { Hit } from './search-index.ts';

/** An OpenAI-compatible chat completions endpoint, set by CHAT_LLM_BASE_URL, CHAT_LLM_API_KEY and CHAT_LLM_MODEL. */
export interface LanguageModel {
  baseUrl: URL;
  apiKey: string;
  model: string;
}

/** How long the chat waits for the model before it quotes the passages instead. */
export const MODEL_TIMEOUT_MS = 8_000;

const modelEnv = z
  .object({
    CHAT_LLM_BASE_URL: z.url({ protocol: /^https?$/, error: 'CHAT_LLM_BASE_URL must be an http(s) URL, like https://api.openai.com/v1' }).optional(),
    CHAT_LLM_API_KEY: z.string().min(1).optional(),
    CHAT_LLM_MODEL: z.string().min(1).optional(),
  })
  .refine((env) => !env.CHAT_LLM_BASE_URL || (env.CHAT_LLM_API_KEY && env.CHAT_LLM_MODEL), {
    error: 'CHAT_LLM_BASE_URL needs CHAT_LLM_API_KEY and CHAT_LLM_MODEL too',
  });

/** The model the environment names, or undefined without CHAT_LLM_BASE_URL; throws naming a wrong variable. */
export function languageModelOf(variables: Record<string, string | undefined>): LanguageModel | undefined {
  const parsed = modelEnv.safeParse(variables);
  if (!parsed.success) throw new Error(parsed.error.issues[0]!.message);
  const env = parsed.data;
  if (!env.CHAT_LLM_BASE_URL) return undefined;
  const base = env.CHAT_LLM_BASE_URL.endsWith('/') ? env.CHAT_LLM_BASE_URL : `${env.CHAT_LLM_BASE_URL}/`;
  return { baseUrl: new URL(base), apiKey: env.CHAT_LLM_API_KEY!, model: env.CHAT_LLM_MODEL! };
}

const INSTRUCTIONS =
  'You answer visitors of a website about lead generation. Answer in at most three short sentences, in plain English, ' +
  'using only the numbered passages given. If they do not answer the question, reply exactly: NO_ANSWER. ' +
  'Never add facts, numbers or advice that the passages do not contain.';

const completion = z.object({ choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1) });

/**
 * Asks the model to phrase an answer from the passages only. Undefined when it declines (NO_ANSWER),
 * fails, times out or answers in another shape: the chat then quotes the passages.
 */
export async function phraseAnswer(model: LanguageModel, question: string, hits: readonly Hit[]): Promise<string | undefined> {
  const passages = hits.map(({ passage }, index) => `[${index + 1}] ${passage.title}\n${passage.text}`).join('\n\n');
  try {
    const response = await fetch(new URL('chat/completions', model.baseUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${model.apiKey}` },
      body: JSON.stringify({
        model: model.model,
        temperature: 0,
        messages: [
          { role: 'system', content: INSTRUCTIONS },
          { role: 'user', content: `Passages:\n\n${passages}\n\nQuestion: ${question}` },
        ],
      }),
      signal: AbortSignal.timeout(MODEL_TIMEOUT_MS),
    });
    if (!response.ok) return undefined;
    const parsed = completion.safeParse(await response.json());
    const text = parsed.success ? parsed.data.choices[0]!.message.content.trim() : '';
    return text && !text.includes('NO_ANSWER') ? text.slice(0, 1_000) : undefined;
  } catch {
    return undefined;
  }
}
