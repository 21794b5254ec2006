/**
 * Search that knows the language, names in three languages, and figures that reconcile, through
 * the gateway (one stack for all three, to keep the suite quick):
 * - a company is found by any spelling (Kazakh or Russian Cyrillic, Latin, any case, quotes,
 *   legal form, punctuation), and a project by its names;
 * - names are answered in the language asked for, or in the original marked so;
 * - every group's reported figures are set against the sum of its named members' own figures,
 *   and projectStats buckets are summed by the subgraph that owns each figure. Every expected
 *   figure is worked out here by hand from the document (the paragraph is cited), not taken
 *   from the code.
 */
import { removeSyntheticData, writeSyntheticData } from '@azg/scripts/seed-synthetic';
import { dataOf, errorCodes } from './support/graphql';
import { sharedStack } from './support/shared-stack';

/** The shared stack: the synthetic rows this file writes for one test it removes again (see shared-stack.ts). */
const stack = sharedStack();

interface CompanyHit {
  company: { id: string };
  spelling: { text: string; script: string };
  match: string;
  score: number;
}

async function searchCompanies(text: string, first?: number): Promise<CompanyHit[]> {
  const result = await stack.query<{ searchCompanies: CompanyHit[] }>(
    'query ($text: String!, $first: Int) { searchCompanies(text: $text, first: $first) { company { id } spelling { text script } match score } }',
    { text, ...(first === undefined ? {} : { first }) },
  );
  return dataOf(result).searchCompanies;
}

/** Each spelling and the company it must find first. */
const SPELLINGS: Array<[string, string]> = [
  // The issue's own examples.
  ['almerek', 'almerek'], ['Алмерек', 'almerek'], ['әлмерек', 'almerek'],
  ['kaz dia test', 'kaz-dia-test'], ['GSG', 'gsg-vysotnik'], ['BSF', 'bsf'], ['kmk', 'kmk-investment'],
  // Case, quotes, legal forms in three scripts.
  ['ALMEREK', 'almerek'], ['«Әлмерек» ЖШС', 'almerek'], ['ТОО «Алмерек»', 'almerek'], ['Almerek LLP', 'almerek'],
  // Kazakh letters, Russian letters, Latin and Kazakh Latin, hyphens or none.
  ['Қаз-Диа-Тест', 'kaz-dia-test'], ['каз диа тест', 'kaz-dia-test'], ['KazDiaTest', 'kaz-dia-test'], ['Qaz-Dia-Test', 'kaz-dia-test'],
  // Initials however they are dotted, and a part of the name.
  ['Г.С.Г. Высотник', 'gsg-vysotnik'], ['g. s. g. vysotnik', 'gsg-vysotnik'], ['высотник', 'gsg-vysotnik'],
  // Mixed scripts: the document's Latin B before Cyrillic СФ, Cyrillic КМК before Latin Investment.
  ['BСФ', 'bsf'], ['БСФ ЖШС', 'bsf'], ['КМК Investment', 'kmk-investment'], ['кмк инвестмент', 'kmk-investment'],
  ['СК Рахат', 'sk-rakhat'], ['sk rakhat', 'sk-rakhat'], ['Rahat', 'sk-rakhat'],
  ['ЖБИ Гарант', 'zhbi-garant'], ['zhbi garant', 'zhbi-garant'],
  ['Алем Тынысы', 'alem-tynysy'], ['alem tynysy', 'alem-tynysy'],
  ['Электробар', 'elektrobar'], ['Electrobar', 'elektrobar'], ['teplostil', 'teplostil'], ['Энко', 'enko'],
  ['Техновид', 'tekhnovid'], ['mpz bizhan', 'mpz-bizhan'], ['Дорхан Алматы', 'dorkhan-almaty'], ['DorKhan-Almaty', 'dorkhan-almaty'],
  ['Вальтерм', 'valtherm'], ['Техноконт', 'technokont'], ['Hyundai', 'hyundai-trans-kazakhstan'], ['asia steel pipe', 'asia-steel-pipe-corporation'],
  ['DOC Co. LTD', 'doc-co-ltd'], ['tokyo rope', 'tokyo-rope-almaty'], ['kaz tiger tape', 'kaztigertape'], ['City Stone LLP', 'city-stone'],
  // Both ways between scripts: an English name typed in Cyrillic, a Russian one in Latin letters.
  ['Токио Роуп', 'tokyo-rope-almaty'], ['Сити Стоун', 'city-stone'], ['Хюндай', 'hyundai-trans-kazakhstan'], ['Ассет', 'asset'],
  ['valterm', 'valtherm'], ['Tehnovid', 'tekhnovid'], ['Dorhan', 'dorkhan-almaty'],
];

describe('searchCompanies', () => {
  /**
   * The first hit for every spelling, asked ten spellings to an operation (one alias each) to keep
   * the suite quick while staying inside the gateway's public limits on root fields and tokens.
   */
  let firstHits: Map<string, string | null>;

  beforeAll(async () => {
    firstHits = new Map();
    for (let start = 0; start < SPELLINGS.length; start += 10) {
      const chunk = SPELLINGS.slice(start, start + 10);
      const fields = chunk.map((_, index) => `s${index}: searchCompanies(text: $t${index}, first: 1) { company { id } }`);
      const variables = Object.fromEntries(chunk.map(([text], index) => [`t${index}`, text]));
      const query = `query (${chunk.map((_, index) => `$t${index}: String!`).join(', ')}) { ${fields.join('\n')} }`;
      const data = dataOf(await stack.query<Record<string, Array<{ company: { id: string } }>>>(query, variables));
      chunk.forEach(([text], index) => firstHits.set(text, data[`s${index}`]![0]?.company.id ?? null));
    }
  });

  it.each(SPELLINGS)('finds %p first: %s', (text, id) => {
    expect(firstHits.get(text)).toBe(id);
  });

  it('says which spelling matched and how: the one closest to the text as typed', async () => {
    expect((await searchCompanies('Алмерек'))[0]).toEqual({
      company: { id: 'almerek' }, spelling: { text: 'Алмерек', script: 'CYRILLIC' }, match: 'EXACT', score: 1,
    });
    expect((await searchCompanies('әлмерек'))[0]!.spelling).toEqual({ text: 'Әлмерек', script: 'KAZAKH_CYRILLIC' });
    expect((await searchCompanies('BSF'))[0]!.spelling).toEqual({ text: 'BSF', script: 'LATIN' });
    expect((await searchCompanies('BСФ'))[0]!.spelling).toEqual({ text: 'BСФ', script: 'MIXED' });
  });

  it('ranks an exact match above a prefix, a prefix above a part, a part above a likeness', async () => {
    const [gsg] = await searchCompanies('GSG');
    expect(gsg).toMatchObject({ match: 'PREFIX' });
    expect(gsg!.score).toBeGreaterThan(0.75);
    expect(gsg!.score).toBeLessThan(1);
    const [vysotnik] = await searchCompanies('vysotnik');
    expect(vysotnik).toMatchObject({ match: 'CONTAINS' });
    expect(vysotnik!.score).toBeGreaterThan(0.5);
    expect(vysotnik!.score).toBeLessThan(gsg!.score);
    // A typo: Rahad for Rakhat (Rahat itself is now part of its key, rahat).
    const [rahad] = await searchCompanies('Rahad');
    expect(rahad).toMatchObject({ company: { id: 'sk-rakhat' }, match: 'SIMILAR' });
    expect(rahad!.score).toBeLessThanOrEqual(0.5);

    const hits = await searchCompanies('test');
    expect(hits[0]).toMatchObject({ company: { id: 'kaz-dia-test' }, match: 'CONTAINS' });
    const scores = hits.map((hit) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('meets an English name typed in Cyrillic: "Токио Роуп" starts TOKYO ROPE ALMATY, "Сити Стоун" is City Stone', async () => {
    expect((await searchCompanies('Токио Роуп'))[0]).toMatchObject({
      company: { id: 'tokyo-rope-almaty' }, spelling: { text: 'TOKYO ROPE ALMATY', script: 'LATIN' }, match: 'PREFIX',
    });
    expect((await searchCompanies('Сити Стоун'))[0]).toEqual({
      company: { id: 'city-stone' }, spelling: { text: 'City Stone', script: 'LATIN' }, match: 'EXACT', score: 1,
    });
    expect((await searchCompanies('Вальтерм'))[0]).toMatchObject({ company: { id: 'valtherm' }, match: 'EXACT' });
  });

  it('answers nothing for a text no name is close to, and at most `first` hits', async () => {
    expect(await searchCompanies('zzzqqxw')).toEqual([]);
    expect(await searchCompanies('a', 3)).toHaveLength(3);
  });

  it('costs one SQL statement, answered by the companies subgraph alone', async () => {
    const { body } = await stack.query('{ searchCompanies(text: "Алмерек") { company { id name } } }', {}, { 'x-azg-sql-stats': '1' });
    expect(body.errors).toBeUndefined();
    expect(body.extensions?.subgraphFetches).toEqual([{ service: 'companies', sqlStatements: 1 }]);
  });

  it.each([
    ['a text with no letter or digit', '{ searchCompanies(text: "«» — ...") { score } }', 'text must contain at least one letter or digit'],
    ['a text past 200 characters', `{ searchCompanies(text: "${'a'.repeat(201)}") { score } }`, 'text must be at most 200 characters long'],
    ['first: 0', '{ searchCompanies(text: "almerek", first: 0) { score } }', 'first must be from 1 to 50, got 0'],
    ['first: 51', '{ searchProjects(text: "almerek", first: 51) { score } }', 'first must be from 1 to 50, got 51'],
  ])('refuses %s with BAD_USER_INPUT, saying why', async (_, query, message) => {
    const { body } = await stack.query(query);
    expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors![0]!.message).toBe(message);
  });
});

describe('companies(filter: { id, name })', () => {
  async function companyIds(filter: Record<string, unknown>): Promise<string[]> {
    const result = await stack.query<{ companies: { nodes: Array<{ id: string }> } }>(
      'query ($filter: CompanyFilter) { companies(first: 100, filter: $filter) { nodes { id } } }',
      { filter },
    );
    return dataOf(result).companies.nodes.map((node) => node.id).sort();
  }

  it.each([
    ['name contains, in Cyrillic, a name stored in Latin letters', { name: { contains: 'Токио' } }, ['tokyo-rope-almaty']],
    ['name contains, in Latin letters, names stored in Cyrillic', { name: { contains: 'almaty' } }, ['dorkhan-almaty', 'tokyo-rope-almaty']],
    ['name equals a spelling with quotes and a legal form', { name: { equals: 'ТОО «Алмерек»' } }, ['almerek']],
    ['name equals an English spelling of a Russian name', { name: { equals: 'Electrobar' } }, ['elektrobar']],
    ['name equals across scripts', { name: { equals: 'Сити Стоун' } }, ['city-stone']],
    ['name equals only a whole name', { name: { equals: 'Almer' } }, []],
    ['id in', { id: { in: ['almerek', 'bsf', 'no-such-company'] } }, ['almerek', 'bsf']],
    ['id and name together', { id: { in: ['almerek', 'bsf'] }, name: { contains: 'bsf' } }, ['bsf']],
    ['not name', { and: [{ id: { in: ['almerek', 'city-stone'] } }, { not: { name: { contains: 'stone' } } }] }, ['almerek']],
  ])('narrows by %s', async (_, filter, ids) => {
    expect(await companyIds(filter)).toEqual(ids);
  });

  it.each([
    ['a name with no letter or digit', { name: { contains: '  ' } }, 'filter.name.contains must contain at least one letter or digit'],
    ['a name past 200 characters', { name: { equals: 'a'.repeat(201) } }, 'filter.name.equals must be at most 200 characters long'],
    ['an empty id list', { id: { in: [] } }, 'filter.id.in must name at least one value; leave it out to not narrow the list'],
  ])('refuses %s with BAD_USER_INPUT', async (_, filter, message) => {
    const { body } = await stack.query('query ($filter: CompanyFilter) { companies(filter: $filter) { nodes { id } } }', { filter });
    expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors![0]!.message).toBe(message);
  });
});

describe('searchProjects', () => {
  async function searchProjects(text: string) {
    const result = await stack.query<{ searchProjects: Array<{ project: { id: string }; matchedText: string; matchedLanguage: string; match: string }> }>(
      'query ($text: String!) { searchProjects(text: $text) { project { id } matchedText matchedLanguage match } }',
      { text },
    );
    return dataOf(result).searchProjects;
  }

  it('finds projects by the Kazakh words of the document, in any script', async () => {
    const hits = await searchProjects('газбетон');
    expect(hits.map((hit) => hit.project.id).sort()).toEqual(['gsg-vysotnik-aerated-concrete-plant', 'sk-rakhat-aerated-concrete-plant']);
    expect(hits[0]).toMatchObject({ matchedText: 'автоклавталған газбетон шығаратын кәсіпорын', matchedLanguage: 'KK', match: 'CONTAINS' });
    expect((await searchProjects('gazbeton')).map((hit) => hit.project.id).sort())
      .toEqual(['gsg-vysotnik-aerated-concrete-plant', 'sk-rakhat-aerated-concrete-plant']);
  });

  it('finds projects by their English names, which carry the company\'s name', async () => {
    const kmk = await searchProjects('KMK');
    expect(kmk.map((hit) => hit.project.id).sort()).toEqual(['kmk-investment-cable-plant', 'kmk-investment-wire-rod-plant']);
    expect(kmk[0]).toMatchObject({ matchedLanguage: 'EN', match: 'PREFIX' });
    expect((await searchProjects('radiator'))[0]!.project.id).toBe('valtherm-radiator-plant');
    expect((await searchProjects('Г. С. Г. Высотник'))[0]!.project.id).toBe('gsg-vysotnik-aerated-concrete-plant');
  });

  it('searches companies and projects together in one operation, each subgraph with its own field', async () => {
    const data = dataOf(await stack.query<{
      searchCompanies: Array<{ company: { id: string; projects: { nodes: Array<{ id: string }> } } }>;
      searchProjects: Array<{ project: { id: string } }>;
    }>(`{
      searchCompanies(text: "Алмерек", first: 1) { company { id projects(first: 10) { nodes { id } } } }
      searchProjects(text: "Алмерек", first: 1) { project { id } }
    }`));
    expect(data.searchCompanies).toEqual([{ company: { id: 'almerek', projects: { nodes: [{ id: 'almerek-medical-products-plant' }] } } }]);
    expect(data.searchProjects).toEqual([{ project: { id: 'almerek-medical-products-plant' } }]);
  });
});

describe('names in three languages', () => {
  const NAME = '{ text language requested isFallback isOriginal }';

  async function askIn(query: string, acceptLanguage?: string) {
    return dataOf(await stack.query<any>(query, {}, acceptLanguage === undefined ? {} : { 'accept-language': acceptLanguage }));
  }

  it('answers the Kazakh original when the request names no language', async () => {
    const data = await askIn(`{ company(id: "almerek") { nameIn ${NAME} } }`);
    expect(data.company.nameIn).toEqual({ text: 'Әлмерек', language: 'KK', requested: 'KK', isFallback: false, isOriginal: true });
  });

  it('answers in the language of Accept-Language, which the gateway passes on to every subgraph', async () => {
    const query = `{
      company(id: "kaz-dia-test") { nameIn ${NAME} projects(first: 10) { nodes { nameIn ${NAME} } } }
      industrialZone { nameIn ${NAME} }
      trainingInstitutions { nameIn ${NAME} }
    }`;
    const russian = await askIn(query, 'ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7');
    expect(russian.company.nameIn).toEqual({ text: 'Каз-Диа-Тест', language: 'RU', requested: 'RU', isFallback: false, isOriginal: false });
    // The document gives no Russian names for projects, zones or colleges: the original, marked.
    expect(russian.company.projects.nodes[0].nameIn).toEqual({
      text: 'медициналық диагностикалық сынақ жүйелерін шығаратын зауыт', language: 'KK', requested: 'RU', isFallback: true, isOriginal: true,
    });
    expect(russian.industrialZone.nameIn).toMatchObject({ text: 'Алматының Индустриалды аумағы', requested: 'RU', isFallback: true });
    expect(russian.trainingInstitutions[0].nameIn).toMatchObject({ text: 'техникалық колледж', requested: 'RU', isFallback: true });

    const english = await askIn(query, 'de-DE, en;q=0.5');
    expect(english.company.nameIn).toMatchObject({ text: 'Kaz-Dia-Test', language: 'EN', isFallback: false, isOriginal: false });
    expect(english.company.projects.nodes[0].nameIn).toMatchObject({ text: 'Kaz-Dia-Test medical diagnostic test systems plant', language: 'EN' });
    expect(english.industrialZone.nameIn).toMatchObject({ text: 'Almaty Industrial Zone', language: 'EN' });
    expect(english.trainingInstitutions[0].nameIn).toMatchObject({ text: 'Technical college of the Industrial Zone', language: 'EN' });
  });

  it('lets the `lang` argument override the header', async () => {
    const data = await askIn('{ company(id: "almerek") { kk: nameIn(lang: KK) { text } en: nameIn(lang: EN) { text } ru: nameIn { text } } }', 'ru');
    expect(data.company).toEqual({ kk: { text: 'Әлмерек' }, en: { text: 'Almerek' }, ru: { text: 'Алмерек' } });
  });

  it('falls back to the original where no translation is stored, and says so', async () => {
    const data = await askIn(`{
      valtherm: company(id: "valtherm") { nameIn(lang: RU) ${NAME} }
      bsf: company(id: "bsf") { nameIn(lang: RU) ${NAME} }
      park: industrialPark(id: "industrial-parks-2021") { nameIn(lang: RU) ${NAME} }
      group: projectGroup(id: "aerated-concrete-plants") { nameIn(lang: RU) ${NAME} descriptionIn(lang: KK) ${NAME} }
    }`);
    expect(data.valtherm.nameIn).toEqual({ text: 'Valtherm', language: 'KK', requested: 'RU', isFallback: true, isOriginal: true });
    expect(data.bsf.nameIn).toEqual({ text: 'BСФ', language: 'KK', requested: 'RU', isFallback: true, isOriginal: true });
    expect(data.park.nameIn).toMatchObject({ text: '5 өндірістік парк', language: 'KK', isFallback: true });
    expect(data.group.nameIn).toMatchObject({ text: 'автоклавталған газбетон шығаратын екі кәсіпорын', language: 'KK', isFallback: true });
    // Only English is stored for a group's description, so even Kazakh gets English, not an original.
    expect(data.group.descriptionIn).toMatchObject({ language: 'EN', requested: 'KK', isFallback: true, isOriginal: false });
  });

  it('answers a project the document names only in a list with its English name, marked as not the original', async () => {
    const data = await askIn(`{ project(id: "brb-apk-project") { nameIn ${NAME} } }`, 'kk');
    expect(data.project.nameIn).toEqual({ text: 'BRB APK project', language: 'EN', requested: 'KK', isFallback: true, isOriginal: false });
  });

  it('takes a header that names none of the three languages as no preference', async () => {
    const data = await askIn('{ company(id: "almerek") { nameIn { text requested } } }', 'de, fr;q=0.8, ru;q=0');
    expect(data.company.nameIn).toEqual({ text: 'Әлмерек', requested: 'KK' });
  });
});

/** Whole tenge from millions (P-figures are given in millions or billions, to one decimal at most). */
const millions = (amount: number) => String(BigInt(Math.round(amount * 10)) * 100_000n);
const billions = (amount: number) => millions(amount * 1000);

/** The projects' own figures the document gives (P5, P7, P9, P11); every other project has none. */
const INVESTMENT = {
  valtherm: billions(11.6), // P5
  kmkCable: billions(12.7), // P7, 2018 plant
  kmkWireRod: billions(11.3), // P7, 2021 plant
  kazDiaTest: millions(512), // P9
  almerek: millions(443.4), // P11
};
const sum = (...amounts: string[]) => String(amounts.reduce((total, amount) => total + BigInt(amount), 0n));
const minus = (a: string, b: string) => String(BigInt(a) - BigInt(b));

const GROUP_FIGURES = `{
  id membersKnown
  reportedCount { value qualifier } itemizedCount countDifference { value qualifier }
  reportedInvestment { tenge qualifier } itemizedInvestment { tenge qualifier knownCount unknownCount } investmentDifference { tenge qualifier }
  jobs { planned { value qualifier } created { value qualifier } }
  itemizedJobs { planned { value qualifier knownCount unknownCount } created { value qualifier knownCount unknownCount } }
  jobsDifference { planned { value qualifier } created { value qualifier } }
  reportedLandArea { hectares qualifier knownCount unknownCount } itemizedLandArea { hectares qualifier knownCount unknownCount } landAreaDifference { hectares qualifier }
}`;

const exact = (value: number) => ({ value, qualifier: 'EXACT' });
const atLeast = (value: number) => ({ value, qualifier: 'AT_LEAST' });
const counted = (value: number, knownCount: number, unknownCount: number, qualifier = 'EXACT') => ({ value, qualifier, knownCount, unknownCount });
const money = (tenge: string, knownCount: number, unknownCount: number) => ({ tenge, qualifier: 'EXACT', knownCount, unknownCount });
const hectares = (value: string, knownCount: number, unknownCount: number, qualifier = 'EXACT') => ({ hectares: value, qualifier, knownCount, unknownCount });
const NO_JOBS = (members: number) => ({ planned: counted(0, 0, members), created: counted(0, 0, members) });

/** Each group of the document: what it reports, what its named members add up to, and the difference. */
const EXPECTED: Record<string, object> = {
  // P4: two plants, more than 2 billion and more than 165 jobs for the two together; neither has a figure of its own.
  'aerated-concrete-plants': {
    membersKnown: 'COMPLETE', reportedCount: exact(2), itemizedCount: 2, countDifference: exact(0),
    reportedInvestment: { tenge: billions(2), qualifier: 'AT_LEAST' }, itemizedInvestment: money('0', 0, 2),
    investmentDifference: { tenge: billions(2), qualifier: 'AT_LEAST' },
    jobs: { planned: atLeast(165), created: null }, itemizedJobs: NO_JOBS(2), jobsDifference: { planned: atLeast(165), created: null },
    reportedLandArea: null, itemizedLandArea: hectares('0', 0, 2), landAreaDifference: null,
  },
  // P12: six new facilities, 3.8 billion and 340 jobs together, not counted in words.
  'p12-construction-review': {
    membersKnown: 'COMPLETE', reportedCount: null, itemizedCount: 6, countDifference: null,
    reportedInvestment: { tenge: billions(3.8), qualifier: 'EXACT' }, itemizedInvestment: money('0', 0, 6),
    investmentDifference: { tenge: billions(3.8), qualifier: 'EXACT' },
    jobs: { planned: exact(340), created: null }, itemizedJobs: NO_JOBS(6), jobsDifference: { planned: exact(340), created: null },
    reportedLandArea: null, itemizedLandArea: hectares('0', 0, 6), landAreaDifference: null,
  },
  // P13: 14 implemented, 75 billion, 2,248 jobs created. Of the 14 only KMK's two plants (12.7 + 11.3 bn;
  // 100 + 80 jobs, P7) and Almerek (443.4 million; 50 jobs, P11) have figures of their own: 11 are unknown.
  'implemented-to-date': {
    membersKnown: 'COMPLETE', reportedCount: exact(14), itemizedCount: 14, countDifference: exact(0),
    reportedInvestment: { tenge: billions(75), qualifier: 'EXACT' },
    itemizedInvestment: money(sum(INVESTMENT.kmkCable, INVESTMENT.kmkWireRod, INVESTMENT.almerek), 3, 11),
    investmentDifference: { tenge: minus(billions(75), sum(INVESTMENT.kmkCable, INVESTMENT.kmkWireRod, INVESTMENT.almerek)), qualifier: 'EXACT' },
    jobs: { planned: null, created: exact(2248) },
    itemizedJobs: { planned: counted(0, 0, 14), created: counted(100 + 80 + 50, 3, 11) },
    jobsDifference: { planned: null, created: exact(2248 - 230) },
    reportedLandArea: null, itemizedLandArea: hectares('0', 0, 14), landAreaDifference: null,
  },
  // P14: 9 projects by the end of 2021, 40.5 billion, 823 jobs. Valtherm (11.6 bn, 430 jobs, more than 10 ha: P5)
  // and Kaz-Dia-Test (512 million, 65 jobs: P9) have figures of their own.
  'launch-by-end-of-2021': {
    membersKnown: 'COMPLETE', reportedCount: exact(9), itemizedCount: 9, countDifference: exact(0),
    reportedInvestment: { tenge: billions(40.5), qualifier: 'EXACT' },
    itemizedInvestment: money(sum(INVESTMENT.valtherm, INVESTMENT.kazDiaTest), 2, 7),
    investmentDifference: { tenge: minus(billions(40.5), sum(INVESTMENT.valtherm, INVESTMENT.kazDiaTest)), qualifier: 'EXACT' },
    jobs: { planned: exact(823), created: null },
    itemizedJobs: { planned: counted(430 + 65, 2, 7), created: counted(0, 0, 9) },
    jobsDifference: { planned: exact(823 - 495), created: null },
    // Only a reported figure could be set against the plot; the group reports no land.
    reportedLandArea: null, itemizedLandArea: hectares('10', 1, 8, 'AT_LEAST'), landAreaDifference: null,
  },
  // P13: 54 participant companies with projects worth 211.7 billion, 6.2 thousand jobs. The members are the
  // 26 projects the document places in the zone (28 less KMK's two further plans, P8); count is of companies.
  'zone-participants': {
    membersKnown: 'PARTIAL', reportedCount: exact(54), itemizedCount: 26, countDifference: null,
    reportedInvestment: { tenge: billions(211.7), qualifier: 'EXACT' },
    itemizedInvestment: money(sum(...Object.values(INVESTMENT)), 5, 21),
    investmentDifference: { tenge: minus(billions(211.7), sum(...Object.values(INVESTMENT))), qualifier: 'EXACT' },
    jobs: { planned: exact(6200), created: null },
    itemizedJobs: { planned: counted(430 + 65, 2, 24), created: counted(100 + 80 + 50, 3, 23) },
    jobsDifference: { planned: exact(6200 - 495), created: null },
    reportedLandArea: null, itemizedLandArea: hectares('10', 1, 25, 'AT_LEAST'), landAreaDifference: null,
  },
  // P3: 51 supported projects, 172.3 billion, more than 6.5 thousand jobs, and (a reading) the 185 ha given to investors; none named.
  'council-supported-projects': {
    membersKnown: 'NONE', reportedCount: exact(51), itemizedCount: 0, countDifference: exact(51),
    reportedInvestment: { tenge: billions(172.3), qualifier: 'EXACT' }, itemizedInvestment: money('0', 0, 0),
    investmentDifference: { tenge: billions(172.3), qualifier: 'EXACT' },
    jobs: { planned: atLeast(6500), created: null }, itemizedJobs: NO_JOBS(0), jobsDifference: { planned: atLeast(6500), created: null },
    reportedLandArea: { hectares: '185', qualifier: 'EXACT', knownCount: 1, unknownCount: 0 }, itemizedLandArea: hectares('0', 0, 0),
    landAreaDifference: { hectares: '185', qualifier: 'EXACT' },
  },
  // P15: 28 projects by 2025, 93 billion, more than 3 thousand jobs; none named.
  'pipeline-2025': {
    membersKnown: 'NONE', reportedCount: exact(28), itemizedCount: 0, countDifference: exact(28),
    reportedInvestment: { tenge: billions(93), qualifier: 'EXACT' }, itemizedInvestment: money('0', 0, 0),
    investmentDifference: { tenge: billions(93), qualifier: 'EXACT' },
    jobs: { planned: atLeast(3000), created: null }, itemizedJobs: NO_JOBS(0), jobsDifference: { planned: atLeast(3000), created: null },
    reportedLandArea: null, itemizedLandArea: hectares('0', 0, 0), landAreaDifference: null,
  },
  // P3: 38 projects removed, 156 ha freed; no investment or jobs given.
  'removed-from-portfolio': {
    membersKnown: 'NONE', reportedCount: exact(38), itemizedCount: 0, countDifference: exact(38),
    reportedInvestment: null, itemizedInvestment: money('0', 0, 0), investmentDifference: null,
    jobs: { planned: null, created: null }, itemizedJobs: NO_JOBS(0), jobsDifference: { planned: null, created: null },
    reportedLandArea: { hectares: '156', qualifier: 'EXACT', knownCount: 1, unknownCount: 0 }, itemizedLandArea: hectares('0', 0, 0),
    landAreaDifference: { hectares: '156', qualifier: 'EXACT' },
  },
  // P15: 5 industrial parks (a count of parks, not projects), 2.3 billion, 860 jobs.
  'industrial-parks-2021': {
    membersKnown: 'NONE', reportedCount: exact(5), itemizedCount: 0, countDifference: null,
    reportedInvestment: { tenge: billions(2.3), qualifier: 'EXACT' }, itemizedInvestment: money('0', 0, 0),
    investmentDifference: { tenge: billions(2.3), qualifier: 'EXACT' },
    jobs: { planned: exact(860), created: null }, itemizedJobs: NO_JOBS(0), jobsDifference: { planned: exact(860), created: null },
    reportedLandArea: null, itemizedLandArea: hectares('0', 0, 0), landAreaDifference: null,
  },
};

describe('every project group: reported against itemized', () => {
  let groups: Map<string, Record<string, unknown>>;
  let fetches: Array<{ service: string; sqlStatements: number }>;

  beforeAll(async () => {
    const result = await stack.query<{ projectGroups: { nodes: Array<Record<string, unknown> & { id: string }> } }>(
      `{ projectGroups(first: 100) { nodes ${GROUP_FIGURES} } }`, {}, { 'x-azg-sql-stats': '1' },
    );
    groups = new Map(dataOf(result).projectGroups.nodes.map((group) => [group.id, group]));
    fetches = result.body.extensions!.subgraphFetches as typeof fetches;
  });

  it('covers every group of the document', () => {
    expect([...groups.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s', (id, expected) => {
    expect(groups.get(id)).toEqual({ id, ...expected });
  });

  it('asks each subgraph once, in one SQL statement, for reported, itemized and difference together', () => {
    expect(fetches.map((fetch) => fetch.service).sort()).toEqual(['land', 'projects', 'workforce']);
    for (const fetch of fetches) expect(fetch.sqlStatements).toBe(1);
  });
});

describe('the honesty of a difference', () => {
  it('the 75 billion of P13 are 50.5566 billion more than the three implemented projects with figures, 11 unknown', () => {
    expect(BigInt(billions(75)) - BigInt(billions(12.7)) - BigInt(billions(11.3)) - BigInt(millions(443.4))).toBe(50_556_600_000n);
  });

  it('keeps "more than" when a lower bound is reported: at least 2 billion of P4 is not itemized', async () => {
    const data = dataOf(await stack.query<any>('{ projectGroup(id: "aerated-concrete-plants") { investmentDifference { tenge qualifier } jobsDifference { planned { value qualifier } } } }'));
    expect(data.projectGroup).toEqual({
      investmentDifference: { tenge: '2000000000', qualifier: 'AT_LEAST' },
      jobsDifference: { planned: { value: 165, qualifier: 'AT_LEAST' } },
    });
  });

  it('reaches a group\'s itemized figures from another subgraph too, through its members', async () => {
    const data = dataOf(await stack.query<any>('{ zoneLandFigures { id group { id itemizedJobs { planned { value } } landAreaDifference { hectares qualifier } } } }'));
    const freed = data.zoneLandFigures.find((figure: { id: string }) => figure.id === 'freed-by-removed-projects');
    expect(freed.group).toEqual({ id: 'removed-from-portfolio', itemizedJobs: { planned: { value: 0 } }, landAreaDifference: { hectares: '156', qualifier: 'EXACT' } });
  });
});

const BUCKET = `{
  key count status sector launchYear group { id }
  investment { tenge qualifier knownCount unknownCount }
  jobs { planned { value qualifier knownCount unknownCount } created { value qualifier knownCount unknownCount } }
  landArea { hectares qualifier knownCount unknownCount }
  projectIds
}`;

async function stats(groupBy: string, filter?: object) {
  const result = await stack.query<{ projectStats: Array<Record<string, any>> }>(
    `query ($groupBy: ProjectStatsGrouping!, $filter: ProjectFilter) { projectStats(groupBy: $groupBy, filter: $filter) ${BUCKET} }`,
    { groupBy, filter }, { 'x-azg-sql-stats': '1' },
  );
  return { buckets: dataOf(result).projectStats, fetches: result.body.extensions!.subgraphFetches as Array<{ service: string; sqlStatements: number }> };
}

describe('projectStats', () => {
  it('by status: 28 projects; the sums come from the subgraph that owns each figure, one statement each', async () => {
    const { buckets, fetches } = await stats('STATUS');
    expect(buckets.map((bucket) => [bucket.key, bucket.status, bucket.count])).toEqual([
      ['STATUS:PROPOSED', 'PROPOSED', 2], // KMK's further plans, P8
      ['STATUS:PLANNED', 'PLANNED', 2], // Asia steel pipe corporation, Technokont (P14)
      ['STATUS:UNDER_CONSTRUCTION', 'UNDER_CONSTRUCTION', 8], // Valtherm, Kaz-Dia-Test and the six of P12
      ['STATUS:COMMISSIONING', 'COMMISSIONING', 2], // the two aerated-concrete plants, P4
      ['STATUS:OPERATING', 'OPERATING', 14], // the 14 implemented projects, P13
    ]);
    const underConstruction = buckets[2]!;
    expect(underConstruction.investment).toEqual(money(sum(INVESTMENT.valtherm, INVESTMENT.kazDiaTest), 2, 6));
    expect(underConstruction.jobs).toEqual({ planned: counted(430 + 65, 2, 6), created: counted(0, 0, 8) });
    expect(underConstruction.landArea).toEqual(hectares('10', 1, 7, 'AT_LEAST'));
    const operating = buckets[4]!;
    expect(operating.investment).toEqual(money(sum(INVESTMENT.kmkCable, INVESTMENT.kmkWireRod, INVESTMENT.almerek), 3, 11));
    expect(operating.jobs).toEqual({ planned: counted(0, 0, 14), created: counted(230, 3, 11) });
    expect(operating.landArea).toEqual(hectares('0', 0, 14));
    expect(buckets.reduce((total, bucket) => total + bucket.count, 0)).toBe(28);
    expect(fetches.map((fetch) => fetch.service).sort()).toEqual(['land', 'projects', 'workforce']);
    for (const fetch of fetches) expect(fetch.sqlStatements).toBe(1);
  });

  it('by sector: a bucket per sector in enum order, projects with no known sector last', async () => {
    const { buckets } = await stats('SECTOR');
    expect(buckets.map((bucket) => [bucket.sector, bucket.count, bucket.investment.tenge])).toEqual([
      ['CONSTRUCTION_MATERIALS', 2, '0'],
      ['HEATING_EQUIPMENT', 1, INVESTMENT.valtherm],
      ['CABLE_AND_WIRE', 2, sum(INVESTMENT.kmkCable, INVESTMENT.kmkWireRod)],
      ['ENERGY_EQUIPMENT', 1, '0'],
      ['RESEARCH', 1, '0'],
      ['MEDICAL_DIAGNOSTICS', 1, INVESTMENT.kazDiaTest],
      ['MEDICAL_PRODUCTS', 1, INVESTMENT.almerek],
      // The six of P12 (their sector is not said of each), the eleven of P13's list, the two of P14.
      [null, 6 + 11 + 2, '0'],
    ]);
    expect(buckets.at(-1)!.key).toBe('SECTOR:NONE');
  });

  it('by launch year: launched, else planned; the undated last', async () => {
    const { buckets } = await stats('LAUNCH_YEAR');
    expect(buckets.map((bucket) => [bucket.launchYear, bucket.count, bucket.investment])).toEqual([
      [2018, 1, money(INVESTMENT.kmkCable, 1, 0)], // P7
      // Wire rod (launched Q1), Valtherm (September), Kaz-Dia-Test (July), and seven due by the end of 2021 (P14).
      [2021, 10, money(sum(INVESTMENT.kmkWireRod, INVESTMENT.valtherm, INVESTMENT.kazDiaTest), 3, 7)],
      [null, 17, money(INVESTMENT.almerek, 1, 16)], // Almerek launched, undated (P11)
    ]);
  });

  it('by group, filtered to operating projects: the sums match the groups\' itemized figures', async () => {
    const { buckets } = await stats('GROUP', { status: { in: ['OPERATING'] } });
    expect(buckets.map((bucket) => [bucket.group?.id ?? null, bucket.count])).toEqual([
      ['implemented-to-date', 14],
      ['zone-participants', 14],
    ]);
    const group = dataOf(await stack.query<any>('{ projectGroup(id: "implemented-to-date") { itemizedInvestment { tenge qualifier knownCount unknownCount } } }'));
    expect(buckets[0]!.investment).toEqual(group.projectGroup.itemizedInvestment);
  });

  it('by group: projects in no group share the last bucket', async () => {
    const { buckets } = await stats('GROUP');
    expect(buckets.at(-1)).toMatchObject({ key: 'GROUP:NONE', group: null, count: 2, projectIds: ['kmk-eurasian-energy-combine', 'kmk-research-institute'] });
  });

  it('narrows by sector, group, company and launch years together', async () => {
    const { buckets } = await stats('STATUS', { sector: { in: ['CABLE_AND_WIRE', 'HEATING_EQUIPMENT'] }, companyId: { in: ['kmk-investment'] }, actualLaunchYear: { from: 2019, to: 2021 } });
    expect(buckets.map((bucket) => [bucket.key, bucket.projectIds])).toEqual([['STATUS:OPERATING', ['kmk-investment-wire-rod-plant']]]);
    const members = await stats('STATUS', { groupId: { in: ['aerated-concrete-plants'] } });
    expect(members.buckets.map((bucket) => [bucket.key, bucket.count, bucket.jobs.planned.unknownCount])).toEqual([['STATUS:COMMISSIONING', 2, 2]]);
    // The same filter as `projects`, with not: every project that is not operating.
    const notOperating = await stats('STATUS', { not: { status: { in: ['OPERATING'] } } });
    expect(notOperating.buckets.reduce((total, bucket) => total + bucket.count, 0)).toBe(28 - 14);
  });

  it('keeps two differently filtered statistics apart in one operation, though their keys are alike', async () => {
    const data = dataOf(await stack.query<any>(`{
      all: projectStats(groupBy: STATUS) { key jobs { planned { value } } }
      valtherm: projectStats(groupBy: STATUS, filter: { companyId: { in: ["valtherm"] } }) { key jobs { planned { value } } }
    }`));
    expect(data.all.find((bucket: { key: string }) => bucket.key === 'STATUS:UNDER_CONSTRUCTION').jobs.planned.value).toBe(495);
    expect(data.valtherm).toEqual([{ key: 'STATUS:UNDER_CONSTRUCTION', jobs: { planned: { value: 430 } } }]);
  });

  it.each([
    [{ status: { in: [] } }, 'filter.status.in must name at least one value; leave it out to not narrow the list'],
    [{ groupId: { in: ['Not An Id'] } }, 'filter.groupId.in must be a record id: lower-case letters, digits and hyphens, 1 to 100 characters'],
  ])('refuses the filter %p with BAD_USER_INPUT', async (filter, message) => {
    const { body } = await stack.query('query ($filter: ProjectFilter) { projectStats(groupBy: STATUS, filter: $filter) { key } }', { filter });
    expect(body.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([['BAD_USER_INPUT', message]]);
  });
});

// Last, since it adds rows: the other tests count the document's alone.
describe('synthetic copies of the document', () => {
  beforeAll(async () => {
    await writeSyntheticData(stack.databaseUrl, 2);
  }, 120_000);

  afterAll(async () => {
    await removeSyntheticData(stack.databaseUrl);
  }, 120_000);

  it('are found as copies, after the document\'s record, and named as copies in every language', async () => {
    // A copy's keys carry the label ("almerek synthetic 1"): the document's name meets only the document's record exactly.
    const data = dataOf(await stack.query<any>(`{
      searchCompanies(text: "Алмерек", first: 3) { company { id nameIn(lang: EN) { text } } spelling { text } match }
      searchProjects(text: "Almerek medical products plant (synthetic 2)", first: 1) { project { id nameIn(lang: KK) { text } } match }
    }`));
    expect(data.searchCompanies).toEqual([
      { company: { id: 'almerek', nameIn: { text: 'Almerek' } }, spelling: { text: 'Алмерек' }, match: 'EXACT' },
      { company: { id: 'synthetic-1-almerek', nameIn: { text: 'Almerek (synthetic 1)' } }, spelling: { text: 'Алмерек' }, match: 'PREFIX' },
      { company: { id: 'synthetic-2-almerek', nameIn: { text: 'Almerek (synthetic 2)' } }, spelling: { text: 'Алмерек' }, match: 'PREFIX' },
    ]);
    expect(data.searchProjects).toEqual([
      { project: { id: 'synthetic-2-almerek-medical-products-plant', nameIn: { text: 'медициналық өнімдер шығаратын зауыт (synthetic 2)' } }, match: 'EXACT' },
    ]);
  });
});
