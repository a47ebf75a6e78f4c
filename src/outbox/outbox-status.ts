/** States of an outbox row. */
export const OutboxStatus = {
  Pending: 'pending',
  /** Claimed by a sender until `locked_until`; a crashed sender's claim lapses and the row is retried. */
  Sending: 'sending',
  Sent: 'sent',
  Failed: 'failed',
  /** Not sent on purpose: the lead unsubscribed or was suppressed, or a step's condition said to skip it. The reason is in `last_error`. */
  Skipped: 'skipped',
} as const;
