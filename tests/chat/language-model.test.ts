import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { languageModelOf, phraseAnswer } from '../../src/chat/language-model.ts';
import type { Hit } from '../../src/chat/search-index.ts';
import { LanguageModelFake } from '../support/language-model-fake.ts';

describe('languageModelOf', () => {
  it.each<[string, Record<string, string>, string | undefined]>([
    ['is off without a base URL', {}, undefined],
    [
      'takes the base URL, key and model',
      { CHAT_LLM_BASE_URL: 'https://llm.example/v1', CHAT_LLM_API_KEY: 'k', CHAT_LLM_MODEL: 'm' },
      'https://llm.example/v1/',
    ],
  ])('%s', (_, env, base) => {
    expect(languageModelOf(env)?.baseUrl.href).toBe(base);
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ['refuses a base URL without a key and model', { CHAT_LLM_BASE_URL: 'https://llm.example/v1' }, /needs CHAT_LLM_API_KEY and CHAT_LLM_MODEL/],
    [
      'refuses a base URL that is not http(s)',
      { CHAT_LLM_BASE_URL: 'ftp://llm.example', CHAT_LLM_API_KEY: 'k', CHAT_LLM_MODEL: 'm' },
      /CHAT_LLM_BASE_URL must be an http\(s\) URL/,
    ],
  ])('%s', (_, env, message) => {
    expect(() => languageModelOf(env)).toThrow(message);
  });
});

describe('phraseAnswer against a local OpenAI-compatible fake', () => {
  const hits: Hit[] = [{ score: 9, passage: { title: 'Guide › Speed', url: '/articles/speed-to-lead/', text: 'Call back within five minutes.' } }];
  const fake = new LanguageModelFake((user) => (user.includes('five minutes') ? 'Within five minutes [1].' : 'NO_ANSWER'));
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());
  const model = () => languageModelOf({ CHAT_LLM_BASE_URL: fake.url, CHAT_LLM_API_KEY: 'sk-1', CHAT_LLM_MODEL: 'small' })!;

  it('sends the passages with the question and returns the phrasing', async () => {
    expect(await phraseAnswer(model(), 'How fast?', hits)).toBe('Within five minutes [1].');
    expect(fake.requests.at(-1)!.body.messages[1]!.content).toBe(
      'Passages:\n\n[1] Guide › Speed\nCall back within five minutes.\n\nQuestion: How fast?',
    );
  });

  it.each<[string, Hit[], boolean]>([
    ['when the model declines', [{ ...hits[0]!, passage: { ...hits[0]!.passage, text: 'Something else.' } }], false],
    ['when the model fails', hits, true],
  ])('gives nothing %s, so the chat quotes the passages', async (_, given, fail) => {
    fake.fail = fail;
    expect(await phraseAnswer(model(), 'How fast?', given)).toBeUndefined();
    fake.fail = false;
  });
});
