/** One email ready to hand to a transport. */
export interface OutboundEmail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

export type SendOutcome =
  | { ok: true; providerId: string }
  /** `retryable`: worth trying again later (rate limit, server error, network); otherwise final. */
  | { ok: false; retryable: boolean; error: string; retryAfterMs?: number };

export interface SendContext {
  /** The same on every retry of one message, so it is delivered once. */
  idempotencyKey: string;
  /** The outbox row being sent. */
  outboxId: number;
}

/** A way to deliver email: Resend, or the local outbox mailbox. */
export interface Mailer {
  readonly name: string;
  send(email: OutboundEmail, context: SendContext): Promise<SendOutcome>;
  /** Sends several emails in one request, when the transport can; outcomes in the same order. */
  sendBatch?(emails: readonly OutboundEmail[], contexts: readonly SendContext[]): Promise<SendOutcome[]>;
  /** The most emails one `sendBatch` call takes. */
  readonly batchLimit?: number;
}
