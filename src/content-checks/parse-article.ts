import GithubSlugger from 'github-slugger';
import { CORE_SCHEMA, load } from 'js-yaml';
import { mdxToMdast } from 'satteri';
import { isMap, LineCounter, parseDocument } from 'yaml';

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

/**
 * The frontmatter as plain data, read as YAML 1.2's core schema reads it (dates stay strings), by
 * js-yaml; what js-yaml refuses (a duplicate key) is read by the \`yaml\` package instead, which
 * keeps the last value, so the rules still run and the schema reports the mistake.
 */
function frontmatterData(frontmatter: string, fallback: () => unknown): Record<string, unknown> {
  let data: unknown;
  try {
    data = load(frontmatter, { schema: CORE_SCHEMA });
  } catch {
    data = fallback();
  }
  return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
}

/** Parses an article with the MDX parser Astro uses (satteri) and its frontmatter with the `yaml` package, keeping positions. */
export function parseArticle(file: string, slug: string, source: string): ParsedArticle {
  const tree = mdxToMdast(source, { features: { frontmatter: true } }) as unknown as Node;
  const children = tree.children ?? [];
  const yamlNode = children.find((child) => child.type === 'yaml');
  const frontmatter = yamlNode?.value ?? '';
  // The YAML block starts on the line after the opening `---`.
  const offsetLine = yamlNode ? placeOfNode(yamlNode).line : 0;
  // Positions need the \`yaml\` package's document, six times slower to build than js-yaml's plain
  // data (Astro's own frontmatter parser): it is built only when a problem needs a place.
  let document: { contents: ReturnType<typeof parseDocument>; lines: LineCounter } | undefined;
  const documentWithLines = () => {
    if (!document) {
      const lines = new LineCounter();
      document = { contents: parseDocument(frontmatter, { lineCounter: lines }), lines };
    }
    return document;
  };
  const placeOf = (path: readonly (string | number)[]): Place => {
    const { contents: parsed, lines } = documentWithLines();
    const parent = path.length > 1 ? parsed.getIn(path.slice(0, -1), true) : parsed.contents;
    const last = path.at(-1);
    const pair = isMap(parent) ? parent.items.find((item) => (item.key as { value?: unknown } | null)?.value === last) : undefined;
    const node = (pair?.key ?? parsed.getIn(path, true)) as { range?: [number, number, number] } | undefined;
    if (!node?.range) return { line: 1, column: 1 };
    const { line, col } = lines.linePos(node.range[0]);
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
    data: frontmatterData(frontmatter, () => documentWithLines().contents.toJS()),
    placeOf,
    headings,
    links,
    images,
    text: textOf(tree),
    body: first ? placeOfNode(first) : { line: 1, column: 1 },
  };
}
