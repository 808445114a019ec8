// What this process knows of the register's generation marker (migration 006), so a read need not ask the
// database for it every time. It forgets on every write made through this handle (the next read asks),
// and learns of writes made elsewhere from PostgreSQL's notifications. When notifications are not
// available it knows nothing, and every read asks, as before.
export class ChangeTracker {
  #generation: string | undefined;
  #epoch = 0;
  #enabled: boolean;

  constructor(enabled: boolean) {
    this.#enabled = enabled;
  }

  /** The generation when it is known to be current; undefined means: ask the database. */
  known(): string | undefined {
    return this.#enabled ? this.#generation : undefined;
  }

  /** Counts writes through this handle; a read remembers its answer only if none happened meanwhile. */
  get epoch(): number {
    return this.#epoch;
  }

  remember(generation: string, epochAtStart: number): void {
    if (epochAtStart === this.#epoch) this.#generation = generation;
  }

  /** A write through this handle finished: the next read asks the database. */
  written(): void {
    this.#generation = undefined;
    this.#epoch += 1;
  }

  /** Another connection committed a write and PostgreSQL told us its generation. */
  notified(generation: string): void {
    this.#generation = generation;
    this.#epoch += 1;
  }

  /** Notifications stopped (the listening connection failed): from now on every read asks. */
  disable(): void {
    this.#enabled = false;
    this.#generation = undefined;
  }
}

/** Statements that only read; anything else (INSERT, UPDATE, WITH … , DDL) counts as a write. */
export function isReadOnly(sql: string): boolean {
  return /^\s*(SELECT|SHOW)\b/i.test(sql);
}
