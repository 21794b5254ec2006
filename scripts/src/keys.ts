import os from 'node:os';
import { parseArgs } from 'node:util';
import { optionalString } from '@azg/core/config';
import { type Identity, PERMISSIONS } from '@azg/core/identity';
import {
  ApiKeyRepository, checkApiKeyId, checkCreateApiKeyInput, createAccessDataSource, CREDENTIAL_ROLES, isCredentialRole, listCredentialRoles, migrateAccess,
  type ApiKeyRecord,
} from '@azg/gateway/access';
import { type Database } from './database';
import { openEmbeddedDatabase } from './embedded-database';

/**
 * `npm run keys`: API keys for the gateway, by someone with the database's credentials (the
 * first admin key has to come from somewhere; later ones can also be made through the graph).
 *
 *   npm run keys -- create --name <name> --role <role> [--expires <ISO date-time>]   (partner, editor or admin)
 *   npm run keys -- list [--all]
 *   npm run keys -- revoke <id>
 *
 * Works against DATABASE_URL, else the embedded PostgreSQL of `npm start` (`.data/postgres` on
 * PGPORT_EMBEDDED): the running one when `npm start` is up, once it has proved to be the project's
 * cluster (any other server on that port is refused), else started for the command and stopped
 * after. Applies the access migrations when needed. A key is printed once, never stored.
 * A key revoked here is refused by a running gateway within its key cache's lifetime
 * (AZG_API_KEY_CACHE_TTL_MS, 30 s by default).
 */
const USAGE = `usage:
  npm run keys -- create --name <name> --role ${CREDENTIAL_ROLES.join('|')} [--expires <ISO date-time>]
  npm run keys -- list [--all]
  npm run keys -- revoke <id>`;

class UsageError extends Error {}

/**
 * Who the audit log says did it: the operating-system user at the command line, with the role that
 * manages API keys (whoever holds the database's credentials may do that anyway).
 */
function commandLineActor(): Identity {
  return { subject: `cli:${os.userInfo().username}`, role: PERMISSIONS.manageApiKeys, source: 'internal' };
}

/** DATABASE_URL; else the embedded server `npm start` runs (or keeps its data for), started here when it is down. */
async function keysDatabase(env: Record<string, string | undefined>): Promise<Database> {
  const url = optionalString('DATABASE_URL', env);
  if (url !== undefined) return { url, description: 'DATABASE_URL', stop: async () => undefined };
  return openEmbeddedDatabase(env);
}

function describe(record: ApiKeyRecord): string {
  const state = record.revokedAt ? `revoked ${record.revokedAt.toISOString()} by ${record.revokedBy ?? '?'}`
    : record.expiresAt && record.expiresAt.getTime() <= Date.now() ? `expired ${record.expiresAt.toISOString()}`
      : `active, expires ${record.expiresAt ? record.expiresAt.toISOString() : 'never'}`;
  const used = record.lastUsedAt ? record.lastUsedAt.toISOString() : 'never';
  return `${record.id}  ${record.role.padEnd(7)}  ${JSON.stringify(record.name)}  created ${record.createdAt.toISOString()} by ${record.createdBy}; ${state}; last used ${used}`;
}

async function run(argv: string[], write: (line: string) => void): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: 'string' }, role: { type: 'string' }, expires: { type: 'string' }, all: { type: 'boolean', default: false } },
  });
  const [command, ...rest] = positionals;
  let action: (keys: ApiKeyRepository) => Promise<void>;
  if (command === 'create') {
    const { role } = values;
    if (values.name === undefined) throw new UsageError('create needs --name');
    if (!isCredentialRole(role)) throw new UsageError(`create needs --role ${listCredentialRoles()}${role ? `, got "${role}"` : ''}`);
    const expiresAt = values.expires === undefined ? null : new Date(values.expires);
    if (expiresAt !== null && Number.isNaN(expiresAt.getTime())) throw new UsageError(`--expires must be an ISO date-time, got "${values.expires}"`);
    const input = checkCreateApiKeyInput({ name: values.name, role, expiresAt });
    action = async (keys) => {
      const { key, record } = await keys.create(input, commandLineActor());
      write(`Created API key ${describe(record)}`);
      write('The key (shown this once; it is not stored anywhere, so keep it now):');
      write(key);
    };
  } else if (command === 'list') {
    action = async (keys) => {
      const records = await keys.list(values.all);
      if (records.length === 0) write(values.all ? 'No API keys.' : 'No active API keys (--all lists revoked ones too).');
      for (const record of records) write(describe(record));
    };
  } else if (command === 'revoke') {
    if (rest.length !== 1) throw new UsageError('revoke needs one key id');
    const id = checkApiKeyId(rest[0]!);
    action = async (keys) => {
      const record = await keys.revoke(id, commandLineActor());
      if (!record) throw new UsageError(`no API key has id ${id}`);
      write(`Revoked ${describe(record)}`);
    };
  } else {
    throw new UsageError(command === undefined ? 'no command' : `unknown command "${command}"`);
  }

  const database = await keysDatabase(process.env);
  try {
    const dataSource = createAccessDataSource(database.url, { poolSize: 2 });
    await migrateAccess(dataSource);
    try {
      await action(new ApiKeyRepository(dataSource));
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await database.stop();
  }
}

if (require.main === module) {
  run(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`)).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`keys: ${(error as Error).message}\n${error instanceof UsageError ? `${USAGE}\n` : ''}`);
      process.exit(error instanceof UsageError ? 2 : 1);
    },
  );
}
