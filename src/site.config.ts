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
  /**
   * How many article cards a list page (all articles, a topic, an author) shows before the list
   * continues at `…/page/2/`. A multiple of 2, 3 and 4, so the card grid's last row is full at any width.
   */
  articlesPerPage: number;
  /** Links in the header, in order. */
  nav: { href: string; label: string }[];
  /**
   * The sender's postal address, on one line, printed in the footer of every email: CAN-SPAM requires
   * a valid physical address (a street address, or a PO box registered with the postal service) in
   * every commercial email. The build refuses an empty or placeholder address; replace the sample.
   */
  postalAddress: string;
  /** The author id (a file in content/authors/) `npm run new -- article` writes. */
  defaultAuthor: string;
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
  articlesPerPage: 24,
  nav: [
    { href: '/articles/', label: 'Articles' },
    { href: '/tags/', label: 'Topics' },
    { href: '/magnets/', label: 'Free guides' },
    { href: '/rss.xml', label: 'RSS' },
  ],
  // A sample for the demo: set your own before sending real email.
  postalAddress: 'Lodestone Demo Co., 100 Example Avenue, Suite 200, Portland, OR 97204, USA',
  defaultAuthor: 'maya-okafor',
};
