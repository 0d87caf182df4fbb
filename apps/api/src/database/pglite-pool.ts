import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';

/**
 * A `pg`-compatible Pool over one embedded PGlite instance, passed to TypeORM as its driver.
 *
 * Why not typeorm-pglite: it lets every caller share the one connection, so concurrent
 * transactions interleave their BEGIN / COMMIT / ROLLBACK (STACK-NOTES gotcha 3). Here a client
 * checked out of the pool has the instance to itself until it is released; other callers queue.
 * That is what PostgreSQL gives each connection, so transactions behave the same on both.
 */
interface PgLikeResult {
  readonly rows: unknown[];
  readonly rowCount: number;
  readonly command: string;
  readonly fields: readonly { name: string; dataTypeID: number }[];
}

type Release = (error?: unknown) => void;

class PgliteClient extends EventEmitter {
  constructor(
    private readonly db: PGlite,
    readonly release: Release,
  ) {
    super();
  }

  async query(text: string | { text: string; values?: unknown[] }, values?: unknown[]): Promise<PgLikeResult> {
    const sql = typeof text === 'string' ? text : text.text;
    const params = typeof text === 'string' ? values : (text.values ?? values);
    if (params && params.length > 0) {
      return toPgResult(await this.db.query(sql, params as unknown[]));
    }
    // Without parameters a migration may send several statements at once, which only the
    // simple-query protocol (exec) accepts; pg returns the last statement's result then.
    const results = await this.db.exec(sql);
    const last = results[results.length - 1];
    return last ? toPgResult(last) : { rows: [], rowCount: 0, command: '', fields: [] };
  }
}

function toPgResult(result: {
  rows: unknown[];
  affectedRows?: number;
  rowCount?: number;
  command?: string;
  fields: { name: string; dataTypeID: number }[];
}): PgLikeResult {
  return {
    rows: result.rows,
    rowCount: result.rowCount ?? result.affectedRows ?? result.rows.length,
    command: (result.command ?? '').toUpperCase(),
    fields: result.fields,
  };
}

export interface PglitePoolOptions {
  /** 'memory://' for an in-memory database, or a folder path for a file-backed one. */
  readonly dataDir: string;
}

export class PglitePool extends EventEmitter {
  private dbPromise: Promise<PGlite> | undefined;
  private busy = false;
  private readonly waiting: Array<() => void> = [];
  private ended = false;

  constructor(private readonly options: PglitePoolOptions) {
    super();
  }

  private open(): Promise<PGlite> {
    this.dbPromise ??= (async () => {
      const { PGlite } = await import('@electric-sql/pglite');
      if (this.options.dataDir !== 'memory://') {
        // PGlite does not create missing parent folders.
        mkdirSync(this.options.dataDir, { recursive: true });
      }
      const db = new PGlite(this.options.dataDir);
      await db.waitReady;
      return db;
    })();
    return this.dbPromise;
  }

  private async acquire(): Promise<void> {
    if (!this.busy) {
      this.busy = true;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private releaseLock(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.busy = false;
  }

  connect(): Promise<PgliteClient>;
  connect(callback: (error: unknown, client?: PgliteClient, release?: Release) => void): void;
  connect(callback?: (error: unknown, client?: PgliteClient, release?: Release) => void): Promise<PgliteClient> | void {
    const promise = (async () => {
      if (this.ended) throw new Error('pglite pool: connect after end');
      const db = await this.open();
      await this.acquire();
      let released = false;
      const release: Release = () => {
        if (released) return;
        released = true;
        this.releaseLock();
      };
      return new PgliteClient(db, release);
    })();
    if (!callback) return promise;
    promise.then(
      (client) => callback(undefined, client, client.release),
      (error: unknown) => callback(error),
    );
  }

  async query(text: string, values?: unknown[]): Promise<PgLikeResult> {
    const client = await this.connect();
    try {
      return await client.query(text, values);
    } finally {
      client.release();
    }
  }

  end(callback?: (error?: unknown) => void): Promise<void> {
    this.ended = true;
    const promise = (async () => {
      if (this.dbPromise) {
        const db = await this.dbPromise;
        await this.acquire();
        await db.close();
        this.releaseLock();
      }
    })();
    if (callback) promise.then(() => callback(), callback);
    return promise;
  }
}

/** The module object TypeORM's postgres driver expects in place of `pg`. */
export function pgliteDriver(options: PglitePoolOptions): { Pool: new () => PglitePool } {
  return {
    Pool: class extends PglitePool {
      constructor() {
        super(options);
      }
    },
  };
}
