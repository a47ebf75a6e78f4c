import { describe, expect, it } from 'vitest';
import { parseOpsEnv } from '../../src/ops/ops-env.ts';

const TOKEN = 'a'.repeat(24);

describe('parseOpsEnv: METRICS_TOKEN', () => {
  it.each([
    { name: 'unset', value: undefined, token: undefined },
    { name: 'empty', value: '', token: undefined },
    { name: 'blank', value: '   ', token: undefined },
    { name: '24 characters', value: TOKEN, token: TOKEN },
    { name: 'with spaces around it', value: ` ${TOKEN} `, token: TOKEN },
  ])('takes $name', ({ value, token }) => {
    expect(parseOpsEnv({ METRICS_TOKEN: value }).metricsToken).toBe(token);
  });

  it.each([
    { name: 'shorter than 24 characters', value: 'a'.repeat(23) },
    { name: 'with a space inside', value: `${TOKEN} ${TOKEN}` },
  ])('refuses a token $name, saying how to make one', ({ value }) => {
    expect(() => parseOpsEnv({ METRICS_TOKEN: value })).toThrow(
      /METRICS_TOKEN must be 24 characters or more with no spaces \(try: openssl rand -hex 32\)/,
    );
  });
});
