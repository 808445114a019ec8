// `veld=waarde` input for management subcommands typed as one line of text, e.g.
//   `wijzig Buurtaanpak Noord status=gepauzeerd kanaal=slack:C0123ABCD`
// The words before the first field are the head (a name); a value runs to the next `veld=`.

export type FieldsResult =
  | { ok: true; head: string; fields: Map<string, string> }
  | { ok: false; problem: 'unknown' | 'duplicate' | 'empty'; field: string };

const FIELD = /(^|\s)([a-zA-Z][\w-]*)=/g;

export function parseFields(text: string, allowed: readonly string[]): FieldsResult {
  const matches = [...text.matchAll(FIELD)];
  const head = (matches[0] ? text.slice(0, matches[0].index) : text).trim();
  const fields = new Map<string, string>();
  for (const [i, match] of matches.entries()) {
    const field = match[2]!.toLowerCase();
    const start = match.index! + match[0].length;
    const end = matches[i + 1]?.index ?? text.length;
    const value = text.slice(start, end).trim();
    if (!allowed.includes(field)) return { ok: false, problem: 'unknown', field };
    if (fields.has(field)) return { ok: false, problem: 'duplicate', field };
    if (!value) return { ok: false, problem: 'empty', field };
    fields.set(field, value);
  }
  return { ok: true, head, fields };
}
