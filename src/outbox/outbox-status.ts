/** States of an outbox row. */
export const OutboxStatus = {
  Pending: 'pending',
  /** Claimed by a sender until `locked_until`; a crashed sender's claim lapses and the row is retried. */
  Sending: 'sending',
  Sent: 'sent',
  Failed: 'failed',
} as const;
