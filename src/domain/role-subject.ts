// Who a role goes to, as typed in chat: a mention of a user or group, or a bare id. The platform follows
// from the syntax, so `/ote rol` works the same from every platform and the console. The forms come from
// the platforms (src/platforms/*/adapter.ts); this only tries them in order.

export type SubjectKind = 'user' | 'group';

export interface ParsedSubject {
  platform: string;
  kind: SubjectKind;
  id: string;
}

/** One form: a regex source without anchors whose group 1 is the id. */
export interface PlatformSubjectForm {
  platform: string;
  kind: SubjectKind;
  source: string;
}

export interface SubjectParser {
  /** Recognises one typed word as a subject, for the text grammar. */
  pattern: RegExp;
  parse(text: string): ParsedSubject | undefined;
}

export function subjectParser(forms: readonly PlatformSubjectForm[]): SubjectParser {
  const anchored = forms.map((form) => ({ ...form, pattern: new RegExp(`^${form.source}$`) }));
  // No forms: a pattern that matches nothing, so no word is taken for a subject.
  const pattern = forms.length ? new RegExp(`^(?:${forms.map((f) => f.source).join('|')})$`) : /$^/;
  return {
    pattern,
    parse(text) {
      const word = text.trim();
      for (const form of anchored) {
        const match = form.pattern.exec(word);
        if (match?.[1]) return { platform: form.platform, kind: form.kind, id: match[1] };
      }
      return undefined;
    },
  };
}
