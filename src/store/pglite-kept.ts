// Statements PGlite keeps parsed and planned under a name of their own, for the few texts the bot runs on
// every command (the audited detail reads). PGlite's `query` parses, describes and plans a statement anew
// each time, each step a call into its WebAssembly: on the embedded database that was two thirds of such a
// statement's cost (measured in docs/architecture.md). A kept statement is sent once as a named Parse, then
// each run is one Bind, Describe, Execute and Sync, through PGlite's public protocol API and behind the same
// locks as `query`, so it never runs inside another caller's transaction.
import { parse, protocol, type PGlite } from '@electric-sql/pglite';
import { keptStatementNames } from './db.js';

const { serialize } = protocol;

type Runner = Pick<PGlite, 'query'>;

export interface KeptStatements {
  /** Behind PGlite's transaction and query locks, as its `query` is: never inside another caller's transaction. */
  run<T>(sql: string, params: readonly unknown[]): Promise<T[]>;
  /** In the transaction `tx` the caller holds (PGlite's transaction lock is theirs): behind the query lock only. */
  runIn<T>(tx: Runner, sql: string, params: readonly unknown[]): Promise<T[]>;
}

export function keptStatements(lite: PGlite): KeptStatements {
  const nameOf = keptStatementNames();
  /** Each kept text's parameter type OIDs, as the server inferred them: how each value is written. */
  const types = new Map<string, number[]>();

  const prepare = async (sql: string, name: string): Promise<number[]> => {
    const { messages } = await lite.execProtocol(Buffer.concat([serialize.parse({ name, text: sql }), serialize.describe({ type: 'S', name }), serialize.sync()]));
    const inferred = parse.parseDescribeStatementResults(messages);
    types.set(sql, inferred);
    return inferred;
  };

  const execute = async <T>(sql: string, name: string, params: readonly unknown[]): Promise<T[]> => {
    const oids = types.get(sql) ?? (await prepare(sql, name));
    // As PGlite's own `query` writes them: by the parameter's type, else as text.
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const write = lite.serializers[oids[i]!];
      return write ? write(value) : String(value);
    });
    // A Sync inside the caller's transaction ends the statement, not the transaction.
    const { messages } = await lite.execProtocol(
      Buffer.concat([serialize.bind({ statement: name, values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()]),
    );
    return (parse.parseResults(messages, lite.parsers)[0]?.rows ?? []) as T[];
  };

  return {
    async run<T>(sql: string, params: readonly unknown[]) {
      const name = nameOf(sql);
      if (name === undefined) return (await lite.query<T>(sql, [...params])).rows;
      return lite._runExclusiveTransaction(() => lite.runExclusive(() => execute<T>(sql, name, params)));
    },
    async runIn<T>(tx: Runner, sql: string, params: readonly unknown[]) {
      const name = nameOf(sql);
      if (name === undefined) return (await tx.query<T>(sql, [...params])).rows;
      return lite.runExclusive(() => execute<T>(sql, name, params));
    },
  };
}
