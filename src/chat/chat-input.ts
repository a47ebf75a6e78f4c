import { z } from 'zod';
import { CONTROL_CHARACTERS } from '../leads/signup-input.ts';

/** Longest free question the chat searches for. */
export const ASK_MAX = 500;
/** The most lines of conversation kept, and the longest line. */
export const TRANSCRIPT_LINES = 40;
export const TRANSCRIPT_LINE_MAX = 1_000;

const oneLine = (max: number) =>
  z
    .string({ error: 'must be text' })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !CONTROL_CHARACTERS.test(value), 'must be one line without control characters');

/** One line of the conversation as the widget kept it. */
const line = z.object({ from: z.enum(['chat', 'visitor']), text: z.string().trim().min(1).max(TRANSCRIPT_LINE_MAX) }).strict();

/**
 * What `POST /api/chat` reads besides the answers and the signup fields (email, name, consent,
 * page, website, stamp), which the lead capture checks with its own schema.
 */
export const chatRequestSchema = z.object({
  /** The chat script's slug. */
  script: z.string({ error: 'must name a chat' }).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'is not a chat on this site'),
  /** A free question to answer from the site's content. */
  ask: oneLine(ASK_MAX).optional(),
  /** The conversation so far, stored with the lead when the visitor signs up. */
  transcript: z.array(line, { error: 'must be a list of lines' }).max(TRANSCRIPT_LINES, `must be at most ${TRANSCRIPT_LINES} lines`).default([]),
});

export type ChatTranscript = z.output<typeof chatRequestSchema>['transcript'];
