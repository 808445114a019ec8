// Builds the daily digest of one channel: loads the figures through the store, shapes them with the
// pure digest model, draws the target chart and writes the Reply. Posting is the queue's business.
// The Field Lab part is loaded here too, so every caller (posted digests, `/ote digest`, `ote digest`) gets
// the coming week's milestones every day and the overdue check-ins on Fridays (Amsterdam).
import type { DetailScope } from '../domain/policy.js';
import { digestModel, digestWindows, type DigestCheckIn, type DigestMilestone } from '../domain/digest.js';
import type { MunicipalityIndex } from '../domain/municipalities.js';
import { localDayKey, localInstant, localParts } from '../domain/local-time.js';
import { milestonesInComingWeek, overdueCheckIns } from '../fieldlab/digest.js';
import { loadTargetProgress } from '../figures/target.js';
import type { Lang } from '../i18n/index.js';
import type { Chart, Reply } from '../render/reply.js';
import { municipalityPathsOfDays } from '../domain/municipality-paths.js';
import { municipalityChart } from '../render/municipality-chart.js';
import { lazyTargetChart } from '../render/target-chart.js';
import { sumArrests } from '../store/arrests.js';
import type { Db } from '../store/db.js';
import { hasDemoIncidents } from '../store/incidents.js';
import { staleDays } from '../domain/coverage.js';
import { coverageText } from '../figures/coverage.js';
import { translator } from '../i18n/index.js';
import { registerCoverage } from '../store/coverage.js';
import { loadDigestCounts, loadMunicipalityDays } from './counts.js';
import { digestReply } from './reply.js';

/** Days without new coverage after which the digest says the register is behind. */
export const DEFAULT_STALE_AFTER_DAYS = 7;

export interface DigestInput {
  /** Narrows the incident part to this municipality (CBS code); null or absent: the whole country. */
  municipalityCode?: string | null;
  /** The previous digest; without it the digest covers the 24 hours before `at` and says so. */
  since?: Date;
  /** The channel's first digest: it says so (there is no previous one to count from). */
  first?: boolean;
  at: Date;
  lang: Lang;
  /** Adds the full demo notice when the register holds demo data; default true (posted digests). */
  demoNotice?: boolean;
  /** No new coverage for more than this many days makes the digest say so; default 7 (`STALE_AFTER_DAYS`). */
  staleAfterDays?: number;
  /** The Field Lab part; when absent, loaded: the coming week's milestones, and on Fridays the overdue check-ins. */
  milestones?: readonly DigestMilestone[];
  overdueCheckIns?: readonly DigestCheckIn[];
  /** What the channel's least-entitled member may see; absent: a partner without rights. */
  scope?: DetailScope;
}

export async function buildDigest(db: Db, municipalities: MunicipalityIndex, input: DigestInput): Promise<Reply> {
  const { at, lang } = input;
  const municipalityCode = input.municipalityCode ?? null;
  if (municipalityCode !== null && !municipalities.byCode(municipalityCode)) {
    throw new RangeError(`unknown municipality code ${municipalityCode}`);
  }
  const windows = digestWindows(at, input.since);
  const p = localParts(at);
  const year = p.year;
  const today = localDayKey(at);
  const weekFirstDay = localDayKey(localInstant(p.year, p.month, p.day - 6, 12));

  const [target, counts, demo, arrestsYear, arrestsWeek, milestones, overdue, coverage] = await Promise.all([
    loadTargetProgress(db, at),
    loadDigestCounts(db, windows, municipalityCode),
    hasDemoIncidents(db),
    sumArrests(db, `${year}-01-01`, today),
    sumArrests(db, weekFirstDay, today),
    input.milestones ?? milestonesInComingWeek(db, at, lang),
    input.overdueCheckIns ?? (isLocalFriday(at) ? overdueCheckIns(db, at, lang) : []),
    registerCoverage(db),
  ]);
  const model = digestModel({
    windows,
    municipalityCode,
    counts,
    progress: target.kind === 'progress' ? target.progress : null,
    arrests: { yearToDate: arrestsYear, week: arrestsWeek },
    milestones,
    overdueCheckIns: overdue,
    nameOf: (code) => municipalities.byCode(code)?.name ?? code,
  });
  const t = translator(lang);
  const from = windows.loadFrom < windows.yearStart ? windows.loadFrom : windows.yearStart;
  const coverageLine = coverageText(coverage, from, at, { t, lang });
  const stale = staleDays(coverage, at, input.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS);
  const fileName = digestChartFileName(at, municipalityCode);
  // Narrowed to a municipality, the picture is that municipality's; the national target chart otherwise.
  let chart: Chart | null = null;
  if (municipalityCode !== null) {
    const perDay = await loadMunicipalityDays(db, municipalityCode, localInstant(year - 1, 1, 1), at);
    chart = municipalityChart({
      paths: () => municipalityPathsOfDays(perDay(), year, at),
      municipality: municipalities.byCode(municipalityCode)!.name,
      year,
      asOf: at,
      lang,
      fileName,
      demo,
    });
  } else if (target.kind === 'progress') {
    chart = lazyTargetChart(target.input, target.progress, lang, fileName, demo);
  }
  return digestReply({
    model, target, chart, municipalities, lang, demo, demoNotice: input.demoNotice ?? true,
    coverageLine, stale, sinceLastDigest: input.since !== undefined, first: input.first === true,
    ...(input.scope ? { scope: input.scope } : {}),
  });
}

/** Friday by the Amsterdam calendar: the day the digest also lists the check-ins still waiting. */
export function isLocalFriday(at: Date): boolean {
  const p = localParts(at);
  return new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay() === 5;
}

export function digestChartFileName(at: Date, municipalityCode: string | null): string {
  return `ote-overzicht-${localDayKey(at)}${municipalityCode ? `-${municipalityCode.toLowerCase()}` : ''}.png`;
}
