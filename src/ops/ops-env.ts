import { z } from 'zod';

/** Settings of the operational endpoints and the log, parsed apart from the site's (src/config/server-env.ts). */
export interface OpsEnv {
  /** `OUTBOX_STUCK_AFTER` (seconds): `/readyz` fails once the oldest due outbox row has waited this long. */
  outboxStuckAfterMs: number;
  /** `METRICS_TOKEN`: the bearer token `GET /metrics` asks for; unset, /metrics is not served. */
  metricsToken: string | undefined;
}

const MIN_METRICS_TOKEN_LENGTH = 24;

const DEFAULT_OUTBOX_STUCK_AFTER_S = 900;

const schema = z.object({
  OUTBOX_STUCK_AFTER: z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value.trim() === '') return DEFAULT_OUTBOX_STUCK_AFTER_S * 1000;
      const seconds = Number(value);
      if (!Number.isInteger(seconds) || seconds < 1) {
        context.addIssue({ code: 'custom', message: `OUTBOX_STUCK_AFTER must be a whole number of seconds, 1 or more; got "${value}"` });
        return z.NEVER;
      }
      return seconds * 1000;
    }),
  METRICS_TOKEN: z
    .string()
    .optional()
    .transform((value, context) => {
      const token = value?.trim();
      if (!token) return undefined;
      if (token.length < MIN_METRICS_TOKEN_LENGTH || /\s/.test(token)) {
        context.addIssue({
          code: 'custom',
          message: `METRICS_TOKEN must be ${MIN_METRICS_TOKEN_LENGTH} characters or more with no spaces (try: openssl rand -hex 32)`,
        });
        return z.NEVER;
      }
      return token;
    }),
});

/** Parses the ops settings; throws one message naming each wrong variable. */
export function parseOpsEnv(env: Record<string, string | undefined>): OpsEnv {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join('; '));
  return { outboxStuckAfterMs: parsed.data.OUTBOX_STUCK_AFTER, metricsToken: parsed.data.METRICS_TOKEN };
}
