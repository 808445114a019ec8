// Defines one area of the catalogue. Apart from index.ts, so an area imported first does not load the index
// that imports it back (which would read the area before it exists).

/** `en` must have exactly the keys of `nl`. */
export function defineMessages<const N extends Record<string, string>>(nl: N, en: { [K in keyof N]: string }) {
  return { nl, en };
}
