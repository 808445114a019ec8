// Who a role goes to, as typed in chat: a Slack or Discord mention of a user or group, or a bare id.
// The platform follows from the syntax, so `/ote rol` works the same from Slack, Discord and the console.

export interface ParsedSubject {
  platform: 'slack' | 'discord';
  kind: 'user' | 'group';
  id: string;
}

// Each form without anchors; a bare Slack id needs a digit, so a word such as `UTRECHT` stays a word.
const FORMS: readonly { source: string; platform: 'slack' | 'discord'; kind: 'user' | 'group' }[] = [
  // Slack escapes mentions in slash-command text as <@U123|name> and <!subteam^S123|@handle>.
  { source: String.raw`<@([UW][A-Z0-9]{2,})(?:\|[^>\s]*)?>`, platform: 'slack', kind: 'user' },
  { source: String.raw`<!subteam\^(S[A-Z0-9]{2,})(?:\|[^>\s]*)?>`, platform: 'slack', kind: 'group' },
  { source: String.raw`([UW](?=[A-Z0-9]*\d)[A-Z0-9]{6,})`, platform: 'slack', kind: 'user' },
  { source: String.raw`(S(?=[A-Z0-9]*\d)[A-Z0-9]{6,})`, platform: 'slack', kind: 'group' },
  // Discord: <@123>, <@!123> (nickname form), <@&456> (role); a bare snowflake is a user, &456 a role.
  { source: String.raw`<@!?(\d{5,20})>`, platform: 'discord', kind: 'user' },
  { source: String.raw`<@&(\d{5,20})>`, platform: 'discord', kind: 'group' },
  { source: String.raw`(\d{5,20})`, platform: 'discord', kind: 'user' },
  { source: String.raw`&(\d{5,20})`, platform: 'discord', kind: 'group' },
];
const ANCHORED = FORMS.map((form) => ({ ...form, pattern: new RegExp(`^${form.source}$`) }));

/** Recognises one typed word as a subject, for the text grammar. */
export const SUBJECT_PATTERN = new RegExp(`^(?:${FORMS.map((f) => f.source).join('|')})$`);

export function parseRoleSubject(text: string): ParsedSubject | undefined {
  const word = text.trim();
  for (const form of ANCHORED) {
    const match = form.pattern.exec(word);
    if (match?.[1]) return { platform: form.platform, kind: form.kind, id: match[1] };
  }
  return undefined;
}
