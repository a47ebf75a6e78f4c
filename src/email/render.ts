import type { Handoff } from '../handoff/handoff.ts';
import { renderConsultation } from './templates/consultation.ts';
import { renderMagnetConfirm } from './templates/magnet-confirm.ts';
import { renderMagnet } from './templates/magnet.ts';
import { renderStep, unsubscribeHeaders, unsubscribeUrl } from '../nurture/step-email.ts';
import { parseStepTemplate, type SequenceCatalog } from '../nurture/sequences.ts';
import { renderNewsletterConfirm } from './templates/newsletter-confirm.ts';
import { renderSalesAlert } from './templates/sales-alert.ts';
import { renderWelcome } from './templates/welcome.ts';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  /** Extra headers, such as List-Unsubscribe on marketing email. */
  headers?: Record<string, string>;
}

export interface RenderContext {
  siteUrl: URL;
  /** Signs the links an email carries (downloads, confirmations). */
  secret: string;
  /** The magnets emails can deliver, by slug. */
  magnets: ReadonlyMap<string, MagnetInfo>;
  /** Send time: signed links expire counted from it. */
  now: number;
  /** The compiled nurture sequences, for `sequence:<slug>/<step>` templates. */
  sequences: SequenceCatalog;
  /** Consultation landing pages by slug, for the `consultation` email. */
  consultations?: ReadonlyMap<string, ConsultationInfo>;
}

/** What the consultation email needs to know of its landing page. */
export interface ConsultationInfo {
  title: string;
}

/** What an email needs to know of a magnet. */
export interface MagnetInfo {
  title: string;
  kind: string;
  promise: string;
  thanks: { next: { label: string; href: string } };
}

/** The payload stored with an outbox email row. */
export interface EmailPayload {
  to: string;
  name: string | null;
  leadId?: number;
  /** The magnet a magnet or confirmation email is about, or that brought the lead into a sequence. */
  magnet?: string;
  /** The consultation landing page a request came from. */
  landing?: string;
  sequence?: string;
  step?: string;
  /** When the lead entered the sequence, and when this step was due: the schedule of the next step. */
  enrolledAt?: number;
  dueAt?: number;
  /** The hand-off a `sales-alert` tells the sales team about. */
  handoff?: Handoff;
}

/** Renders an outbox row's template with its payload at send time. */
export function renderEmail(template: string, payload: EmailPayload, context: RenderContext): RenderedEmail {
  switch (template) {
    case 'welcome': {
      if (payload.leadId === undefined) return renderWelcome({ name: payload.name, siteUrl: context.siteUrl });
      const unsubscribe = unsubscribeUrl(context, payload.leadId);
      return { ...renderWelcome({ name: payload.name, siteUrl: context.siteUrl, unsubscribe }), headers: unsubscribeHeaders(unsubscribe) };
    }
    case 'magnet':
      return renderMagnet(magnetEmailData(payload, context));
    case 'magnet-confirm':
      return renderMagnetConfirm(magnetEmailData(payload, context));
    case 'newsletter-confirm': {
      if (payload.leadId === undefined) throw new Error('a newsletter confirmation needs leadId in its payload');
      const { siteUrl, secret, now } = context;
      return renderNewsletterConfirm({ name: payload.name, leadId: payload.leadId, siteUrl, secret, now });
    }
    case 'consultation': {
      const consultation = payload.landing ? context.consultations?.get(payload.landing) : undefined;
      if (!consultation) throw new Error(`consultation landing page "${payload.landing ?? ''}" is not on this site`);
      return renderConsultation({ name: payload.name, title: consultation.title, siteUrl: context.siteUrl });
    }
    case 'sales-alert':
      if (!payload.handoff) throw new Error('a sales alert needs the hand-off in its payload');
      return renderSalesAlert(payload.handoff, context.siteUrl);
    default: {
      const step = parseStepTemplate(template);
      if (step) return renderStep(step.sequence, step.step, payload, context);
      throw new Error(`unknown email template "${template}"`);
    }
  }
}

/** The data both magnet emails share: who, which magnet, and the context to sign links with. */
export interface MagnetEmailData {
  name: string | null;
  leadId: number;
  slug: string;
  magnet: MagnetInfo;
  context: RenderContext;
}

function magnetEmailData(payload: EmailPayload, context: RenderContext): MagnetEmailData {
  if (payload.leadId === undefined || !payload.magnet) throw new Error('a magnet email needs leadId and magnet in its payload');
  const magnet = context.magnets.get(payload.magnet);
  if (!magnet) throw new Error(`magnet "${payload.magnet}" is not on this site`);
  return { name: payload.name, leadId: payload.leadId, slug: payload.magnet, magnet, context };
}
