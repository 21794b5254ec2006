import {
  CYRILLIC_TO_LATIN, foldSounds, KAZAKH_TO_RUSSIAN, LATIN_FOLDS, latinWords, LEGAL_FORMS, MAX_SEARCH_TEXT_LENGTH, parseSearchText, searchKey, searchKeysOf,
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
    expect(searchKey(`d${kazakh}d`)?.compact).toBe(searchKey(`d${latin}d`)?.compact);
    expect(searchKey(`d${kazakh.toUpperCase()}d`)?.compact).toBe(searchKey(`d${latin}d`)?.compact);
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
    ['Г. С. Г. Высотник', 'gsg visotnik'], ['Г.С.Г. Высотник', 'gsg visotnik'], ['G.S.G. Vysotnik', 'gsg visotnik'], ['гсг высотник', 'gsg visotnik'],
    // A Latin B among Cyrillic letters, and Cyrillic КМК before a Latin word.
    ['BСФ', 'bsf'], ['БСФ', 'bsf'], ['КМК Investment', 'kmk investment'], ['кмк инвестмент', 'kmk investment'],
    ['ДорХан-Алматы', 'dorhan almati'], ['Техновид', 'tehnovid'], ['ЖБИ Гарант', 'zhbi garant'], ['Электробар', 'elektrobar'],
    ['DOC Co.LTD', 'dok ko ltd'], ['Т.О.О. «СК Рахат»', 'sk rahat'],
  ])('reads %p as "%s"', (text, spaced) => {
    expect(searchKey(text)).toEqual({ spaced, compact: spaced.replace(/ /g, '') });
  });

  it('keeps a legal form when nothing else is left, so a name is never empty', () => {
    // Folded like any word (step 7): oo is read as u.
    expect(searchKey('ТОО')).toEqual({ spaced: 'tu', compact: 'tu' });
  });

  it('keeps digits and letters of other scripts', () => {
    expect(searchKey('5 өндірістік парк')?.spaced).toBe('5 ondiristik park');
    expect(searchKey('Ωmega 2021')?.spaced).toBe('ωmega 2021');
  });

  it('keys a name labelled as a synthetic copy as the name\'s key followed by the label\'s, as the generator writes it', () => {
    for (const name of ['Әлмерек', 'Г. С. Г. Высотник', 'BСФ', 'КМК Investment', 'DOC Co.LTD', 'Company A', '«Қаз-Диа-Тест» ЖШС']) {
      expect(searchKey(`${name} (synthetic 7)`)!.spaced).toBe(`${searchKey(name)!.spaced} ${searchKey('synthetic')!.spaced} 7`);
    }
  });

  it('gives no key to a text with no letter or digit', () => {
    expect(searchKey('«» — ...')).toBeNull();
    expect(searchKey('')).toBeNull();
  });
});

describe('folding sounds alike in the two scripts (step 7)', () => {
  it.each([
    // The examples: an English name typed in Cyrillic, and the other way round.
    ['Токио Роуп', 'TOKYO ROPE ALMATY', 'tokio rop'],
    ['Сити Стоун', 'City Stone', 'siti ston'],
    ['valterm', 'Вальтерм', 'valterm'],
    ['Вальтерм', 'Valtherm', 'valterm'],
    ['Rahat', 'СК Рахат', 'rahat'],
    ['Hyundai', 'Хюндай', 'hiundai'],
  ])('%p meets %p through the key "%s"', (typed, stored, key) => {
    expect(searchKey(typed)!.spaced).toBe(key);
    expect(searchKey(stored)!.compact).toContain(searchKey(typed)!.compact);
  });

  it.each([
    ['kh → h', 'Рахат', 'Rahat', 'rahat'],
    ['kh kept after s (sh would be ш)', 'Асхат', 'Askhat', 'askhat'],
    ['th → t', 'Вальтерм', 'Valtherm', 'valterm'],
    ['ph → f', 'Фосфор', 'Phosphor', 'fosfor'],
    ['c before e, i, y → s', 'Сити', 'City', 'siti'],
    ['other c → k', 'Конкрет', 'Concrete', 'konkret'],
    ['ck → k', 'Алмапак', 'Almapack', 'almapak'],
    ['ch kept', 'Чарли', 'Charli', 'charli'],
    ['x → ks', 'Макс', 'Max', 'maks'],
    ['w → v', 'Вольф', 'Wolf', 'volf'],
    ['y → i', 'Токио', 'Tokyo', 'tokio'],
    ['ы → y → i', 'Алматы', 'Almaty', 'almati'],
    ['я → ya → ia, -ия meets -ia', 'Индия', 'India', 'india'],
    ['ee → i', 'Стил', 'Steel', 'stil'],
    ['oo → u', 'Пул', 'Pool', 'pul'],
    ['qu → ku → kv', 'Квест', 'Quest', 'kvest'],
    ['ou → o', 'Роуп', 'Rop', 'rop'],
    ['a doubled letter → one', 'Ассет', 'ASSET', 'aset'],
    ['a silent final e dropped', 'Стоун', 'Stone', 'ston'],
  ])('%s: %p and %p both give "%s"', (_rule, cyrillic, latin, key) => {
    expect(searchKey(cyrillic)!.spaced).toBe(key);
    expect(searchKey(latin)!.spaced).toBe(key);
  });

  it('keeps a final e with no other vowel before it, and doubled digits', () => {
    expect(foldSounds('de')).toBe('de');
    expect(searchKey('Ре')!.spaced).toBe('re');
    expect(searchKey('synthetic 11')!.spaced).toBe('sintetik 11');
  });

  it('folds a word that is already folded to itself, so stored keys can be folded again', () => {
    const words = ['tokio', 'rop', 'siti', 'ston', 'valterm', 'rahat', 'oou', 'ouu', 'kuua', 'tkhe', 'pkhh', 'xxe', 'cce', 'yyouu', 'skhee', 'ccheee'];
    for (const word of words) expect(foldSounds(foldSounds(word))).toBe(foldSounds(word));
    // Every letter pair and triple the folds look at, in any order.
    const letters = ['a', 'c', 'e', 'h', 'i', 'k', 'o', 'p', 's', 't', 'u', 'w', 'x', 'y', 'z'];
    const drifting: string[] = [];
    for (const a of letters) for (const b of letters) for (const c of letters) for (const d of ['', ...letters]) {
      const once = foldSounds(`${a}${b}${c}${d}`);
      if (foldSounds(once) !== once) drifting.push(`${a}${b}${c}${d}`);
    }
    expect(drifting).toEqual([]);
  });

  it('is the last step: latinWords, which record ids are made from, stop before it', () => {
    expect(latinWords('ТОО «ДорХан-Алматы»')).toEqual(['dorkhan', 'almaty']);
    expect(latinWords('Шыны Әйнек')).toEqual(['shyny', 'aynek']);
    expect(latinWords('«» — ...')).toBeNull();
    expect(searchKey('ТОО «ДорХан-Алматы»')!.spaced).toBe(latinWords('ТОО «ДорХан-Алматы»')!.map(foldSounds).join(' '));
  });

  it('leaves names with none of the folded spellings as they were', () => {
    expect(searchKey('Алмерек')!.spaced).toBe('almerek');
    expect(searchKey('KMK Investment')!.spaced).toBe('kmk investment');
    expect(searchKey('Қаз-Диа-Тест')!.spaced).toBe('kaz dia test');
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
    expect(parseSearchText('ab'.repeat(MAX_SEARCH_TEXT_LENGTH / 2)).compact).toHaveLength(MAX_SEARCH_TEXT_LENGTH);
  });
});
