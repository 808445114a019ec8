// The platform-neutral reply. Renderers (text, Slack Block Kit, Discord embeds) turn it into a message
// and own their platform's limits; commands never know which platform they answer on.

export interface Fact {
  label: string;
  value: string;
}

export interface TableColumn {
  header: string;
  align: 'left' | 'right';
}

export interface Button {
  /** A stable action id, e.g. `checkin:done`. */
  actionId: string;
  label: string;
  value: string;
  style?: 'primary' | 'danger';
}

export interface Chart {
  title: string;
  /** File name to use when attached, e.g. `doel-2025.png`. */
  fileName: string;
  png: Uint8Array;
}

export type Block =
  | { kind: 'text'; text: string }
  | { kind: 'facts'; facts: Fact[] }
  | { kind: 'table'; title?: string; columns: TableColumn[]; rows: string[][] }
  | { kind: 'sparkline'; label: string; values: number[] }
  | { kind: 'context'; text: string }
  | { kind: 'buttons'; buttons: Button[] }
  | { kind: 'chart'; chart: Chart };

export type Visibility = 'ephemeral' | 'channel';

export interface Reply {
  title: string;
  blocks: Block[];
  visibility: Visibility;
  /** True when the reply is a refusal or an input error, so renderers can mark it. */
  isError?: boolean;
}

export function reply(title: string, blocks: Block[], visibility: Visibility = 'ephemeral'): Reply {
  return { title, blocks, visibility };
}

export function errorReply(title: string, text: string): Reply {
  return { title, blocks: [{ kind: 'text', text }], visibility: 'ephemeral', isError: true };
}
