// Turns a laid-out message into embeds that never exceed Discord's limits: at most 10 embeds and 25 fields
// each, every text within its own limit, and 6,000 characters over all embeds. What does not fit is cut
// from the longest parts first (tables lose rows before a fact loses its value), with a visible marker.
import type { APIEmbed } from 'discord.js';
import { clip, fitLines, LIMITS, type Lines, type MoreMarker } from './limits.js';
import type { EmbedPlan, FieldPlan, MessagePlan } from './layout.js';

interface Elastic {
  block: Lines;
  text: string;
}

const PART_SEPARATOR = '\n\n';
const BLANK = '\u200b';

export interface FitOptions {
  more: MoreMarker;
  color: number;
}

/** The embeds of a message plan, and the chart files they still show. */
export function fitEmbeds(plan: MessagePlan, options: FitOptions): { embeds: APIEmbed[]; images: string[] } {
  const { more } = options;
  const embeds = capEmbeds(plan.embeds, more).map((e) => ({ ...e, fields: capFields(e.fields, more) }));
  const elastic = (block: Lines, max: number): Elastic => ({ block, text: fitLines(block, max, more) });

  const shaped = embeds.map((e) => ({
    title: e.title === undefined ? undefined : clip(e.title, LIMITS.title),
    parts: e.description.map((part) => elastic(part, LIMITS.description)),
    fields: e.fields.map((f) => ({ name: elastic({ lines: [f.name] }, LIMITS.fieldName), value: elastic(f.value, LIMITS.fieldValue) })),
    image: e.image,
  }));
  // Titles and field names are not cut below; only very many long names (up to 250 fields) could pass the
  // total on their own, so they get at most half of it, the longest cut first.
  const titles = shaped.reduce((sum, e) => sum + (e.title?.length ?? 0), 0);
  shrink(shaped.flatMap((e) => e.fields.map((f) => f.name)), LIMITS.embedTotal / 2 - titles, more);
  const footer = plan.footer ? elastic(plan.footer, LIMITS.footer) : undefined;

  for (const e of shaped) shrink(e.parts, LIMITS.description - separators(e.parts.length), more);

  const fixed = shaped.reduce(
    (sum, e) =>
      sum +
      (e.title?.length ?? 0) +
      separators(e.parts.length) +
      e.fields.reduce((s, f) => s + nameOf(f.name).length + 1, 0), // + 1: an emptied value becomes one character
    0,
  );
  const all = [...shaped.flatMap((e) => [...e.parts, ...e.fields.map((f) => f.value)]), ...(footer ? [footer] : [])];
  shrink(all, LIMITS.embedTotal - fixed, more);

  const result: APIEmbed[] = shaped.map((e) => {
    const description = e.parts.map((p) => p.text).filter(Boolean).join(PART_SEPARATOR);
    const embed: APIEmbed = { color: options.color };
    if (e.title) embed.title = e.title;
    if (description) embed.description = description;
    if (e.fields.length) {
      // Discord refuses a field whose name or value is blank.
      embed.fields = e.fields.map((f) => ({ name: nameOf(f.name), value: f.value.text.trim() ? f.value.text : '…', inline: isShort(f.value.text) }));
    }
    if (e.image) embed.image = { url: `attachment://${e.image}` };
    return embed;
  });
  if (footer?.text) result.at(-1)!.footer = { text: footer.text };
  const shown = result.filter((e) => e.title || e.description || e.fields || e.image || e.footer);
  return { embeds: shown, images: shown.flatMap((e) => (e.image ? [e.image.url.slice('attachment://'.length)] : [])) };
}

/**
 * Shortens the longest texts first until their total is within `limit`: every text longer than one common
 * cap is cut to that cap, the cap being the largest that makes the total fit ("water filling").
 */
function shrink(items: Elastic[], limit: number, more: MoreMarker): void {
  const total = items.reduce((sum, item) => sum + item.text.length, 0);
  if (total <= limit) return;
  const lengths = items.map((item) => item.text.length).sort((a, b) => a - b);
  let room = Math.max(0, limit);
  let cap = 0;
  for (let i = 0; i < lengths.length; i++) {
    const share = Math.floor(room / (lengths.length - i));
    if (lengths[i]! > share) {
      cap = share;
      break;
    }
    room -= lengths[i]!;
  }
  for (const item of items) {
    if (item.text.length > cap) item.text = fitLines(item.block, cap, more);
  }
}

function nameOf(name: Elastic): string {
  return name.text.trim() ? name.text : BLANK;
}

function separators(parts: number): number {
  return Math.max(0, parts - 1) * PART_SEPARATOR.length;
}

function capEmbeds(embeds: EmbedPlan[], more: MoreMarker): EmbedPlan[] {
  if (embeds.length <= LIMITS.embeds) return embeds;
  const kept = embeds.slice(0, LIMITS.embeds);
  const last = kept.at(-1)!;
  kept[kept.length - 1] = { ...last, description: [...last.description, { lines: [more(embeds.length - kept.length)] }] };
  return kept;
}

function capFields(fields: FieldPlan[], more: MoreMarker): FieldPlan[] {
  if (fields.length <= LIMITS.fields) return fields;
  const kept = fields.slice(0, LIMITS.fields - 1);
  return [...kept, { name: BLANK, value: { lines: [more(fields.length - kept.length)] } }];
}

/** Short values sit side by side; long ones get the full width. */
function isShort(value: string): boolean {
  return value.length <= 40 && !value.includes('\n');
}
