// Loads the generated demo register: replaces any earlier demo data, never touches real incidents.
import { DEMO_FIRST_YEAR, generateDemoRegister } from '../domain/demo-register.js';
import { localInstant } from '../domain/local-time.js';
import { declareCoverage } from './coverage.js';
import type { MunicipalityIndex } from '../domain/municipalities.js';
import { addArrests } from './arrests.js';
import type { Db } from './db.js';
import { deleteDemoData, upsertIncidents } from './incidents.js';

export async function loadDemoRegister(db: Db, municipalities: MunicipalityIndex, until: Date): Promise<{ incidents: number; arrests: number }> {
  const demo = generateDemoRegister({ until, municipalities: municipalities.all() });
  await db.transaction(async (tx) => {
    await deleteDemoData(tx);
    await upsertIncidents(tx, demo.incidents, 'demo', 'demo');
    await addArrests(tx, demo.arrests, 'demo');
    await declareCoverage(tx, { from: localInstant(DEMO_FIRST_YEAR, 1, 1), to: until }, 'demo', 'demo');
  });
  return { incidents: demo.incidents.length, arrests: demo.arrests.reduce((sum, a) => sum + a.count, 0) };
}
