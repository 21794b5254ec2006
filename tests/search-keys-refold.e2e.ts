/**
 * The migrations that fold stored search keys (1799100000000, companies and projects): keys the
 * older searchKey stored, before it folded spellings that sound alike in the two scripts, are
 * folded by the same code the seed and writes now use, batch by batch. Run in a transaction on
 * the shared stack's database and rolled back, so no other file sees the old keys.
 */
import { Client } from 'pg';
import { refoldSearchKeys, searchKeysOf } from '@azg/core/i18n';
import { sharedStack } from './support/shared-stack';

/** The shared stack: this file's writes are rolled back (see shared-stack.ts). */
const stack = sharedStack();

/** Keys as the searchKey before the fold stored them, written here by hand. */
const OLD_KEYS: Record<string, Array<{ text: string; key: string }>> = {
  'tokyo-rope-almaty': [{ text: 'TOKYO ROPE ALMATY', key: 'tokyo rope almaty' }],
  'city-stone': [{ text: 'City Stone', key: 'city stone' }],
  'gsg-vysotnik': [
    { text: 'Г. С. Г. Высотник', key: 'gsg vysotnik' }, { text: 'Г.С.Г. Высотник', key: 'gsg vysotnik' }, { text: 'G.S.G. Vysotnik', key: 'gsg vysotnik' },
  ],
  // As a synthetic copy's keys carry its label: only the key says "synthetic 3", never the text.
  'sk-rakhat': [{ text: 'СК Рахат', key: 'sk rakhat synthetic 3' }, { text: 'SK Rakhat', key: 'sk rakhat synthetic 3' }],
};

describe('folding stored search keys', () => {
  let client: Client;

  beforeAll(async () => {
    client = new Client({ connectionString: stack.databaseUrl });
    await client.connect();
  });

  afterAll(async () => {
    await client.end();
  });

  it('has run in both subgraphs that store keys', async () => {
    for (const schema of ['companies', 'projects']) {
      const { rows } = await client.query(`SELECT name FROM ${schema}.migrations WHERE name = 'SearchKeysFoldScripts1799100000000'`);
      expect({ schema, rows: rows.length }).toEqual({ schema, rows: 1 });
    }
  });

  it('folds old keys batch by batch, labels included, into what searchKey makes now, and then has nothing left to fold', async () => {
    const db = { query: async <Row>(sql: string, parameters?: unknown[]) => (await client.query(sql, parameters)).rows as Row[] };
    await client.query('BEGIN');
    try {
      await client.query(
        `UPDATE companies.company c SET search_keys = old.keys FROM jsonb_each($1::jsonb) AS old(id, keys) WHERE c.id = old.id`,
        [JSON.stringify(OLD_KEYS)],
      );
      const { rows: [{ companies }] } = await client.query('SELECT count(*)::int AS companies FROM companies.company');

      // Four rows a batch: more than one batch, the last one short.
      expect(companies % 4).not.toBe(0);
      expect(await refoldSearchKeys(db, 'companies.company', 4)).toBe(Object.keys(OLD_KEYS).length);

      const { rows } = await client.query<{ id: string; search_keys: Array<{ text: string; key: string }>; search_document: string }>(
        'SELECT id, search_keys, search_document FROM companies.company WHERE id = ANY($1) ORDER BY id', [Object.keys(OLD_KEYS)],
      );
      const folded = Object.fromEntries(rows.map((row) => [row.id, row.search_keys]));
      const copy = (text: string) => `${searchKeysOf([{ text }])[0]!.key} ${searchKeysOf([{ text: 'synthetic' }])[0]!.key} 3`;
      expect(folded).toEqual({
        'city-stone': searchKeysOf([{ text: 'City Stone' }]),
        'gsg-vysotnik': searchKeysOf(OLD_KEYS['gsg-vysotnik']!.map(({ text }) => ({ text }))),
        'sk-rakhat': [{ text: 'СК Рахат', key: copy('СК Рахат') }, { text: 'SK Rakhat', key: copy('SK Rakhat') }],
        'tokyo-rope-almaty': searchKeysOf([{ text: 'TOKYO ROPE ALMATY' }]),
      });
      expect(folded['tokyo-rope-almaty']).toEqual([{ text: 'TOKYO ROPE ALMATY', key: 'tokio rop almati' }]);
      expect(folded['sk-rakhat']![0]!.key).toBe('sk rahat sintetik 3');
      // The generated search document follows the keys.
      expect(rows.find((row) => row.id === 'tokyo-rope-almaty')!.search_document).toBe('tokio rop almati tokioropalmati');

      expect(await refoldSearchKeys(db, 'companies.company', 4)).toBe(0);
    } finally {
      await client.query('ROLLBACK');
    }
  });
});
