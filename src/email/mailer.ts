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
  /** `providerId` is null when the provider had taken this very request before and its answer was lost. */
  | { ok: true; providerId: string | null }
  | {
      ok: false;
      /** Worth trying again later with the same request (rate limit, server error, no answer); otherwise final. */
      retryable: boolean;
      error: string;
      retryAfterMs?: number;
      /** The provider refused the request as malformed before sending anything: in a batch, one bad email spoils them all. */
      invalid?: boolean;
    };

export interface SendContext {
  /** Unique to one request and the same on every retry of it, so it is delivered once. */
  idempotencyKey: string;
  /** The outbox row being sent. */
  outboxId: number;
}

/** A way to deliver email: Resend, or the local outbox mailbox. */
export interface Mailer {
  readonly name: string;
  send(email: OutboundEmail, context: SendContext): Promise<SendOutcome>;
  /**
   * Sends several emails in one request under one key, when the transport can: an outcome per
   * email in the same order, or one outcome for the whole request when it failed as a whole.
   */
  sendBatch?(emails: readonly OutboundEmail[], idempotencyKey: string): Promise<SendOutcome[] | SendOutcome>;
  /** The most emails one `sendBatch` call takes. */
  readonly batchLimit?: number;
}
