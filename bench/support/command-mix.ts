// A seeded, varied mix of `/ote` texts as partners type them: every read command kind, random
// municipalities, periods and languages, no text twice in a run and never the same kind twice in a row,
// so no reply cache answers for the bot.
import { seededRandom } from '../../src/domain/seeded-random.js';

export interface MixInput {
  seed: number;
  count: number;
  /** Names as people write them. */
  municipalities: readonly string[];
  /** References of incidents in the register, for `/ote incident <ref>`. */
  references: readonly string[];
  /** The years the register holds. */
  years: readonly number[];
  /** Texts not to use (those of another part of the run). */
  avoid?: ReadonlySet<string>;
}

type Pick = <T>(items: readonly T[]) => T;

function period(pick: Pick, random: () => number, years: readonly number[]): string {
  const year = pick(years);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  const pad = (n: number) => String(n).padStart(2, '0');
  return pick([
    () => String(year),
    () => `${year}-${pad(month)}`,
    () => `${year}-Q${1 + Math.floor(random() * 4)}`,
    () => `${year}-${pad(month)}-${pad(day)}..${year}-${pad(Math.min(12, month + 1 + Math.floor(random() * 3)))}-${pad(day)}`,
    () => pick(['vandaag', 'gisteren', 'week', 'maand', 'jaar', '7d', '30d']),
  ])();
}

/** Weighted by how often partners ask: figures first, the rest now and then. */
const KINDS: { weight: number; text: (pick: Pick, random: () => number, input: MixInput) => string }[] = [
  { weight: 20, text: (pick, random, i) => `stats ${random() < 0.7 ? pick(i.municipalities) : ''} ${period(pick, random, i.years)}` },
  { weight: 8, text: (pick, random, i) => `doel ${random() < 0.5 ? pick(i.years.filter((y) => y >= 2025)) : ''}` },
  { weight: 12, text: (pick, random, i) => `top ${period(pick, random, i.years)} ${pick([5, 10, 15, 20, 25])}` },
  { weight: 15, text: (pick, random, i) => `gemeente ${pick(i.municipalities)} ${period(pick, random, i.years)}` },
  { weight: 10, text: (pick, random, i) => `incidenten ${random() < 0.8 ? pick(i.municipalities) : ''} ${period(pick, random, i.years)}` },
  { weight: 8, text: (pick, _random, i) => `incident ${pick(i.references)}` },
  { weight: 5, text: (pick, random, i) => `digest ${random() < 0.7 ? pick(i.municipalities) : ''}` },
  { weight: 3, text: () => 'help' },
  { weight: 3, text: () => 'fieldlab' },
  { weight: 4, text: (pick) => `maatregelen ${pick(['', 'opsporing', 'nazorg', 'kennis', 'europees', 'vervolging', 'lokaal'])}` },
  { weight: 2, text: () => 'abonnementen' },
  { weight: 4, text: (pick, random, i) => `audit ${period(pick, random, i.years)}` },
];

export function commandMix(input: MixInput): string[] {
  const random = seededRandom(input.seed);
  const pick: Pick = (items) => items[Math.floor(random() * items.length)]!;
  const total = KINDS.reduce((sum, k) => sum + k.weight, 0);
  const seen = new Set<string>(input.avoid);
  const texts: string[] = [];
  let previousKind = -1;
  for (let attempts = 0; texts.length < input.count; attempts++) {
    if (attempts > input.count * 100) throw new Error('the mix cannot be made this long without repeats');
    let roll = random() * total;
    const kind = KINDS.findIndex((k) => (roll -= k.weight) < 0);
    if (kind === previousKind) continue;
    const lang = random() < 0.2 ? ' --lang en' : '';
    const text = `${KINDS[kind]!.text(pick, random, input)}${lang}`.replace(/\s+/g, ' ').trim();
    if (seen.has(text)) continue;
    seen.add(text);
    texts.push(text);
    previousKind = kind;
  }
  return texts;
}

export const MIX_KINDS = KINDS.length;
