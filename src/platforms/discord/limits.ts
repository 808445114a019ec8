// Discord's message limits and the cutting that respects them. Lengths are UTF-16 code units (`.length`),
// which is never less than what Discord counts, and cuts never split a surrogate pair.

export const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  /** Title, description, field names and values, footer and author name over all embeds of a message. */
  embedTotal: 6000,
  commandName: 32,
  commandDescription: 100,
  options: 25,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  /** Message components: rows of buttons under a message. */
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  /** Modals: a title and at most five text inputs, one per row. */
  modalTitle: 45,
  modalInputs: 5,
  inputLabel: 45,
  inputPlaceholder: 100,
  inputValue: 4000,
} as const;

const ELLIPSIS = '…';

/** Cuts `text` to at most `max` code units, ending in `…` when cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let out = '';
  for (const char of text) {
    if (out.length + char.length + ELLIPSIS.length > max) break;
    out += char;
  }
  return `${out.trimEnd()}${ELLIPSIS}`;
}

/** A run of lines that can be shortened by dropping lines from the end, e.g. a table or a paragraph. */
export interface Lines {
  lines: readonly string[];
  /** Lines that are kept whenever any line is kept (a table's header and rule). */
  keepHead?: number;
  /** Shown in a code block (tables, so columns stay aligned). */
  fenced?: boolean;
  /** A line above the block that stays with it, e.g. a bold table title. */
  heading?: string;
}

/** The marker that replaces the dropped lines, e.g. `… en 12 meer`. */
export type MoreMarker = (count: number) => string;

/**
 * The longest rendering of `block` within `max` code units: as many whole lines as fit, then a marker
 * counting the dropped lines. Plain text may end in a clipped line, so one long paragraph is not lost.
 * Empty when not even the marker fits.
 */
export function fitLines(block: Lines, max: number, more: MoreMarker): string {
  const { lines } = block;
  const n = lines.length;
  const head = Math.min(block.keepHead ?? 0, n);
  const prefix = block.heading ? `${block.heading}\n` : '';
  // sums[k]: length of the first k lines joined by newlines
  const sums = [0];
  for (let i = 0; i < n; i++) sums.push(sums[i]! + lines[i]!.length + (i > 0 ? 1 : 0));
  const fence = block.fenced ? 8 : 0; // "```\n" + "\n```"
  const keptLength = (k: number) => prefix.length + (k > 0 ? sums[k]! + fence : 0);
  const render = (k: number, extra: string[]) => {
    const kept = lines.slice(0, k).join('\n');
    const body = k === 0 ? [] : [block.fenced ? `\`\`\`\n${kept}\n\`\`\`` : kept];
    return `${prefix}${[...body, ...extra].join('\n')}`;
  };

  if (keptLength(n) <= max) return render(n, []);
  for (let k = n - 1; k >= head; k--) {
    const newline = k > 0 ? 1 : 0;
    if (!block.fenced) {
      const tail = n - k - 1 > 0 ? more(n - k - 1) : '';
      const room = max - keptLength(k) - newline - (tail ? tail.length + 1 : 0);
      if (room >= Math.min(20, lines[k]!.length)) return render(k, [clip(lines[k]!, room), ...(tail ? [tail] : [])]);
    }
    const marker = more(n - k);
    if (keptLength(k) + newline + marker.length <= max) return render(k, [marker]);
  }
  const marker = more(n);
  return marker.length <= max ? marker : '';
}
