import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { webhookHeaders, webhookSignature } from '../../src/outbox/webhook-signature.ts';

/** The example in the Standard Webhooks specification, which every reference library checks itself against. */
const SPEC_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
/** 33 bytes, in base64. */
const TEST_SECRET = 'whsec_bG9kZXN0b25lLWNybS13ZWJob29rLXRlc3Qta2V5LTMy';

describe('webhookSignature', () => {
  // Expected values other than the specification's were computed with openssl, not with this code:
  // printf '%s' "$id.$timestamp.$body" | openssl dgst -sha256 -mac HMAC -macopt hexkey:<key> -binary | base64
  it.each([
    [SPEC_SECRET, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}', 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='],
    [TEST_SECRET, 'msg_evt-1', 1764579600, '{"type":"lead.handoff"}', 'v1,hAAKVBjT6W+owF0CbCG/cqktmZa/48+tydFFFoibZvQ='],
    [TEST_SECRET, 'msg_0194f6a2c3d47e0b9a1f', 1764579601, '{"name":"Zoë <script>"}', 'v1,0RZIAFsDMspjS4l33ghE9pRaPZ8qFVmbge1sIy2AGWE='],
    // One trailing space more: another signature.
    [TEST_SECRET, 'msg_evt-1', 1764579600, '{"type":"lead.handoff"} ', 'v1,N17Si1kVNChXunCsdy1kHoDZNUOIPnbWu4G/1Jgs0UI='],
  ])('with the secret %s, signs %s at %i as the specification says', (secret, id, timestamp, body, expected) => {
    expect(webhookSignature(secret, id, timestamp, body)).toBe(expected);
  });
});

describe('webhookHeaders, checked by a receiver using the standardwebhooks library', () => {
  const body = JSON.stringify({ type: 'lead.handoff', data: { lead: { name: 'Zoë <script>alert(1)</script>' } } });
  const now = Math.floor(Date.now() / 1000);
  const receiver = new Webhook(TEST_SECRET);

  it('is accepted, and the receiver reads the body it was sent', () => {
    const headers = webhookHeaders(TEST_SECRET, 'msg_evt-42', now, body);
    expect(headers).toMatchObject({ 'webhook-id': 'msg_evt-42', 'webhook-timestamp': String(now) });
    expect(receiver.verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it.each([
    ['a tampered body', (headers: Record<string, string>) => ({ headers, body: body.replace('Zoë', 'Zoe') })],
    ['another webhook-id', (headers: Record<string, string>) => ({ headers: { ...headers, 'webhook-id': 'msg_evt-43' }, body })],
    ['a changed timestamp', (headers: Record<string, string>) => ({ headers: { ...headers, 'webhook-timestamp': String(now - 1) }, body })],
  ])('is refused with %s', (_, tamper) => {
    const sent = tamper({ ...webhookHeaders(TEST_SECRET, 'msg_evt-42', now, body) });
    expect(() => receiver.verify(sent.body, sent.headers)).toThrow(/No matching signature found/);
  });

  it('is refused when signed with another secret', () => {
    const headers = webhookHeaders(SPEC_SECRET, 'msg_evt-42', now, body);
    expect(() => receiver.verify(body, { ...headers })).toThrow(/No matching signature found/);
  });

  it('is refused when it was signed more than five minutes ago: the timestamp is taken at each attempt', () => {
    const headers = webhookHeaders(TEST_SECRET, 'msg_evt-42', now - 6 * 60, body);
    expect(() => receiver.verify(body, { ...headers })).toThrow(/too old/);
  });
});
