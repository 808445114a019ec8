// The reminder reconcile on the single-process queue: it sees the pending reminder jobs through the driver
// and removes the orphans there too, as on BullMQ (test/jobs/milestone-reminder.test.ts), within the reach
// of Node timers.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { jobs } from '../../jobs/index.js';
import { defaultMilestones } from '../../src/domain/fieldlab.js';
import { reconcileReminders, REMINDER_JOB, SINGLE_PROCESS_HORIZON_MS } from '../../src/fieldlab/reconcile.js';
import { createSingleProcessDriver } from '../../src/queue/single-process.js';
import { createIntervention, listInterventions, moveMilestone } from '../../src/store/interventions.js';
import { openTestDb, type TestDb } from '../support/db.js';

let db: TestDb;
const driver = createSingleProcessDriver(jobs);
beforeAll(async () => {
  db = await openTestDb('postgres');
});
afterEach(async () => {
  await db.exec('DELETE FROM interventions');
});
afterAll(async () => {
  await driver.close();
  await db.dispose();
});

it('enqueues the reminders due within the timers’ reach and removes the one a moved milestone left behind', async () => {
  const now = new Date('2025-03-20T12:00:00Z');
  const id = await createIntervention(
    db,
    { name: 'Eén proces', description: '', owners: ['Politie'], channel: 'slack:C0TEAM0001', startDate: '2025-03-24', lengthDays: 100, status: 'actief', milestones: defaultMilestones() },
    'test',
  );
  const [intervention] = await listInterventions(db, [id]);
  const deps = { db, enqueue: driver.enqueue, queue: driver, now: () => now, horizonMs: SINGLE_PROCESS_HORIZON_MS };
  const reminders = async () => (await driver.pending({ names: [REMINDER_JOB] })).map((job) => job.id);

  await reconcileReminders(deps);
  // Day 0 (24 March) is within 20 days; day 30 (23 April) is not yet.
  const m0 = intervention!.milestones[0]!;
  expect(await reminders()).toEqual([`herinnering-${id}-${m0.id}-20250324T0800Z`]);
  expect(await reconcileReminders(deps)).toEqual({ added: 0, removed: 0 });

  await moveMilestone(db, id, 0, 1);
  expect(await reconcileReminders(deps, id)).toEqual({ added: 1, removed: 1 });
  expect(await reminders()).toEqual([`herinnering-${id}-${m0.id}-20250325T0800Z`]);
});
