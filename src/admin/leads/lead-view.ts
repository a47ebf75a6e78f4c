import { OutboxStatus } from '../../outbox/outbox-status.ts';
import { adminTime } from '../admin-time.ts';
import type { LeadMessage } from './load-lead.ts';

/** Stored JSON (a touch's answers, first touch or notes) as label/value pairs to show; what cannot be read is shown as it is. */
export function jsonEntries(json: string | null): [string, string][] {
  if (json === null) return [];
  try {
    const value: unknown = JSON.parse(json);
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return Object.entries(value).map(([key, item]) => [key, key === 'at' && typeof item === 'number' ? adminTime(item) : String(item)]);
    }
    if (Array.isArray(value)) return value.map((item, index) => [String(index + 1), typeof item === 'object' ? JSON.stringify(item) : String(item)]);
  } catch {
    // Shown raw below: the admin should still see what was stored.
  }
  return [['(stored)', json]];
}

/** An outbox row's state in words: planned, due, retrying, sending, sent, failed, skipped, and why. */
export function messageState(message: Pick<LeadMessage, 'status' | 'attempts' | 'next_attempt_at' | 'last_error' | 'sent_at'>, now: number): string {
  switch (message.status) {
    case OutboxStatus.Pending:
      if (message.attempts > 0)
        return `retrying at ${adminTime(message.next_attempt_at)} after ${message.attempts} attempts${message.last_error ? `: ${message.last_error}` : ''}`;
      return message.next_attempt_at > now
        ? `planned for ${adminTime(message.next_attempt_at)}`
        : `pending (due ${adminTime(message.next_attempt_at)})`;
    case OutboxStatus.Sending:
      return 'sending';
    case OutboxStatus.Sent:
      return message.sent_at === null ? 'sent' : `sent ${adminTime(message.sent_at)}`;
    case OutboxStatus.Failed:
      return `failed after ${message.attempts} attempts${message.last_error ? `: ${message.last_error}` : ''}`;
    case OutboxStatus.Skipped:
      return message.last_error ? message.last_error.replace(/^(skipped)?:?\s*/, 'skipped: ') : 'skipped';
    default:
      return message.status;
  }
}
