/** Everything about the site that is the same on every page; edit this file to rebrand. */
export interface SiteConfig {
  /** Brand name, used in the title template, the header and Organization JSON-LD. */
  name: string;
  /** One sentence on what the site offers; the home page's meta description. */
  description: string;
  /** Suffix added to every page title except the home page's. */
  titleTemplate: string;
  /** BCP 47 language of the content; `<html lang>` and `og:locale`. */
  lang: string;
  locale: string;
  /** Site-relative path of the logo (square PNG) used by Organization JSON-LD. */
  logo: string;
  /** Site-relative path of the 1200×630 image shared when a page has none of its own. */
  defaultOgImage: { src: string; alt: string; width: number; height: number };
  /** The @handle of the brand on X/Twitter, or undefined. */
  twitterHandle?: string;
  /** Words per minute used for the reading-time estimate. */
  wordsPerMinute: number;
  /** How many articles the home page lists under "Latest". */
  latestCount: number;
  /** Links in the header, in order. */
  nav: { href: string; label: string }[];
}

export const site: SiteConfig = {
  name: 'Lodestone',
  description:
    'Practical guides to lead generation: attract the right readers, capture them with offers worth an email address, and turn them into sales conversations.',
  titleTemplate: '%s · Lodestone',
  lang: 'en',
  locale: 'en_US',
  logo: '/logo.png',
  defaultOgImage: {
    src: '/og-default.png',
    alt: 'Lodestone: guides to turning readers into leads',
    width: 1200,
    height: 630,
  },
  twitterHandle: undefined,
  wordsPerMinute: 230,
  latestCount: 6,
  nav: [
    { href: '/articles/', label: 'Articles' },
    { href: '/tags/', label: 'Topics' },
    { href: '/magnets/', label: 'Free guides' },
    { href: '/rss.xml', label: 'RSS' },
  ],
};
