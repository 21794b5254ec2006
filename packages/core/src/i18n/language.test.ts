import { Language, parseAcceptLanguage } from './language';
import { localize, translations } from './localized-text';

describe('parseAcceptLanguage', () => {
  it.each([
    ['kk', Language.KK],
    ['ru', Language.RU],
    ['en', Language.EN],
    ['ru-RU', Language.RU],
    ['EN-gb', Language.EN],
    ['ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7', Language.RU],
    ['en;q=0.5, kk;q=0.8, ru;q=0.7', Language.KK],
    ['de-DE, fr;q=0.9, en;q=0.1', Language.EN],
    ['kk;q=0, ru;q=0.2', Language.RU],
    ['*, en;q=0.5', Language.EN],
    ['en;q=0.8, ru;q=0.8', Language.EN],
    ['ru ; q = 0.4 , en;q=0.3', Language.RU],
    ['en;q=bad, kk', Language.KK],
  ])('reads %p as %s', (header, language) => {
    expect(parseAcceptLanguage(header)).toBe(language);
  });

  it.each([[undefined], [null], [''], ['*'], ['de, fr'], ['kk;q=0'], ['kz'], [';;;'], ['ru;q=1.5']])('finds none of ours in %p', (header) => {
    expect(parseAcceptLanguage(header)).toBeNull();
  });

  it('reads a header sent twice as one list', () => {
    expect(parseAcceptLanguage(['de;q=0.9', 'en;q=0.95'])).toBe(Language.EN);
  });
});

describe('translations', () => {
  it('keeps only the languages a text is given in', () => {
    expect(translations({ kk: 'Әлмерек', ru: null, en: '  ' })).toEqual({ kk: 'Әлмерек' });
  });
});

describe('localize', () => {
  const almerek = { kk: 'Әлмерек', ru: 'Алмерек', en: 'Almerek' };

  it('answers the requested language when a text is stored in it', () => {
    expect(localize(almerek, Language.RU)).toEqual({ text: 'Алмерек', language: Language.RU, requested: Language.RU, isFallback: false, isOriginal: false });
    expect(localize(almerek, Language.KK)).toEqual({ text: 'Әлмерек', language: Language.KK, requested: Language.KK, isFallback: false, isOriginal: true });
  });

  it('falls back to the Kazakh original, marked so, where no translation is stored', () => {
    expect(localize({ kk: 'Valtherm', en: 'Valtherm' }, Language.RU))
      .toEqual({ text: 'Valtherm', language: Language.KK, requested: Language.RU, isFallback: true, isOriginal: true });
  });

  it('falls back to English where there is no original, marked as neither requested nor original', () => {
    expect(localize({ en: 'BRB APK project' }, Language.KK))
      .toEqual({ text: 'BRB APK project', language: Language.EN, requested: Language.KK, isFallback: true, isOriginal: false });
    expect(localize({ ru: 'Только по-русски' }, Language.EN)?.language).toBe(Language.RU);
  });

  it('answers null when nothing is stored', () => {
    expect(localize({}, Language.EN)).toBeNull();
    expect(localize(null, Language.EN)).toBeNull();
  });
});
