/** What an outbox row delivers: an email through the mailer, a webhook to the CRM, or a conversion event to an ad platform. */
export const OutboxKind = {
  Email: 'email',
  Webhook: 'webhook',
  Conversion: 'conversion',
} as const;

export type OutboxKind = (typeof OutboxKind)[keyof typeof OutboxKind];
