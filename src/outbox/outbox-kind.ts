/** What an outbox row delivers: an email through the mailer, or a webhook to the CRM. */
export const OutboxKind = {
  Email: 'email',
  Webhook: 'webhook',
} as const;

export type OutboxKind = (typeof OutboxKind)[keyof typeof OutboxKind];
