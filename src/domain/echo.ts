// What of a user's input may be shown back to them: without invisible or direction-changing characters
// (zero-width, bidi embeddings, overrides and isolates, BOM, controls), and never more than a few words,
// so an error message about a 2 MB field or 100.000 column names stays a message.

/** Zero-width characters, bidi marks, embeddings, overrides and isolates, word joiners, BOM. */
const INVISIBLE = '\\u200b-\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u2069\\ufeff';
const CONTROLS = '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f';
const INVISIBLE_OR_CONTROL = new RegExp(`[${INVISIBLE}${CONTROLS}\\t\\n\\r]`, 'g');
const INVISIBLE_KEEPING_LINES = new RegExp(`[${INVISIBLE}${CONTROLS}]`, 'g');

/** Every invisible, direction-changing and control character (and, unless `keepLines`, line breaks and tabs) becomes a space. */
export function cleanText(text: string, options: { keepLines?: boolean } = {}): string {
  return text.replace(options.keepLines ? INVISIBLE_KEEPING_LINES : INVISIBLE_OR_CONTROL, ' ').normalize('NFC');
}

export const MAX_ECHO_LENGTH = 60;
export const MAX_ECHO_ITEMS = 10;

/** A piece of input fit to quote in a message: cleaned, on one line, cut at `max` characters with `…`. */
export function echo(text: string, max = MAX_ECHO_LENGTH): string {
  const window = max * 4;
  const chars = Array.from(cleanText(text.slice(0, window)).replace(/\s+/g, ' ').trim());
  return chars.length > max || text.length > window ? `${chars.slice(0, max).join('')}…` : chars.join('');
}

/** A list of input fit to quote: the first `maxItems`, each echoed, and how many more there are. */
export function echoList(items: readonly string[], maxItems = MAX_ECHO_ITEMS): string {
  const shown = items.slice(0, maxItems).map((item) => echo(item)).join(', ');
  return items.length > maxItems ? `${shown} … (+${items.length - maxItems})` : shown;
}
