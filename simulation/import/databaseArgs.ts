/**
 * A database container's connection limit, as its server reads it: MySQL and MariaDB
 * take `--max-connections=N` (or `--max_connections`), PostgreSQL `-c max_connections=N`;
 * the Bitnami images also read it from their environment. With none stated the server's
 * own default holds (MySQL and MariaDB 151, PostgreSQL 100), recognised by the image.
 */
import type { ContainerSpec } from './manifests';

export type DatabaseServer = 'MySQL' | 'MariaDB' | 'PostgreSQL';

export interface DatabaseConnections {
  server: DatabaseServer | null;
  connections: number;
  /** Where the figure comes from: the command line, the environment, or the server's default. */
  from: 'flag' | 'env' | 'default';
}

const defaults: Record<DatabaseServer, number> = { MySQL: 151, MariaDB: 151, PostgreSQL: 100 };

const environment = ['POSTGRESQL_MAX_CONNECTIONS', 'MYSQL_MAX_CONNECTIONS', 'MARIADB_MAX_CONNECTIONS'];

function serverOf(c: ContainerSpec): DatabaseServer | null {
  // The repository part of the image, without registry and tag: "docker.io/bitnami/postgresql:16" → "postgresql".
  const repository = (c.image.split('@')[0]!.split('/').pop() ?? '').split(':')[0]!.toLowerCase();
  const words = `${repository} ${c.argv[0] ?? ''}`.toLowerCase();
  if (/mariadb/.test(words)) return 'MariaDB';
  if (/mysql|percona/.test(words)) return 'MySQL';
  if (/postgres|postgis|timescale/.test(words)) return 'PostgreSQL';
  return null;
}

function positiveInteger(text: string | undefined): number | null {
  if (text === undefined || !/^\d+$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n > 0 ? n : null;
}

/** The connections the container's server accepts, or null when it is no database server this import knows. */
export function databaseConnections(c: ContainerSpec): DatabaseConnections | null {
  const server = serverOf(c);
  const argv = c.argv;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const flag = /^--max[-_]connections(?:=(.*))?$/.exec(arg);
    const value = flag ? (flag[1] ?? argv[i + 1]) : arg === '-c' ? /^max_connections=(.*)$/.exec(argv[i + 1] ?? '')?.[1] : /^-cmax_connections=(.*)$/.exec(arg)?.[1];
    const connections = positiveInteger(value);
    if (connections !== null) return { server, connections, from: 'flag' };
  }
  for (const name of environment) {
    const connections = positiveInteger(c.env[name]);
    if (connections !== null) return { server, connections, from: 'env' };
  }
  return server ? { server, connections: defaults[server], from: 'default' } : null;
}
