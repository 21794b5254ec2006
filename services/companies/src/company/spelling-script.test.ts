import { COMPANIES } from '../seed/companies.facts';
import { Script } from './company.type';
import { scriptOf } from './spelling-script';

/** Every spelling in the facts, with the script a reader who checks each letter would name. */
const EXPECTED: Record<string, Script> = {
  'Г. С. Г. Высотник': Script.CYRILLIC,
  'Г.С.Г. Высотник': Script.CYRILLIC,
  'G.S.G. Vysotnik': Script.LATIN,
  'СК Рахат': Script.CYRILLIC,
  'SK Rakhat': Script.LATIN,
  'Valtherm': Script.LATIN,
  'КМК Investment': Script.MIXED, // Cyrillic КМК, Latin Investment
  'KMK Investment': Script.LATIN,
  'Қаз-Диа-Тест': Script.KAZAKH_CYRILLIC,
  'Каз-Диа-Тест': Script.CYRILLIC, // the same name in P14, with a Russian К
  'Kaz-Dia-Test': Script.LATIN,
  'Әлмерек': Script.KAZAKH_CYRILLIC,
  'Алмерек': Script.CYRILLIC, // the same name in P13, with a Russian А
  'Almerek': Script.LATIN,
  'BСФ': Script.MIXED, // Latin B, Cyrillic СФ
  'BSF': Script.LATIN,
  'ЖБИ Гарант': Script.CYRILLIC,
  'ZhBI Garant': Script.LATIN,
  'Әлем тынысы': Script.KAZAKH_CYRILLIC,
  'Әлем Тынысы': Script.KAZAKH_CYRILLIC,
  'Alem Tynysy': Script.LATIN,
  'City Stone': Script.LATIN,
  'Электробар': Script.CYRILLIC,
  'Elektrobar': Script.LATIN,
  'Теплостил': Script.CYRILLIC,
  'Teplostil': Script.LATIN,
  'BRB APK': Script.LATIN,
  'Almapack': Script.LATIN,
  'DOC Co.LTD': Script.LATIN,
  'TOKYO ROPE ALMATY': Script.LATIN,
  'KazTigerTape': Script.LATIN,
  'ЭНКО': Script.CYRILLIC,
  'ENKO': Script.LATIN,
  'ASSET': Script.LATIN,
  'Техновид': Script.CYRILLIC,
  'Tekhnovid': Script.LATIN,
  'МПЗ Бижан': Script.CYRILLIC,
  'MPZ Bizhan': Script.LATIN,
  'ДорХан-Алматы': Script.CYRILLIC,
  'DorKhan-Almaty': Script.LATIN,
  'Hyundai Trans Kazakhstan': Script.LATIN,
  'Asia steel pipe corporation': Script.LATIN,
  'Technokont': Script.LATIN,
};

const spellings = COMPANIES.flatMap((company) => company.spellings.map((spelling) => spelling.text));

describe('scriptOf on the spellings of the facts', () => {
  it('has an expected answer for every spelling, and no answer for a spelling the facts lack', () => {
    expect([...new Set(spellings)].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('reads «%s» as %s', (text, script) => {
    expect(scriptOf(text)).toBe(script);
  });

  it('reads every Latin name of the facts as LATIN', () => {
    for (const company of COMPANIES) expect([company.latinName, scriptOf(company.latinName)]).toEqual([company.latinName, Script.LATIN]);
  });
});

describe('scriptOf', () => {
  it('finds each Kazakh-only letter, lower and upper case', () => {
    for (const letter of 'әғқңөұүһіӘҒҚҢӨҰҮҺІ') expect([letter, scriptOf(`Ал${letter}`)]).toEqual([letter, Script.KAZAKH_CYRILLIC]);
  });

  it('reads Cyrillic without a Kazakh-only letter as CYRILLIC, ё and ъ included', () => {
    expect(scriptOf('Ёлка и съезд')).toBe(Script.CYRILLIC);
  });

  it('ignores digits, spaces and punctuation', () => {
    expect(scriptOf('«Valtherm» 2021, №1')).toBe(Script.LATIN);
    expect(scriptOf('«Қаз-Диа-Тест» (1)')).toBe(Script.KAZAKH_CYRILLIC);
  });

  it('counts Kazakh letters as Cyrillic when Latin letters stand beside them', () => {
    expect(scriptOf('Қаз Investment')).toBe(Script.MIXED);
  });

  it('refuses text with no letters or with letters of another script', () => {
    expect(() => scriptOf('2021 - 14')).toThrow(RangeError);
    expect(() => scriptOf('')).toThrow(RangeError);
    expect(() => scriptOf('Αlmerek')).toThrow(/Α/); // a Greek capital alpha
  });
});
