import { renderWelcome } from './templates/welcome.ts';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export interface RenderContext {
  siteUrl: URL;
}

/** The payload stored with an outbox email row. */
export interface EmailPayload {
  to: string;
  name: string | null;
}

/** Renders an outbox row's template with its payload at send time. */
export function renderEmail(template: string, payload: EmailPayload, context: RenderContext): RenderedEmail {
  switch (template) {
    case 'welcome':
      return renderWelcome({ name: payload.name, siteUrl: context.siteUrl });
    default:
      throw new Error(`unknown email template "${template}"`);
  }
}
