import { markdownToMdast } from 'satteri';
import { parseYamlWithPlaces, type Place, type YamlSource } from './yaml-places.ts';

/** The few mdast fields the checks read, whatever the node type. */
export interface MdastNode {
  type: string;
  position?: { start: { line: number; column: number } };
  children?: MdastNode[];
  value?: string;
  url?: string;
}

export const placeOfNode = (node: MdastNode): Place => ({ line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 });

/** A Markdown file (a magnet, a sequence step) parsed by satteri: its frontmatter with places, and its mdast. */
export function parseMarkdownFile(source: string): { yaml: YamlSource; tree: MdastNode } {
  const tree = markdownToMdast(source, { features: { frontmatter: true } }) as unknown as MdastNode;
  const yamlNode = tree.children?.find((child) => child.type === 'yaml');
  // The YAML block starts on the line after the opening `---`.
  return { yaml: parseYamlWithPlaces(yamlNode?.value ?? '', yamlNode ? placeOfNode(yamlNode).line : 0), tree };
}

/** Every node of the tree, depth first. */
export function* nodesOf(node: MdastNode): Generator<MdastNode> {
  yield node;
  for (const child of node.children ?? []) yield* nodesOf(child);
}
