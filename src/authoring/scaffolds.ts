import { crc32, deflateSync } from 'node:zlib';
import { tagSlug } from '../articles/tags.ts';
import { PLACEHOLDER } from '../content-checks/file-rules.ts';

/** What `npm run new` can write. */
export const SCAFFOLD_KINDS = ['article', 'magnet', 'landing', 'sequence'] as const;
export type ScaffoldKind = (typeof SCAFFOLD_KINDS)[number];

export interface ScaffoldInput {
  title: string;
  /** Today, as YYYY-MM-DD. */
  today: string;
  /** The author id articles get. */
  author: string;
  /** The magnet a landing page offers. */
  magnet: string;
}

/** One file to write, relative to the project root. */
export interface ScaffoldFile {
  path: string;
  /** What to write: text, or the bytes of an image. */
  text: string | Uint8Array;
}

/**
 * A flat PNG of `width`×`height` in one colour: the stand-in hero image of a new landing variant,
 * to be replaced by one that shows what the ad shows (its alt text is a FILL IN hint).
 */
export function placeholderPng(width: number, height: number, [red, green, blue]: readonly [number, number, number]): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const frame = Buffer.alloc(body.length + 8);
    frame.writeUInt32BE(data.length, 0);
    body.copy(frame, 4);
    frame.writeUInt32BE(crc32(body), body.length + 4);
    return frame;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, RGB, deflate, no filter, no interlace
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set([red, green, blue], 1 + x * 3);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The slug of a title: lower case words joined by hyphens, as the site's tag pages make them. */
export const slugOf = (title: string) => tagSlug(title);

/**
 * A first guess at the search keyword: the title's words before a colon, dash or question mark,
 * lower case, at most five. The author is expected to check it.
 */
export function keywordGuess(title: string): string {
  const head = title.split(/[:?!—–]| - /)[0] ?? title;
  return head
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]+/gu, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 5)
    .join(' ');
}

const quoted = (text: string) => JSON.stringify(text);

function article({ title, today, author }: ScaffoldInput): ScaffoldFile[] {
  const keyword = keywordGuess(title);
  return [
    {
      path: `content/articles/${slugOf(title)}.mdx`,
      text: `---
title: ${quoted(title)}
description: ${quoted(`${PLACEHOLDER}: one or two sentences, 70 to 160 characters, that answer "${keyword}" and earn the click.`)}
keyword: ${quoted(keyword)}
intent: informational
author: ${author}
published: ${today}
tags: [${quoted(`${PLACEHOLDER}: a topic`)}]
draft: true # remove once the article is ready to publish
---

${PLACEHOLDER}: answer "${keyword}" in the first two sentences, in plain words, as the searcher asked it.

## ${PLACEHOLDER}: the first thing the reader needs to know

${PLACEHOLDER}: a short section; link to another article where it helps, like [what is a lead](/articles/what-is-a-lead/).

## ${PLACEHOLDER}: how to do it, step by step

${PLACEHOLDER}: the steps, as a numbered list.

## ${PLACEHOLDER}: what to do next

${PLACEHOLDER}: one concrete next step.
`,
    },
  ];
}

function magnet({ title }: ScaffoldInput): ScaffoldFile[] {
  const slug = slugOf(title);
  return [
    {
      path: `content/magnets/${slug}.md`,
      text: `---
title: ${quoted(title)}
promise: ${quoted(`${PLACEHOLDER}: what the reader can do once they have it.`)}
description: ${quoted(`${PLACEHOLDER}: the magnet page's search snippet, 70 to 160 characters: what is inside and who it is for.`)}
kind: guide
cover:
  image: "./images/${slug}.svg"
  alt: ${quoted(`${PLACEHOLDER}: what the cover shows`)}
inside:
  - ${quoted(`${PLACEHOLDER}: the first thing inside`)}
  - ${quoted(`${PLACEHOLDER}: the second thing inside`)}
file: ${slug}.pdf
form:
  fields:
    - name: name
      label: First name
      type: text
      autocomplete: given-name
  submit: "Email me the guide"
consent:
  text: ${quoted(`${PLACEHOLDER}: the exact words the reader agrees to, and that they can unsubscribe.`)}
  version: "1"
sequence: welcome # or the folder of its own sequence in content/sequences/
thanks:
  headline: "Check your inbox"
  body: ${quoted(`${PLACEHOLDER}: what arrives by email, and what to do with it first.`)}
  next:
    label: "Read the articles"
    href: /articles/
---

# ${title}

${PLACEHOLDER}: the guide itself, in Markdown; it becomes the PDF.
`,
    },
    {
      path: `content/magnets/images/${slug}.svg`,
      text: `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="800" viewBox="0 0 600 800"><rect width="600" height="800" fill="#0b5cad"/><text x="48" y="140" fill="#ffffff" font-family="sans-serif" font-size="44" font-weight="700">${title.replace(/[<&>"]/g, '')}</text></svg>\n`,
    },
  ];
}

function landing({ title, magnet }: ScaffoldInput): ScaffoldFile[] {
  const slug = slugOf(title);
  return [
    { path: `content/landing/images/${slug}-meta.png`, text: placeholderPng(960, 640, [232, 238, 246]) },
    {
      path: `content/landing/${slug}.yaml`,
      text: `# One variant per ad: copy the ad exactly, then make the page repeat its promise.
title: ${quoted(title)}
offer:
  magnet: ${magnet}
campaign: ${slug.slice(0, 60)}
sections:
  benefits:
    - title: ${quoted(`${PLACEHOLDER}: a benefit`)}
      text: ${quoted(`${PLACEHOLDER}: what it means for the visitor.`)}
    - title: ${quoted(`${PLACEHOLDER}: a second one`)}
      text: ${quoted(`${PLACEHOLDER}: what it means for the visitor.`)}
  proof:
    quote: ${quoted(`${PLACEHOLDER}: a customer's words, with a number if you have one.`)}
    name: ${quoted(`${PLACEHOLDER}: who`)}
    role: ${quoted(`${PLACEHOLDER}: their role`)}
variants:
  - slug: meta
    ad:
      platform: meta
      headline: ${quoted(`${PLACEHOLDER}: the ad's headline`)}
      primary_text: ${quoted(`${PLACEHOLDER}: the ad's text`)}
      cta: "Download"
      image: ${quoted(`${PLACEHOLDER}: what the ad's image shows`)}
    page:
      headline: ${quoted(`${PLACEHOLDER}: the ad's headline`)}
      subheadline: ${quoted(`${PLACEHOLDER}: the ad's text`)}
      cta: "Download it"
    image:
      src: "./images/${slug}-meta.png"
      alt: ${quoted(`${PLACEHOLDER}: what the image shows (replace the file with one that shows what the ad shows)`)}
    utm:
      source: facebook
      medium: paid_social
`,
    },
  ];
}

function sequence({ title }: ScaffoldInput): ScaffoldFile[] {
  const slug = slugOf(title);
  const step = (file: string, delay: string, after: string) => ({
    path: `content/sequences/${slug}/${file}`,
    text: `---
subject: ${quoted(`${PLACEHOLDER}: the subject, 78 characters at most`)}
preview: ${quoted(`${PLACEHOLDER}: the line inbox lists show after the subject`)}
delay: ${delay}
after: ${after}
---

Hi {{ first_name | there }},

${PLACEHOLDER}: one idea the reader can use this week.

${PLACEHOLDER}: your name
`,
  });
  return [step('01-first-step.mdx', '1d', 'signup'), step('02-second-step.mdx', '3d', 'previous')];
}

/** The files `npm run new -- <kind> "<title>"` writes. */
export function scaffold(kind: ScaffoldKind, input: ScaffoldInput): ScaffoldFile[] {
  return { article, magnet, landing, sequence }[kind](input);
}
