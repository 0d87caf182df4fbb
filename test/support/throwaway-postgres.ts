import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * A PostgreSQL cluster of our own under /tmp, on a free port, that a test may stop and start at
 * will (a shared server must not be restarted under other people's tests). Uses the server
 * binaries of the machine's PostgreSQL packages (PG_BIN, `pg_config --bindir`, or the newest
 * /usr/lib/postgresql/<version>/bin). initdb refuses to run as root, so as root it runs as the
 * postgres user.
 */
export interface ThrowawayPostgres {
  readonly url: string;
  readonly port: number;
  /** Async (not execFileSync), so the app under test keeps serving while the server starts or stops. */
  start(): Promise<void>;
  /** Fast shutdown: open connections are terminated, as when a server restarts for real. */
  stop(): Promise<void>;
  /** SIGSTOP the server and every backend: connections stay open but nothing answers (a hung host, not a down one). */
  pause(): void;
  /** SIGCONT what pause stopped. */
  resume(): void;
  destroy(): Promise<void>;
}

function binDir(): string {
  const candidates = [process.env.PG_BIN];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {
    /* no pg_config on PATH */
  }
  if (existsSync('/usr/lib/postgresql')) {
    const versions = readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => `/usr/lib/postgresql/${v}/bin`));
  }
  const found = candidates.find((dir) => dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (!found) throw new Error('no PostgreSQL server binaries (initdb, pg_ctl) found: install postgresql or set PG_BIN');
  return found;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = binDir();
  const root = mkdtempSync('/tmp/capsim-pg-');
  const data = join(root, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(root, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })));
  const run = async (tool: string, args: string[]): Promise<void> => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
    await promisify(execFile)(file, argv, { timeout: 60_000 });
  };
  await run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
  const start = () => run('pg_ctl', ['-D', data, '-o', options, '-l', join(root, 'server.log'), '-w', '-t', '30', 'start']);
  const stop = () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']);
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    pause: () => signalCluster(data, 'SIGSTOP'),
    resume: () => signalCluster(data, 'SIGCONT'),
    destroy: async () => {
      try {
        await stop();
      } catch {
        /* already stopped */
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The postmaster (first line of postmaster.pid) and its children, the backends and background workers. */
function signalCluster(data: string, signal: 'SIGSTOP' | 'SIGCONT'): void {
  const postmaster = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let children: number[] = [];
  try {
    children = execFileSync('pgrep', ['-P', String(postmaster)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    /* pgrep exits 1 when there are no children */
  }
  for (const pid of [postmaster, ...children]) process.kill(pid, signal);
}
