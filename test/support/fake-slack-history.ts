// conversations.history of the fake Slack (fake-slack.ts): a channel's messages newest first, between
// `oldest` and `latest` (exclusive unless `inclusive`), `limit` (at most 999) a page with an opaque cursor,
// and message metadata only with `include_all_metadata`, as Slack answers.

/** A message in a channel's history: a post, or a file shared by files.completeUploadExternal. */
export interface HistoryMessage {
  type: 'message';
  ts: string;
  user: string;
  bot_id: string;
  text: string;
  metadata?: { event_type: string; event_payload?: Record<string, unknown> };
  files?: { id: string; name?: string; title?: string }[];
  upload?: boolean;
}

const FALSE = new Set([undefined, false, 'false', '0', 0]);
/** A Slack ts (`seconds.micros`) as an exact number of microseconds. */
const micros = (ts: string) => {
  const [seconds, fraction = ''] = ts.split('.');
  return BigInt(seconds || '0') * 1_000_000n + BigInt(fraction.padEnd(6, '0').slice(0, 6) || '0');
};

export function historyPage(messages: readonly HistoryMessage[], body: Record<string, unknown>) {
  const inclusive = !FALSE.has(body.inclusive as string);
  const oldest = body.oldest === undefined ? undefined : micros(String(body.oldest));
  const latest = body.latest === undefined ? undefined : micros(String(body.latest));
  const inRange = (m: HistoryMessage) => {
    const at = micros(m.ts);
    return (oldest === undefined || at > oldest || (inclusive && at === oldest)) && (latest === undefined || at < latest || (inclusive && at === latest));
  };
  const matching = messages.filter(inRange).reverse();
  const limit = Math.min(Math.max(Number(body.limit ?? 100) || 100, 1), 999);
  const offset = body.cursor ? Number(Buffer.from(String(body.cursor), 'base64').toString().replace(/^offset:/, '')) : 0;
  const page = matching.slice(offset, offset + limit).map(({ metadata, ...m }) => (FALSE.has(body.include_all_metadata as string) || !metadata ? m : { ...m, metadata }));
  const hasMore = offset + limit < matching.length;
  return {
    messages: page,
    has_more: hasMore,
    pin_count: 0,
    response_metadata: { next_cursor: hasMore ? Buffer.from(`offset:${offset + limit}`).toString('base64') : '' },
  };
}
