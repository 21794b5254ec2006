import { Sector } from '@azg/core/figures';
import { searchKey } from '@azg/core/i18n';
import { SECTOR_VALUES } from '../migrations/1764230400000-create-company';
import { COMPANIES } from './companies.facts';
import { seed, toCompanyRow } from './seed';
import { FakeDatabase } from '../testing/fake-database';

const almerek = COMPANIES.find((company) => company.id === 'almerek')!;

describe('toCompanyRow', () => {
  it('maps a fact to the columns of companies.company, spellings with their script', () => {
    expect(toCompanyRow(almerek)).toEqual({
      id: 'almerek',
      name: 'Әлмерек',
      latin_name: 'Almerek',
      spellings: [
        { text: 'Әлмерек', script: 'KAZAKH_CYRILLIC', origin: 'ORIGINAL', paragraph: 11 },
        { text: 'Алмерек', script: 'CYRILLIC', origin: 'ORIGINAL', paragraph: 13 },
        { text: 'Almerek', script: 'LATIN', origin: 'TRANSLATION', paragraph: 11 },
      ],
      legal_form: 'LLP',
      sectors: '{MEDICAL_PRODUCTS}',
      sector_sources: almerek.sectorSources,
      zone_participant: true,
      participation_sources: almerek.participationSources,
      sources: almerek.sources,
      names: { kk: 'Әлмерек', ru: 'Алмерек', en: 'Almerek' },
      search_keys: [
        { text: 'Әлмерек', key: 'almerek' },
        { text: 'Алмерек', key: 'almerek' },
        { text: 'Almerek', key: 'almerek' },
      ],
    });
  });

  it('stores a Russian name only where the original also writes the name in Russian Cyrillic', () => {
    const names = Object.fromEntries(COMPANIES.map((company) => [company.id, toCompanyRow(company).names]));
    expect(names['kaz-dia-test']).toEqual({ kk: 'Қаз-Диа-Тест', ru: 'Каз-Диа-Тест', en: 'Kaz-Dia-Test' });
    expect(names['gsg-vysotnik']).toEqual({ kk: 'Г. С. Г. Высотник', ru: 'Г. С. Г. Высотник', en: 'G.S.G. Vysotnik' });
    // Latin in the original, mixed scripts, or Kazakh letters only: no Russian form is given.
    expect(names['valtherm']).toEqual({ kk: 'Valtherm', en: 'Valtherm' });
    expect(names['kmk-investment']).toEqual({ kk: 'КМК Investment', en: 'KMK Investment' });
    expect(names['bsf']).toEqual({ kk: 'BСФ', en: 'BSF' });
    expect(names['alem-tynysy']).toEqual({ kk: 'Әлем тынысы', en: 'Alem Tynysy' });
    const withRussian = COMPANIES.filter((company) => 'ru' in (toCompanyRow(company).names as object)).map((company) => company.id);
    expect(withRussian.sort()).toEqual([
      'almerek', 'dorkhan-almaty', 'elektrobar', 'enko', 'gsg-vysotnik', 'kaz-dia-test', 'mpz-bizhan', 'sk-rakhat', 'tekhnovid', 'teplostil', 'zhbi-garant',
    ]);
  });

  it('keys every spelling so that its synthetic copy\'s key is the key with the label\'s after it, as the generator writes it', () => {
    for (const company of COMPANIES) {
      for (const { text, key } of toCompanyRow(company).search_keys as Array<{ text: string; key: string }>) {
        expect(searchKey(`${text} (synthetic 12)`)?.spaced).toBe(`${key} ${searchKey('synthetic')!.spaced} 12`);
      }
    }
  });

  it('keys every spelling for search, initials joined and scripts met', () => {
    expect(toCompanyRow(COMPANIES.find((company) => company.id === 'gsg-vysotnik')!).search_keys).toEqual([
      { text: 'Г. С. Г. Высотник', key: 'gsg visotnik' },
      { text: 'Г.С.Г. Высотник', key: 'gsg visotnik' },
      { text: 'G.S.G. Vysotnik', key: 'gsg visotnik' },
    ]);
    expect(toCompanyRow(COMPANIES.find((company) => company.id === 'bsf')!).search_keys).toEqual([
      { text: 'BСФ', key: 'bsf' },
      { text: 'BSF', key: 'bsf' },
    ]);
  });

  it('writes no sectors as an empty Postgres array, not as JSON', () => {
    expect(toCompanyRow(COMPANIES.find((company) => company.id === 'bsf')!).sectors).toBe('{}');
  });

  it('keeps null where the document gives no legal form', () => {
    expect(toCompanyRow(COMPANIES.find((company) => company.id === 'zhbi-garant')!).legal_form).toBeNull();
  });
});

describe('the facts against the table constraints', () => {
  it('has 25 companies with distinct record ids', () => {
    const ids = COMPANIES.map((company) => company.id);
    expect(new Set(ids).size).toBe(25);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9][a-z0-9-]{0,99}$/);
  });

  it('spells every Latin name in printable ASCII, as latin_name requires', () => {
    for (const company of COMPANIES) expect(company.latinName).toMatch(/^[ -~]+$/);
  });

  it('allows in the sectors CHECK exactly the values of core\'s Sector enum', () => {
    expect([...SECTOR_VALUES].sort()).toEqual(Object.values(Sector).sort());
  });
});

describe('seed', () => {
  it('upserts every company in one statement, leaving unchanged rows untouched', async () => {
    const database = new FakeDatabase(() => COMPANIES.map(() => ({ '?column?': 1 })));

    const changed = await seed(database);

    expect(changed).toBe(25);
    expect(database.statements).toHaveLength(1);
    const [{ sql, parameters }] = database.statements as [{ sql: string; parameters: unknown[] }];
    expect(sql).toMatch(/^INSERT INTO "companies"\."company"/);
    expect(sql).toMatch(/ON CONFLICT \("id"\) DO UPDATE SET .* WHERE t\.version = 1 AND \(.*\) IS DISTINCT FROM \(.*\)/s);
    expect(sql).not.toMatch(/created_at|updated_at/);
    expect(parameters).toHaveLength(25 * 12);
  });

  it('reports the rows the database says changed: none on a second run', async () => {
    expect(await seed(new FakeDatabase(() => []))).toBe(0);
  });
});
