// A throwaway PostgreSQL server for the tests and the benchmarks: Debian's `postgresql` package
// (scripts/ensure-postgres.sh installs it), a cluster initdb'd in a temp folder, listening on a free
// loopback port, with durability off (nothing in it must survive), removed by stop().
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PostgresCluster {
  port: number;
  /** Connection URL of a database of this cluster (superuser `postgres`, no password, loopback only). */
  url(database: string): string;
  stop(): void;
}

const SERVER_USER = 'postgres';

/** The newest installed server's binaries (/usr/lib/postgresql/<version>/bin), or PG_BIN. */
export function postgresBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  if (versions.length === 0) throw new Error("PostgreSQL is not installed: run `bash scripts/ensure-postgres.sh` (Debian's postgresql package).");
  return join(root, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The server refuses to run as root (as CI does): then every command runs as the `postgres` user. */
function runAsServerUser(command: string, args: string[], cwd: string): { status: number | null; output: string } {
  const asRoot = process.getuid?.() === 0;
  const [file, argv] = asRoot ? ['runuser', ['-u', SERVER_USER, '--', command, ...args]] : [command, args];
  const result = spawnSync(file, argv, { cwd, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

function userIds(user: string): { uid: number; gid: number } | null {
  const uid = spawnSync('id', ['-u', user], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', user], { encoding: 'utf8' });
  return uid.status === 0 && gid.status === 0 ? { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) } : null;
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'badgelens-pg-'));
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  if (process.getuid?.() === 0) {
    let ids = userIds(SERVER_USER);
    if (!ids) {
      spawnSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', SERVER_USER]);
      ids = userIds(SERVER_USER);
    }
    if (!ids) throw new Error(`cannot find or create the "${SERVER_USER}" user to run PostgreSQL as`);
    chownSync(dir, ids.uid, ids.gid);
  }
  const fail = (step: string, output: string): never => {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL ${step} failed:\n${output}`);
  };

  // C.UTF-8 sorts text by code point, as SQLite does, and knows which characters are letters.
  const initdb = (locale: string) =>
    runAsServerUser(join(bin, 'initdb'), ['-D', dataDir, '-U', SERVER_USER, '-A', 'trust', '-E', 'UTF8', `--locale=${locale}`, '--no-sync', '--no-instructions'], dir);
  let created = initdb('C.UTF-8');
  if (created.status !== 0) created = initdb('C');
  if (created.status !== 0) fail('initdb', created.output);

  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=300',
  ].join(' ');
  const started = runAsServerUser(join(bin, 'pg_ctl'), ['-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', options, 'start'], dir);
  if (started.status !== 0) fail('start', `${started.output}\n${existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''}`);

  return {
    port,
    url: (database) => `postgres://${SERVER_USER}@127.0.0.1:${port}/${database}`,
    stop() {
      runAsServerUser(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop'], dir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs statements on the cluster's `postgres` database (CREATE / DROP DATABASE cannot run in a transaction). */
export async function administer(cluster: Pick<PostgresCluster, 'url'>, ...statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: cluster.url('postgres') });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}
