// The one reader of `veld=waarde` text, for every command typed as one line with fields, e.g.
//   `wijzig Buurtaanpak Noord status=gepauzeerd kanaal=slack:C0123ABCD`   `ref=P-1 gemeente=Den Haag doel=woning`
// One set of rules:
// - a field is a name (a letter, then letters, digits, `_` or `-`) and `=`, at the start or after a space;
//   names are read in any case, and an alias counts as the name it stands for;
// - the words before the first field are the head (e.g. a name); a value runs to the next field, so values
//   with spaces need no quotes; a value in double quotes is taken as it is, `veld=` and all;
// - a field that is not allowed, a field given twice and a quote that is not closed are refused, and so
//   is an empty value unless the form allows empty values (a correction that clears a field).

export type FieldProblem = 'unknown' | 'duplicate' | 'empty' | 'unclosed';

export type FieldsResult =
  | { ok: true; head: string; fields: Map<string, string> }
  | { ok: false; problem: FieldProblem; field: string };

export interface FieldRules {
  /** Other names for a field, e.g. `pc4` for `postcode`. */
  aliases?: Readonly<Record<string, string>>;
  /** Reads `veld=` as an empty value instead of refusing it. */
  emptyAllowed?: boolean;
}

const FIELD = /(^|\s)(\p{L}[\p{L}\p{N}_-]*)=/gu;
const MAX_NAME = 40;

export function parseFields(text: string, allowed: readonly string[], rules: FieldRules = {}): FieldsResult {
  const fields = new Map<string, string>();
  let head: string | undefined;
  let at = 0;
  let name: string | undefined;
  const refuse = (problem: FieldProblem, field: string): FieldsResult => ({ ok: false, problem, field: field.slice(0, MAX_NAME) });
  while (at <= text.length) {
    FIELD.lastIndex = at;
    // A quoted value ends at its closing quote; the next field may start only after it.
    const quoted = name !== undefined && text.slice(at).trimStart().startsWith('"');
    let value: string;
    let next: RegExpExecArray | null;
    if (quoted) {
      const open = text.indexOf('"', at);
      const close = text.indexOf('"', open + 1);
      if (close < 0) return refuse('unclosed', name!);
      value = text.slice(open + 1, close);
      FIELD.lastIndex = close + 1;
      next = FIELD.exec(text);
      const between = text.slice(close + 1, next ? next.index : text.length).trim();
      if (between !== '') value += ` ${between}`;
    } else {
      next = FIELD.exec(text);
      value = text.slice(at, next ? next.index : text.length).trim();
    }
    if (name === undefined) head = value;
    else {
      if (value === '' && !quoted && !rules.emptyAllowed) return refuse('empty', name);
      fields.set(name, value);
    }
    if (!next) break;
    const typed = next[2]!.toLowerCase();
    name = rules.aliases?.[typed] ?? typed;
    if (!allowed.includes(name)) return refuse('unknown', typed);
    if (fields.has(name)) return refuse('duplicate', name);
    at = next.index + next[0].length;
  }
  return { ok: true, head: head ?? '', fields };
}
