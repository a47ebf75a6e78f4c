import { composeEmail, greeting } from '../layout.ts';
import type { RenderedEmail } from '../render.ts';

/** The answer to a consultation request from a landing page: what happens next, and by when. */
export function renderConsultation({ name, title, siteUrl }: { name: string | null; title: string; siteUrl: URL }): RenderedEmail {
  return composeEmail(
    `We have your request: ${title}`,
    'A person will reply within one working day to find a time.',
    [
      greeting(name),
      `Thanks for asking for ${title}. A person on our team will reply to this email within one working day with two or three times to choose from.`,
      'To make the most of the time, reply with anything you would like us to look at first: a link, a spreadsheet, or one sentence on what is not working.',
      { note: 'You asked for this on our site. If it was not you, ignore this email and nothing more will happen.' },
      'The Lodestone team',
    ],
    { siteUrl },
  );
}
