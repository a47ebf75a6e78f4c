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

/** Parses YAML keeping positions; `linesBefore` counts the file's lines above the YAML (a frontmatter's `---`). */
export function parseYamlWithPlaces(text: string, linesBefore = 0): YamlSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  const placeOf = (path: readonly (string | number)[]): Place => {
    const parent = path.length > 1 ? document.getIn(path.slice(0, -1), true) : document.contents;
    const last = path.at(-1);
    const pair = isMap(parent) ? parent.items.find((item) => (item.key as { value?: unknown } | null)?.value === last) : undefined;
    const node = (pair?.key ?? document.getIn(path, true)) as { range?: [number, number, number] } | undefined;
    if (!node?.range) return { line: 1, column: 1 };
    const { line, col } = lineCounter.linePos(node.range[0]);
    return { line: line + linesBefore, column: col };
  };
  const data: unknown = document.toJS();
  return { data: data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {}, placeOf };
}
