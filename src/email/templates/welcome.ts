import { composeEmail, greeting } from '../layout.ts';
import type { RenderedEmail } from '../render.ts';

export interface WelcomeData {
  name: string | null;
  siteUrl: URL;
  /** The lead's one-click unsubscribe page. */
  unsubscribe?: string;
}

const READING = [
  ['What a lead is, and what it is not', '/articles/what-is-a-lead/', 'The definition that keeps marketing and sales counting the same thing.'],
  ['Lead magnets that convert', '/articles/lead-magnets-that-convert/', 'How to pick an offer a reader will trade an email address for.'],
  ['Speed to lead', '/articles/speed-to-lead/', 'Why the first hour after a signup decides most deals, and how to answer inside it.'],
] as const;

/** The first email of the default welcome sequence: what to expect, and where to start reading. */
export function renderWelcome({ name, siteUrl, unsubscribe }: WelcomeData): RenderedEmail {
  const links = READING.map(([title, path, why]) => ({ title, href: new URL(path, siteUrl).href, why }));
  const subject = 'Welcome to Lodestone: three guides to start with';
  const preview = 'What to expect from us, and the three guides readers find most useful first.';

  return composeEmail(
    subject,
    preview,
    [
      greeting(name),
      'Thanks for signing up. Every couple of weeks we send one practical guide on turning readers into leads and leads into sales conversations: no news round-ups, no filler.',
      'If you are starting out, these three are the ones readers tell us helped most:',
      { links },
      'One question while you are here: what is the one number in your funnel you would most like to move this quarter? Reply and tell us; we read every answer and it shapes what we write next.',
      'The Lodestone team',
    ],
    { siteUrl, unsubscribe },
  );
}
