// Loads the generated demo register: replaces any earlier demo data, never touches real incidents.
import { generateDemoRegister } from '../domain/demo-register.js';
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
  });
  return { incidents: demo.incidents.length, arrests: demo.arrests.reduce((sum, a) => sum + a.count, 0) };
}
