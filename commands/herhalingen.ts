// `/ote herhalingen [gemeente] [periode]`: the areas hit again within REPEAT_WINDOW_DAYS (a postcode area,
// or a municipality for attacks without a postcode). Viewers entitled to an area's detail see the areas;
// everyone else the number of such areas per municipality, with one or two shown as `<3`.
import { areaAndPeriod, formerMunicipalityNote, resolveMunicipality, resolvePeriod } from '../src/commands/options.js';
import { maySeeBelowMunicipality } from '../src/domain/policy.js';
import { DEFAULT_REPEAT_WINDOW_DAYS, repeatAreas, repeatAreasPerMunicipality } from '../src/domain/repeats.js';
import { formatDate, formatNumber } from '../src/render/format.js';
import { reply, type Block } from '../src/render/reply.js';
import { smallNumbers } from '../src/render/small-numbers.js';
import { areaIncidents } from '../src/store/repeats.js';
import { ALL_ROLES, defineCommand } from './types.js';

const LISTED = 25;

export const herhalingen = defineCommand({
  name: 'herhalingen',
  aliases: ['repeats'],
  summary: 'herhalingen.summary',
  usage: '/ote herhalingen [gemeente] [periode]',
  roles: ALL_ROLES,
  ...areaAndPeriod,
  figures: true,
  cacheable: true,
  async run(options, ctx) {
    const windowDays = ctx.services.repeatWindowDays ?? DEFAULT_REPEAT_WINDOW_DAYS;
    const period = resolvePeriod(ctx, options.periode, `${windowDays}d`);
    const municipality = options.gemeente ? resolveMunicipality(ctx, options.gemeente) : undefined;
    const counted = await areaIncidents(ctx.db, new Date(period.start.getTime() - windowDays * 86_400_000), period.end, municipality?.code ?? null);
    const areas = repeatAreas(counted, period.start, period.end, windowDays);
    const where = municipality?.name ?? ctx.t('herhalingen.national');
    const title = ctx.t('herhalingen.title', { where, period: period.label[ctx.lang] });
    const former = formerMunicipalityNote(ctx, options.gemeente);
    if (areas.length === 0) return reply(title, [{ kind: 'text', text: ctx.t('herhalingen.none', { days: windowDays }) }, ...former]);

    const name = (code: string) => ctx.municipalities.byCode(code)?.name ?? code;
    const shown = areas.filter((a) => maySeeBelowMunicipality(ctx.scope, a.area.municipalityCode));
    const counts = repeatAreasPerMunicipality(areas.filter((a) => !shown.includes(a)));
    const blocks: Block[] = [{ kind: 'text', text: ctx.t('herhalingen.explain', { days: windowDays }) }];
    if (shown.length > 0) {
      blocks.push({
        kind: 'table',
        columns: [
          { header: ctx.t('herhalingen.area'), align: 'left' },
          { header: ctx.t('incident.municipality'), align: 'left' },
          { header: ctx.t('herhalingen.attacks'), align: 'right' },
          { header: ctx.t('herhalingen.repeats'), align: 'right' },
          { header: ctx.t('herhalingen.last'), align: 'left' },
        ],
        rows: shown.slice(0, LISTED).map((a) => [
          a.area.kind === 'postcode' ? a.area.postcode4 : ctx.t('herhalingen.wholeMunicipality'),
          name(a.area.municipalityCode),
          formatNumber(a.incidents, ctx.lang),
          formatNumber(a.repeats, ctx.lang),
          formatDate(a.last, ctx.lang),
        ]),
      });
      if (shown.length > LISTED) blocks.push({ kind: 'context', text: ctx.t('herhalingen.more', { count: shown.length - LISTED }) });
    }
    if (counts.size > 0) {
      const cells = smallNumbers(ctx.scope, ctx);
      const rows = [...counts.entries()].sort((a, b) => b[1] - a[1] || name(a[0]).localeCompare(name(b[0])));
      blocks.push({
        kind: 'table',
        title: ctx.t('herhalingen.perMunicipality'),
        columns: [{ header: ctx.t('incident.municipality'), align: 'left' }, { header: ctx.t('herhalingen.areas'), align: 'right' }],
        rows: rows.slice(0, LISTED).map(([code, n]) => [name(code), cells.count(code, n)]),
      });
      const notice = cells.notice();
      if (notice) blocks.push(notice);
    }
    blocks.push(...former);
    return reply(title, blocks);
  },
});
