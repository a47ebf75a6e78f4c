import GithubSlugger from 'github-slugger';
import { mdxToMdast } from 'satteri';
import { placeholdersIn, type Finding } from './file-rules.ts';
import { parseYamlWithPlaces, type Place } from './yaml-places.ts';

export type { Place };

export interface Heading extends Place {
  depth: number;
  text: string;
  /** The id the site gives the heading: github-slugger over the page's headings, as Astro's Markdown pipeline does. */
  slug: string;
}

export interface Link extends Place {
  url: string;
}

export interface Image extends Place {
  alt: string;
}

/** What the article rules read from one MDX file. */
export interface ParsedArticle {
  /** The path the problems name, e.g. `content/articles/speed-to-lead.mdx`. */
  file: string;
  slug: string;
  /** The frontmatter as plain data (unchecked: the schema checks types). */
  data: Record<string, unknown>;
  /** Where a frontmatter key (or a nested one, by path) is written; the top of the file when it is absent. */
  placeOf(path: readonly (string | number)[]): Place;
  headings: Heading[];
  links: Link[];
  images: Image[];
  /** The body's text nodes outside links, headings and code, each where it starts: where a mention can become a link. */
  prose: (Place & { value: string })[];
  /** The body's prose, in order, without code. */
  text: string;
  /** Where a placeholder of `npm run new` is still in the file. */
  placeholders: Finding[];
  /** Where the body starts. */
  body: Place;
}

/** The few mdast fields the rules read, whatever the node type. */
interface Node {
  type: string;
  position?: { start: { line: number; column: number } };
  children?: Node[];
  value?: string;
  url?: string;
  alt?: string | null;
  depth?: number;
  name?: string | null;
  attributes?: { name?: string; value?: unknown }[];
}

const placeOfNode = (node: Node): Place => ({ line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 });

function textOf(node: Node): string {
  if (node.type === 'code' || node.type === 'yaml') return '';
  if (typeof node.value === 'string' && (node.type === 'text' || node.type === 'inlineCode')) return node.value;
  return (node.children ?? []).map(textOf).join(node.type === 'root' || node.type === 'list' ? ' ' : '');
}

/** Parses an article with the MDX parser Astro uses (satteri) and its frontmatter with the `yaml` package, keeping positions. */
export function parseArticle(file: string, slug: string, source: string): ParsedArticle {
  const tree = mdxToMdast(source, { features: { frontmatter: true } }) as unknown as Node;
  const children = tree.children ?? [];
  const yamlNode = children.find((child) => child.type === 'yaml');
  // The YAML block starts on the line after the opening `---`.
  const { data, placeOf } = parseYamlWithPlaces(yamlNode?.value ?? '', yamlNode ? placeOfNode(yamlNode).line : 0);

  const slugger = new GithubSlugger();
  const headings: Heading[] = [];
  const links: Link[] = [];
  const images: Image[] = [];
  const prose: (Place & { value: string })[] = [];
  const visit = (node: Node, linkable: boolean) => {
    if (node.type === 'heading') {
      const text = textOf(node);
      headings.push({ ...placeOfNode(node), depth: node.depth ?? 1, text, slug: slugger.slug(text) });
    } else if (node.type === 'link' && node.url) links.push({ ...placeOfNode(node), url: node.url });
    else if (node.type === 'image') images.push({ ...placeOfNode(node), alt: node.alt ?? '' });
    else if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && (node.name === 'img' || node.name === 'Image')) {
      const alt = node.attributes?.find((attribute) => attribute.name === 'alt')?.value;
      images.push({ ...placeOfNode(node), alt: typeof alt === 'string' ? alt : alt === undefined ? '' : 'expression' });
    } else if (node.type === 'text' && linkable && node.value) prose.push({ ...placeOfNode(node), value: node.value });
    for (const child of node.children ?? []) visit(child, linkable && node.type !== 'link' && node.type !== 'heading');
  };
  visit(tree, true);

  const first = children.find((child) => child.type !== 'yaml' && child.type !== 'mdxjsEsm');
  return {
    file,
    slug,
    data,
    placeOf,
    headings,
    links,
    images,
    prose,
    placeholders: placeholdersIn(source),
    text: textOf(tree),
    body: first ? placeOfNode(first) : { line: 1, column: 1 },
  };
}
