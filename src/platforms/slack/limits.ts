// Slack's Block Kit limits, the blocks this adapter emits, and a checker tests (and the renderer's own
// guard) use to prove a payload stays within them. Lengths are UTF-16 code units, which is never less
// than the characters Slack counts, so staying under them here stays under them there.

export const SLACK_LIMITS = {
  blocks: 50,
  headerText: 150,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  /** Slack truncates a message's `text` beyond this. */
  fallbackText: 40_000,
} as const;

export interface TextObject {
  type: 'mrkdwn' | 'plain_text';
  text: string;
  emoji?: boolean;
}

export interface ButtonElement {
  type: 'button';
  text: { type: 'plain_text'; text: string; emoji: true };
  action_id: string;
  value: string;
  style?: 'primary' | 'danger';
}

export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji: true } }
  | { type: 'section'; text: TextObject }
  | { type: 'section'; fields: TextObject[] }
  | { type: 'context'; elements: TextObject[] }
  | { type: 'actions'; elements: ButtonElement[] };

export interface SlackMessage {
  /** The plain fallback Slack shows in notifications and to screen readers; always set. */
  text: string;
  blocks: SlackBlock[];
}

/** Every way `message` breaks a limit, as readable lines; empty when it is valid. */
export function slackLimitProblems(message: { text?: string; blocks?: readonly SlackBlock[] }): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  const blocks = message.blocks ?? [];
  check(typeof message.text === 'string' && message.text.trim() !== '', 'text fallback missing');
  check((message.text ?? '').length <= SLACK_LIMITS.fallbackText, `text ${message.text?.length} > ${SLACK_LIMITS.fallbackText}`);
  check(blocks.length <= SLACK_LIMITS.blocks, `${blocks.length} blocks > ${SLACK_LIMITS.blocks}`);
  blocks.forEach((block, i) => {
    const at = `block ${i} (${block.type})`;
    const nonEmpty = (text: string, max: number, what: string) => {
      check(text.trim() !== '', `${at}: ${what} empty`);
      check(text.length <= max, `${at}: ${what} ${text.length} > ${max}`);
    };
    switch (block.type) {
      case 'header':
        nonEmpty(block.text.text, SLACK_LIMITS.headerText, 'header');
        break;
      case 'section':
        if ('fields' in block) {
          check(block.fields.length <= SLACK_LIMITS.fields, `${at}: ${block.fields.length} fields > ${SLACK_LIMITS.fields}`);
          block.fields.forEach((f) => nonEmpty(f.text, SLACK_LIMITS.fieldText, 'field'));
        } else {
          nonEmpty(block.text.text, SLACK_LIMITS.sectionText, 'section text');
        }
        break;
      case 'context':
        check(block.elements.length >= 1 && block.elements.length <= SLACK_LIMITS.contextElements, `${at}: ${block.elements.length} elements`);
        block.elements.forEach((e) => nonEmpty(e.text, SLACK_LIMITS.contextText, 'context text'));
        break;
      case 'actions': {
        check(block.elements.length >= 1 && block.elements.length <= SLACK_LIMITS.actionsElements, `${at}: ${block.elements.length} elements`);
        block.elements.forEach((b) => {
          nonEmpty(b.text.text, SLACK_LIMITS.buttonText, 'button text');
          check(b.value.length <= SLACK_LIMITS.buttonValue, `${at}: button value too long`);
          check(b.action_id.length >= 1 && b.action_id.length <= SLACK_LIMITS.actionId, `${at}: action_id length`);
        });
        break;
      }
    }
  });
  const actionIds = blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e) => e.action_id) : []));
  check(new Set(actionIds).size === actionIds.length, 'duplicate action_id');
  return problems;
}
