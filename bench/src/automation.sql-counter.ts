import { performance } from 'node:perf_hooks';
import type {
  KyselyPlugin,
  OperationNode,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import type { Database } from '../../packages/server/src/db/database';

/** Statements of one kind (`select customers`, `insert jobs` …): how many, their time and rows. */
export interface StatementTally {
  count: number;
  ms: number;
  rows: number;
  /** Sent but never answered (the statement failed). */
  failed: number;
}

/**
 * Counts and times every statement the runtime sends, keyed by verb and table, without touching the
 * runtime: the bench hands it a Database whose Kysely instance carries this plugin. The time is from
 * Kysely handing the query to the driver until the result comes back (it includes waiting for a
 * pooled connection on PostgreSQL).
 */
export class SqlCounter implements KyselyPlugin {
  readonly tallies = new Map<string, StatementTally>();
  private readonly started = new WeakMap<object, { key: string; at: number }>();
  /** Transactions opened with db.transaction() (statements outside one commit on their own). */
  transactions = 0;
  /** Sees every statement before it runs (the sweep keeps its first search query to EXPLAIN it). */
  onStatement: ((key: string, node: RootOperationNode) => void) | null = null;

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const key = keyOf(args.node);
    this.onStatement?.(key, args.node);
    this.started.set(args.queryId, { key, at: performance.now() });
    this.tally(key).failed++;
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const s = this.started.get(args.queryId);
    if (s) {
      this.started.delete(args.queryId);
      const t = this.tally(s.key);
      t.failed--;
      t.count++;
      t.ms += performance.now() - s.at;
      t.rows += args.result.rows.length;
    }
    return args.result;
  }

  private tally(key: string): StatementTally {
    let t = this.tallies.get(key);
    if (!t) this.tallies.set(key, (t = { count: 0, ms: 0, rows: 0, failed: 0 }));
    return t;
  }

  reset(): void {
    this.tallies.clear();
    this.transactions = 0;
  }

  total(): StatementTally {
    const sum = { count: 0, ms: 0, rows: 0, failed: 0 };
    for (const t of this.tallies.values()) {
      sum.count += t.count;
      sum.ms += t.ms;
      sum.rows += t.rows;
      sum.failed += t.failed;
    }
    return sum;
  }

  /** Tallies sorted by count, rounded for a report. */
  snapshot(): { statement: string; count: number; ms: number; rows: number; failed: number }[] {
    return [...this.tallies.entries()]
      .map(([statement, t]) => ({ statement, ...t, ms: Math.round(t.ms) }))
      .sort((a, b) => b.count - a.count);
  }
}

/** The same database, with every statement going through the counter and transactions counted. */
export function countedDatabase(database: Database, counter: SqlCounter): Database {
  const db = database.db.withPlugin(counter);
  const counted = new Proxy(db, {
    get(target, prop) {
      if (prop === 'transaction')
        return () => {
          counter.transactions++;
          return target.transaction();
        };
      const v = Reflect.get(target, prop, target) as unknown;
      // Kysely keeps its state in private fields, so methods must run on the real instance.
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { ...database, db: counted };
}

function keyOf(node: RootOperationNode): string {
  switch (node.kind) {
    case 'SelectQueryNode': {
      const from = node.from?.froms[0];
      return `select ${from ? tableOf(from) : '?'}${node.joins?.length ? ' (join)' : ''}`;
    }
    case 'InsertQueryNode':
      return `insert ${node.into ? tableOf(node.into) : '?'}${node.onConflict ? ' on conflict' : ''}`;
    case 'UpdateQueryNode':
      return `update ${node.table ? tableOf(node.table) : '?'}`;
    case 'DeleteQueryNode':
      return `delete ${tableOf(node.from.froms[0]!)}`;
    case 'RawNode':
      return `raw ${node.sqlFragments.join('?').trim().split(/\s+/).slice(0, 4).join(' ')}`;
    default:
      return node.kind;
  }
}

function tableOf(node: OperationNode): string {
  const n = node as unknown as {
    kind: string;
    table?: { identifier?: { name: string } } & OperationNode;
    node?: OperationNode;
  };
  if (n.kind === 'TableNode') return n.table?.identifier?.name ?? '?';
  if (n.kind === 'AliasNode' && n.node) return tableOf(n.node);
  return n.kind;
}
