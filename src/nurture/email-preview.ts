import { renderEmail, type EmailPayload, type RenderContext, type RenderedEmail } from '../email/render.ts';
import { stepTemplate } from './sequences.ts';

/**
 * The lead a preview is rendered for: an id the link format accepts but that no store hands out
 * (PostgreSQL's bigserial and SQLite's rowid count up from 1 and never get near 2^53), so the
 * preview's signed links open their pages yet unsubscribe, download or confirm for no real lead.
 */
export const SAMPLE_LEAD_ID = Number.MAX_SAFE_INTEGER;

/** The sample data previews fill merge fields with. */
export const SAMPLE_LEAD = { to: 'sam@example.com', name: 'Sam Sample', leadId: SAMPLE_LEAD_ID } as const;

/** A sequence step as the inbox will show it, rendered for the sample lead with the sequence's magnet. */
export function previewStep(sequence: string, step: string, magnet: string | undefined, context: RenderContext): RenderedEmail {
  const payload: EmailPayload = { ...SAMPLE_LEAD, magnet, sequence, step };
  return renderEmail(stepTemplate(sequence, step), payload, context);
}
