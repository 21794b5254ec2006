import {
  CYRILLIC_TO_LATIN, KAZAKH_TO_RUSSIAN, LATIN_FOLDS, LEGAL_FORMS, MAX_SEARCH_TEXT_LENGTH, parseSearchText, searchKey, searchKeysOf,
} from './search-key';

describe('the transliteration table', () => {
  it('folds each of the nine Kazakh-only letters to a Russian letter', () => {
    expect(KAZAKH_TO_RUSSIAN).toEqual({ 'ә': 'а', 'ғ': 'г', 'қ': 'к', 'ң': 'н', 'ө': 'о', 'ұ': 'у', 'ү': 'у', 'һ': 'х', 'і': 'и' });
    for (const russian of Object.values(KAZAKH_TO_RUSSIAN)) expect(Object.keys(CYRILLIC_TO_LATIN)).toContain(russian);
  });

  it('writes all 33 letters of the Russian alphabet in Latin letters', () => {
    const alphabet = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя';
    expect(Object.keys(CYRILLIC_TO_LATIN).join('')).toBe(alphabet);
    for (const latin of Object.values(CYRILLIC_TO_LATIN)) expect(latin).toMatch(/^[a-z]*$/);
  });

  it.each([
    ['а', 'a'], ['б', 'b'], ['в', 'v'], ['г', 'g'], ['д', 'd'], ['е', 'e'], ['ё', 'e'], ['ж', 'zh'], ['з', 'z'], ['и', 'i'], ['й', 'y'],
    ['к', 'k'], ['л', 'l'], ['м', 'm'], ['н', 'n'], ['о', 'o'], ['п', 'p'], ['р', 'r'], ['с', 's'], ['т', 't'], ['у', 'u'], ['ф', 'f'],
    ['х', 'kh'], ['ц', 'ts'], ['ч', 'ch'], ['ш', 'sh'], ['щ', 'shch'], ['ъ', ''], ['ы', 'y'], ['ь', ''], ['э', 'e'], ['ю', 'yu'], ['я', 'ya'],
  ])('writes %s as "%s"', (cyrillic, latin) => {
    expect(CYRILLIC_TO_LATIN[cyrillic]).toBe(latin);
  });

  it.each([
    ['ә', 'a'], ['ғ', 'g'], ['қ', 'k'], ['ң', 'n'], ['ө', 'o'], ['ұ', 'u'], ['ү', 'u'], ['һ', 'kh'], ['і', 'i'],
  ])('writes the Kazakh letter %s, through its Russian neighbour, as "%s"', (kazakh, latin) => {
    expect(searchKey(`x${kazakh}x`)?.compact).toBe(`x${latin}x`);
    expect(searchKey(`x${kazakh.toUpperCase()}x`)?.compact).toBe(`x${latin}x`);
  });

  it('folds the letters of Kazakh Latin orthographies that the Cyrillic table writes otherwise', () => {
    expect(LATIN_FOLDS).toEqual({ 'q': 'k', 'ş': 'sh', 'ç': 'ch', 'ı': 'i' });
    expect(searchKey('Qaz-Dia-Test')?.compact).toBe('kazdiatest');
    expect(searchKey('Şymkent')?.compact).toBe(searchKey('Шымкент')?.compact);
    expect(searchKey('Älmerek')?.compact).toBe('almerek');
  });

  it('lists the legal forms it drops', () => {
    expect([...LEGAL_FORMS].sort()).toEqual(['jsc', 'jshs', 'llc', 'llp', 'ooo', 'too', 'zao', 'zhak', 'zhshs']);
  });
});

describe('searchKey', () => {
  it.each([
    // One company, every spelling: the document's three and people's.
    ['Әлмерек', 'almerek'], ['Алмерек', 'almerek'], ['Almerek', 'almerek'], ['ALMEREK', 'almerek'],
    ['«Әлмерек» ЖШС', 'almerek'], ['ТОО «Алмерек»', 'almerek'], ['Almerek LLP', 'almerek'], ['"almerek" too', 'almerek'],
    // Hyphens and spaces separate words; the compact key ignores them.
    ['Қаз-Диа-Тест', 'kaz dia test'], ['Каз-Диа-Тест', 'kaz dia test'], ['Kaz-Dia-Test', 'kaz dia test'], ['kaz dia test', 'kaz dia test'],
    // Initials join however they are dotted.
    ['Г. С. Г. Высотник', 'gsg vysotnik'], ['Г.С.Г. Высотник', 'gsg vysotnik'], ['G.S.G. Vysotnik', 'gsg vysotnik'], ['гсг высотник', 'gsg vysotnik'],
    // A Latin B among Cyrillic letters, and Cyrillic КМК before a Latin word.
    ['BСФ', 'bsf'], ['БСФ', 'bsf'], ['КМК Investment', 'kmk investment'], ['кмк инвестмент', 'kmk investment'],
    ['ДорХан-Алматы', 'dorkhan almaty'], ['Техновид', 'tekhnovid'], ['ЖБИ Гарант', 'zhbi garant'], ['Электробар', 'elektrobar'],
    ['DOC Co.LTD', 'doc co ltd'], ['Т.О.О. «СК Рахат»', 'sk rakhat'],
  ])('reads %p as "%s"', (text, spaced) => {
    expect(searchKey(text)).toEqual({ spaced, compact: spaced.replace(/ /g, '') });
  });

  it('keeps a legal form when nothing else is left, so a name is never empty', () => {
    expect(searchKey('ТОО')).toEqual({ spaced: 'too', compact: 'too' });
  });

  it('keeps digits and letters of other scripts', () => {
    expect(searchKey('5 өндірістік парк')?.spaced).toBe('5 ondiristik park');
    expect(searchKey('Ωmega 2021')?.spaced).toBe('ωmega 2021');
  });

  it('keys a name labelled as a synthetic copy as the name\'s key followed by the label\'s, as the generator writes it', () => {
    for (const name of ['Әлмерек', 'Г. С. Г. Высотник', 'BСФ', 'КМК Investment', 'DOC Co.LTD', 'Company A', '«Қаз-Диа-Тест» ЖШС']) {
      expect(searchKey(`${name} (synthetic 7)`)!.spaced).toBe(`${searchKey(name)!.spaced} synthetic 7`);
    }
  });

  it('gives no key to a text with no letter or digit', () => {
    expect(searchKey('«» — ...')).toBeNull();
    expect(searchKey('')).toBeNull();
  });
});

describe('searchKeysOf', () => {
  it('keys each spelling in order, keeping its extra fields and skipping spellings with no letters', () => {
    expect(searchKeysOf([{ text: 'Әлмерек', language: 'kk' }, { text: '...', language: 'ru' }, { text: 'Almerek', language: 'en' }])).toEqual([
      { text: 'Әлмерек', language: 'kk', key: 'almerek' },
      { text: 'Almerek', language: 'en', key: 'almerek' },
    ]);
  });
});

describe('parseSearchText', () => {
  it('reads a typed text as stored spellings are read, keeping the text as typed for ties', () => {
    expect(parseSearchText('  ТОО «Алмерек» ')).toEqual({ spaced: 'almerek', compact: 'almerek', literal: 'тоо «алмерек»' });
  });

  it('refuses a text with no letter or digit with BAD_USER_INPUT', () => {
    expect(() => parseSearchText('«»')).toThrow(expect.objectContaining({
      message: 'text must contain at least one letter or digit',
      extensions: { code: 'BAD_USER_INPUT', field: 'text' },
    }));
  });

  it('refuses a text longer than the limit, saying the limit', () => {
    expect(() => parseSearchText('a'.repeat(MAX_SEARCH_TEXT_LENGTH + 1))).toThrow(`text must be at most ${MAX_SEARCH_TEXT_LENGTH} characters long`);
    expect(parseSearchText('a'.repeat(MAX_SEARCH_TEXT_LENGTH)).compact).toHaveLength(MAX_SEARCH_TEXT_LENGTH);
  });
});
