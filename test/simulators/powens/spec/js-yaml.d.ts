/** The one function the spec loader uses from js-yaml (present in node_modules, untyped). */
declare module 'js-yaml' {
  export function load(text: string): unknown;
}
