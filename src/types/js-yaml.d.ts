/** The part of js-yaml 4 (Astro's own frontmatter parser, declared as a dependency) the content checks use; the package ships no types. */
declare module 'js-yaml' {
  export const CORE_SCHEMA: unknown;
  export function load(source: string, options?: { schema?: unknown; filename?: string }): unknown;
}
