import { renderEmail, type RenderContext, type RenderedEmail } from '../../src/email/render.ts';
import { openMagnetLibrary } from '../../src/magnets/library.ts';
import { loadSequences, stepTemplate } from '../../src/nurture/sequences.ts';
import { sampleHandoff } from './handoff-fixtures.ts';

const siteUrl = new URL('https://lodestone.example');

/** A render context over the shipped content: every magnet, every sequence step, one consultation page. */
export async function shippedRenderContext(): Promise<RenderContext & { magnetOfSequence: Map<string, string> }> {
  const magnets = await openMagnetLibrary({ siteUrl });
  return {
    magnetOfSequence: new Map(magnets.list.map((magnet) => [magnet.data.sequence, magnet.slug])),
    siteUrl,
    secret: 'shipped-emails-secret-shipped-emails-secret',
    magnets: magnets.info,
    sequences: await loadSequences('no-build-here.json'),
    consultations: new Map([['scoring-review', { title: 'a free 20-minute lead scoring review' }]]),
    now: 1_800_000_000_000,
  };
}

/** Every email the site sends, rendered from the shipped content for a lead with a long name: [label, email]. */
export async function shippedEmails(): Promise<[string, RenderedEmail][]> {
  const context = await shippedRenderContext();
  const lead = { to: 'ada@example.com', name: 'Ada Lovelace', leadId: 42 };
  const emails: [string, RenderedEmail][] = [
    ['welcome', renderEmail('welcome', lead, context)],
    ['newsletter-confirm', renderEmail('newsletter-confirm', lead, context)],
    ['consultation', renderEmail('consultation', { ...lead, landing: 'scoring-review' }, context)],
  ];
  // A campaign name with no space to break at: the alert must wrap it, not widen.
  const handoff = sampleHandoff(42, { firstTouch: { at: 0, utm_campaign: 'q4_lead_scoring_review_retargeting_lookalike_audience_north_america' } });
  emails.push(['sales-alert', renderEmail('sales-alert', { to: 'sales@example.com', name: null, handoff }, context)]);
  for (const magnet of context.magnets.keys()) {
    emails.push([`magnet ${magnet}`, renderEmail('magnet', { ...lead, magnet }, context)]);
    emails.push([`magnet-confirm ${magnet}`, renderEmail('magnet-confirm', { ...lead, magnet }, context)]);
  }
  for (const sequence of context.sequences.values()) {
    for (const step of sequence.steps) {
      const magnet = context.magnetOfSequence.get(sequence.slug);
      const template = stepTemplate(sequence.slug, step.id);
      emails.push([template, renderEmail(template, { ...lead, magnet, sequence: sequence.slug, step: step.id }, context)]);
    }
  }
  return emails;
}
