/**
 * `load` run once per build and its result shared by every page: a build's content does not change
 * while its pages render, so each page need not re-read, re-sort or re-index a collection. The dev
 * server runs `load` on every call, as content changes under it.
 */
export function oncePerBuild<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (import.meta.env.DEV ? load() : (loaded ??= load()));
}

/** Like oncePerBuild, for a `load` that takes an argument: run once per build for each `keyOf(argument)`. */
export function oncePerBuildFor<A, T>(keyOf: (argument: A) => string, load: (argument: A) => Promise<T>): (argument: A) => Promise<T> {
  const loaded = new Map<string, Promise<T>>();
  return (argument) => {
    if (import.meta.env.DEV) return load(argument);
    const key = keyOf(argument);
    let value = loaded.get(key);
    if (!value) loaded.set(key, (value = load(argument)));
    return value;
  };
}
