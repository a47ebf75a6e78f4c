import type { Runtime } from '../server/runtime.ts';
import { loadChatScripts, type ChatScript } from './chat-script.ts';
import { loadChatIndex } from './chat-index.ts';
import { languageModelOf, type LanguageModel } from './language-model.ts';
import type { SearchIndex } from './search-index.ts';

/** What the chat endpoint needs beyond the shared runtime: the scripts, the search index, the optional model. */
export interface ChatRuntime {
  scripts: ReadonlyMap<string, ChatScript>;
  index: SearchIndex;
  model: LanguageModel | undefined;
}

const opened = new WeakMap<Runtime, Promise<ChatRuntime>>();

/** The chat's parts for a runtime, read once (the first chat request pays for it). */
export function chatRuntimeOf(runtime: Runtime, variables: Record<string, string | undefined> = process.env): Promise<ChatRuntime> {
  let chat = opened.get(runtime);
  if (!chat) {
    chat = (async () => ({
      scripts: await loadChatScripts(runtime.rules),
      index: await loadChatIndex(),
      model: languageModelOf(variables),
    }))();
    chat.catch(() => opened.delete(runtime));
    opened.set(runtime, chat);
  }
  return chat;
}
