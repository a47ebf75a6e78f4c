/** Schema.org JSON-LD builders. Pure: each takes plain values and returns the object to serialise. */

type JsonLd = Record<string, unknown>;

export interface OrganizationInput {
  name: string;
  url: URL;
  logo: URL;
}

export function organizationJsonLd({ name, url, logo }: OrganizationInput): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'Organization',
    '@id': new URL('/#organization', url).href,
    name,
    url: url.href,
    logo: logo.href,
  };
}

export interface WebSiteInput {
  name: string;
  description: string;
  url: URL;
  lang: string;
}

export function webSiteJsonLd({ name, description, url, lang }: WebSiteInput): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    '@id': new URL('/#website', url).href,
    name,
    description,
    url: url.href,
    inLanguage: lang,
    publisher: { '@id': new URL('/#organization', url).href },
  };
}

export interface ArticleInput {
  url: URL;
  headline: string;
  description: string;
  published: Date;
  updated?: Date;
  author: { name: string; url: URL };
  publisher: { name: string; url: URL; logo: URL };
  image: URL;
  keywords: readonly string[];
  lang: string;
}

export function articleJsonLd(input: ArticleInput): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'Article',
    '@id': `${input.url.href}#article`,
    mainEntityOfPage: input.url.href,
    headline: input.headline,
    description: input.description,
    datePublished: input.published.toISOString(),
    dateModified: (input.updated ?? input.published).toISOString(),
    author: { '@type': 'Person', name: input.author.name, url: input.author.url.href },
    publisher: {
      '@type': 'Organization',
      name: input.publisher.name,
      url: input.publisher.url.href,
      logo: { '@type': 'ImageObject', url: input.publisher.logo.href },
    },
    image: [input.image.href],
    keywords: input.keywords.join(', '),
    inLanguage: input.lang,
  };
}

export interface Crumb {
  name: string;
  url: URL;
}

export function breadcrumbJsonLd(crumbs: readonly Crumb[]): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((crumb, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: crumb.name,
      item: crumb.url.href,
    })),
  };
}

export function faqJsonLd(faq: readonly { question: string; answer: string }[]): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'FAQPage',
    mainEntity: faq.map(({ question, answer }) => ({
      '@type': 'Question',
      name: question,
      acceptedAnswer: { '@type': 'Answer', text: answer },
    })),
  };
}

/**
 * Serialises JSON-LD for an inline `<script type="application/ld+json">`. Escapes `<`, `>` and `&`
 * so a value such as "</script>" in frontmatter cannot end the script element early.
 */
export function serializeJsonLd(data: JsonLd | readonly JsonLd[]): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
