import { searchKey } from '@azg/core/i18n';
import { COMPANIES } from '../seed/companies.facts';
import { companySearchKeys } from './company-language';

/** Each document company's stored keys, compact, as search compares them. */
const COMPACT_KEYS = new Map(COMPANIES.map((company) => [company.id, companySearchKeys(company).map(({ key }) => key.replace(/ /g, ''))]));

/** The companies one of whose keys contains the typed text's key, as `companies(filter: { name: { contains } })` reads it. */
const companiesContaining = (typed: string) =>
  [...COMPACT_KEYS].filter(([, keys]) => keys.some((key) => key.includes(searchKey(typed)!.compact))).map(([id]) => id);

describe('companySearchKeys over the document\'s companies', () => {
  it('gives every spelling of one company the same key, so each spelling finds the others', () => {
    for (const [id, keys] of COMPACT_KEYS) expect({ id, keys: [...new Set(keys)] }).toEqual({ id, keys: [keys[0]] });
  });

  it('gives no two companies the same key, with the scripts folded together', () => {
    const owners = new Map<string, string>();
    for (const [id, keys] of COMPACT_KEYS) {
      for (const key of new Set(keys)) {
        expect({ key, owner: owners.get(key) ?? id }).toEqual({ key, owner: id });
        owners.set(key, id);
      }
    }
  });

  it.each([
    ['Токио Роуп', ['tokyo-rope-almaty']],
    ['Сити Стоун', ['city-stone']],
    ['Вальтерм', ['valtherm']],
    ['Рахат', ['sk-rakhat']],
    ['Хюндай', ['hyundai-trans-kazakhstan']],
    ['Ассет', ['asset']],
    ['Алмапак', ['almapack']],
    ['Стил', ['asia-steel-pipe-corporation', 'teplostil']], // steel = стил, in Teplostil too
    ['Vysotnik', ['gsg-vysotnik']],
    ['Dorkhan', ['dorkhan-almaty']],
    ['Tekhnovid', ['tekhnovid']],
    ['Almaty', ['dorkhan-almaty', 'tokyo-rope-almaty']],
  ])('finds %p in the spellings of %p, and of no other company', (typed, ids) => {
    expect(companiesContaining(typed).sort()).toEqual(ids);
  });
});
