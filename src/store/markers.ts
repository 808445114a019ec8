// The generation markers a handle keeps answers by: the register's (migration 006: the incidents, which
// change with every report) and the programme's slow-changing tables' (migrations 022 and 023: the Field
// Lab, the measures, the subscriptions, arrests, targets, published totals, coverage and the partner
// roles). Each is a one-row table whose triggers set a new random value and notify `<schema> <generation>`
// on the marker's channel, which PostgreSQL delivers at commit.
import type { ChangeTracker } from './change-tracker.js';
import type { Db } from './db.js';

export interface Marker {
  readonly table: 'register_state' | 'settings_state';
  readonly channel: 'ote_register' | 'ote_settings';
  /** What the handle knows of this marker; absent inside a transaction. */
  tracker(db: Db): ChangeTracker | undefined;
}

export const REGISTER: Marker = { table: 'register_state', channel: 'ote_register', tracker: (db) => db.changes };
export const SETTINGS: Marker = { table: 'settings_state', channel: 'ote_settings', tracker: (db) => db.settingsChanges };
