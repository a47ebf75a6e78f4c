import { describe, expect, it } from 'vitest';
import { signLinkToken, type LinkPurpose } from '../../src/leads/link-token.ts';
import { useAppHarness } from '../support/app-harness.ts';
import { postChunked } from '../support/chunked-post.ts';
import { TEST_SECRET } from '../support/signup-client.ts';
import { WEBHOOK_SECRET } from '../support/webhook-signer.ts';

/** Far more than any endpoint may read, and more than the server drops after answering. */
const HUGE = 64 * 1024 * 1024;

const link = (purpose: LinkPurpose) =>
  signLinkToken(TEST_SECRET, {
    purpose,
    leadId: 1,
    magnet: purpose === 'unsubscribe' ? 'all' : 'five-email-nurture-templates',
    expiresAt: Date.now() + 86_400_000,
  });

describe('request bodies without a Content-Length', () => {
  const app = useAppHarness('sqlite', { RESEND_WEBHOOK_SECRET: WEBHOOK_SECRET });

  it.each([
    ['/api/leads', 'application/json'],
    ['/api/webhooks/resend', 'application/json'],
    [`/unsubscribe/${link('unsubscribe')}`, 'application/x-www-form-urlencoded'],
    [`/download/${link('download')}`, 'application/x-www-form-urlencoded'],
    [`/confirm/${link('confirm')}`, 'application/x-www-form-urlencoded'],
  ])('POST %s: answers 413 at its cap, long before the last byte, and hangs up on the rest', async (path, type) => {
    const answer = await postChunked(app.server.base + path, HUGE, { 'Content-Type': type, Origin: app.server.base });
    expect(answer.status).toBe(413);
    expect(answer.writtenBeforeAnswer).toBeLessThan(HUGE / 4);
    expect(answer.cutOff).toBe(true);
    expect(answer.written).toBeLessThan(HUGE / 2);
  });

  it.each(['/', '/admin/emails/preview/', '/api/form-stamp'])('POST %s, which reads no body: answers, then hangs up on the rest', async (path) => {
    const answer = await postChunked(app.server.base + path, HUGE, { Origin: app.server.base });
    expect(answer.status).toBeGreaterThanOrEqual(200);
    expect(answer.writtenBeforeAnswer).toBeLessThan(HUGE / 4);
    expect(answer.cutOff).toBe(true);
    expect(answer.written).toBeLessThan(HUGE / 2);
  });
});
