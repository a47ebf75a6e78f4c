import GithubSlugger from 'github-slugger';
import { mdxToMdast } from 'satteri';
import { isMap, LineCounter, parseDocument, type Document } from 'yaml';

/** A place in the file, 1-based, as editors count. */
export interface Place {
  line: number;
  column: number;
}

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
  /** The body's prose, in order, without code. */
  text: string;
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
  const lineCounter = new LineCounter();
  const document: Document = parseDocument(yamlNode?.value ?? '', { lineCounter });
  // The YAML block starts on the line after the opening `---`.
  const offsetLine = yamlNode ? placeOfNode(yamlNode).line : 0;
  const placeOf = (path: readonly (string | number)[]): Place => {
    const parent = path.length > 1 ? document.getIn(path.slice(0, -1), true) : document.contents;
    const last = path.at(-1);
    const pair = isMap(parent) ? parent.items.find((item) => (item.key as { value?: unknown } | null)?.value === last) : undefined;
    const node = (pair?.key ?? document.getIn(path, true)) as { range?: [number, number, number] } | undefined;
    if (!node?.range) return { line: 1, column: 1 };
    const { line, col } = lineCounter.linePos(node.range[0]);
    return { line: line + offsetLine, column: col };
  };

  const slugger = new GithubSlugger();
  const headings: Heading[] = [];
  const links: Link[] = [];
  const images: Image[] = [];
  const visit = (node: Node) => {
    if (node.type === 'heading') {
      const text = textOf(node);
      headings.push({ ...placeOfNode(node), depth: node.depth ?? 1, text, slug: slugger.slug(text) });
    } else if (node.type === 'link' && node.url) links.push({ ...placeOfNode(node), url: node.url });
    else if (node.type === 'image') images.push({ ...placeOfNode(node), alt: node.alt ?? '' });
    else if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && (node.name === 'img' || node.name === 'Image')) {
      const alt = node.attributes?.find((attribute) => attribute.name === 'alt')?.value;
      images.push({ ...placeOfNode(node), alt: typeof alt === 'string' ? alt : alt === undefined ? '' : 'expression' });
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(tree);

  const first = children.find((child) => child.type !== 'yaml' && child.type !== 'mdxjsEsm');
  return {
    file,
    slug,
    data: (document.toJS() ?? {}) as Record<string, unknown>,
    placeOf,
    headings,
    links,
    images,
    text: textOf(tree),
    body: first ? placeOfNode(first) : { line: 1, column: 1 },
  };
}
