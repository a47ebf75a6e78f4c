import { describe, expect, it } from 'vitest';
import { parseListenAddress } from '../../src/config/listen-address';

describe('parseListenAddress', () => {
  it.each([
    [{}, { host: '127.0.0.1', port: 4321 }],
    [
      { HOST: '', PORT: '' },
      { host: '127.0.0.1', port: 4321 },
    ],
    [
      { HOST: '0.0.0.0', PORT: '80' },
      { host: '0.0.0.0', port: 80 },
    ],
    [
      { HOST: '::', PORT: '65535' },
      { host: '::', port: 65_535 },
    ],
    [
      { HOST: 'app.internal', PORT: ' 4711 ' },
      { host: 'app.internal', port: 4711 },
    ],
  ])('reads %j as %j', (env, expected) => {
    expect(parseListenAddress(env)).toEqual(expected);
  });

  it.each([
    [{ PORT: '0' }, /PORT must be a whole number from 1 to 65535 \(got "0"\)/],
    [{ PORT: '65536' }, /PORT must be/],
    [{ PORT: '-1' }, /PORT must be/],
    [{ PORT: '80.5' }, /PORT must be/],
    [{ PORT: '4321abc' }, /PORT must be/],
    [{ HOST: 'http://example.com' }, /HOST must be an IP address or a host name/],
    [{ HOST: 'bad host' }, /HOST must be/],
    [{ HOST: '-leading.dash' }, /HOST must be/],
    [{ HOST: '999.1.1.1.' }, /HOST must be/],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => parseListenAddress(env)).toThrow(message);
  });
});
