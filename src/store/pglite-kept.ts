// Statements PGlite keeps parsed and planned under a name of their own, for the few texts the bot runs on
// every command (the audited detail reads). PGlite's `query` parses, describes and plans a statement anew
// each time, each step a call into its WebAssembly: on the embedded database that was two thirds of such a
// statement's cost (measured in docs/architecture.md). A kept statement is sent once as a named Parse, then
// each run is one Bind, Describe, Execute and Sync, through PGlite's public protocol API and behind the same
// locks as `query`, so it never runs inside another caller's transaction.
import { parse, protocol, type PGlite } from '@electric-sql/pglite';
import { MAX_KEPT_STATEMENTS } from './db.js';

interface KeptStatement {
  name: string;
  /** The parameters' type OIDs, as the server inferred them: how each value is written. */
  types: number[];
}

const { serialize } = protocol;

function joined(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

type Runner = Pick<PGlite, 'query'>;

export interface KeptStatements {
  /** Behind PGlite's transaction and query locks, as its `query` is: never inside another caller's transaction. */
  run<T>(sql: string, params: readonly unknown[]): Promise<T[]>;
  /** In the transaction `tx` the caller holds (PGlite's transaction lock is theirs): behind the query lock only. */
  runIn<T>(tx: Runner, sql: string, params: readonly unknown[]): Promise<T[]>;
}

export function keptStatements(lite: PGlite): KeptStatements {
  const kept = new Map<string, KeptStatement>();
  let named = 0;

  const prepare = async (sql: string): Promise<KeptStatement> => {
    const name = `ote_kept_${++named}`;
    const { messages } = await lite.execProtocol(joined([serialize.parse({ name, text: sql }), serialize.describe({ type: 'S', name }), serialize.sync()]));
    const statement = { name, types: parse.parseDescribeStatementResults(messages) };
    kept.set(sql, statement);
    return statement;
  };

  const execute = async <T>(sql: string, params: readonly unknown[]): Promise<T[]> => {
    const statement = kept.get(sql) ?? (await prepare(sql));
    // As PGlite's own `query` writes them: by the parameter's type, else as text.
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const write = lite.serializers[statement.types[i]!];
      return write ? write(value) : String(value);
    });
    // A Sync inside the caller's transaction ends the statement, not the transaction.
    const { messages } = await lite.execProtocol(
      joined([serialize.bind({ statement: statement.name, values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()]),
    );
    return (parse.parseResults(messages, lite.parsers)[0]?.rows ?? []) as T[];
  };

  const full = (sql: string) => !kept.has(sql) && kept.size >= MAX_KEPT_STATEMENTS;
  return {
    run: async <T>(sql: string, params: readonly unknown[]) =>
      full(sql)
        ? (await lite.query<T>(sql, [...params])).rows
        : lite._runExclusiveTransaction(() => lite.runExclusive(() => execute<T>(sql, params))),
    runIn: async <T>(tx: Runner, sql: string, params: readonly unknown[]) =>
      full(sql) ? (await tx.query<T>(sql, [...params])).rows : lite.runExclusive(() => execute<T>(sql, params)),
  };
}
