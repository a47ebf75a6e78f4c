import { CORE_SCHEMA, load } from 'js-yaml';
import { isMap, LineCounter, parseDocument } from 'yaml';

/** A place in the file, 1-based, as editors count. */
export interface Place {
  line: number;
  column: number;
}

/** YAML read as plain data, remembering where each key is written. */
export interface YamlSource {
  /** The data as plain values (unchecked: the schemas check types). */
  data: Record<string, unknown>;
  /** Where a key (or a nested one, by path) is written; the top of the file when it is absent. */
  placeOf(path: readonly (string | number)[]): Place;
}

/**
 * Parses YAML keeping positions; `linesBefore` counts the file's lines above the YAML (a
 * frontmatter's `---`). The data is read by js-yaml (Astro's own frontmatter parser) as YAML 1.2's
 * core schema reads it, so dates stay strings. Positions need the `yaml` package's document, six
 * times slower to build: it is built only when a problem needs a place, or when js-yaml refuses
 * the text (a duplicate key), so the rules still run on what `yaml` makes of it and the schema
 * reports the mistake.
 */
export function parseYamlWithPlaces(text: string, linesBefore = 0): YamlSource {
  let positioned: { document: ReturnType<typeof parseDocument>; lines: LineCounter } | undefined;
  const withPositions = () => {
    if (!positioned) {
      const lines = new LineCounter();
      positioned = { document: parseDocument(text, { lineCounter: lines }), lines };
    }
    return positioned;
  };
  const placeOf = (path: readonly (string | number)[]): Place => {
    const { document, lines } = withPositions();
    const parent = path.length > 1 ? document.getIn(path.slice(0, -1), true) : document.contents;
    const last = path.at(-1);
    const pair = isMap(parent) ? parent.items.find((item) => (item.key as { value?: unknown } | null)?.value === last) : undefined;
    const node = (pair?.key ?? document.getIn(path, true)) as { range?: [number, number, number] } | undefined;
    if (!node?.range) return { line: 1, column: 1 };
    const { line, col } = lines.linePos(node.range[0]);
    return { line: line + linesBefore, column: col };
  };
  let data: unknown;
  try {
    data = load(text, { schema: CORE_SCHEMA });
  } catch {
    data = withPositions().document.toJS();
  }
  return { data: data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {}, placeOf };
}
