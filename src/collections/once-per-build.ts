/**
 * `load` run once per build and its result shared by every page: a build's content does not change
 * while its pages render, so each page need not re-read, re-sort or re-index a collection. The dev
 * server runs `load` on every call, as content changes under it.
 */
export function oncePerBuild<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (import.meta.env.DEV ? load() : (loaded ??= load()));
}
