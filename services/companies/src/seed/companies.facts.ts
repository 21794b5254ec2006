import { cite, Sector, type Source } from '@azg/core/figures';

/**
 * The companies of the press release, one record each however the text spells them.
 * Quotes are verbatim Kazakh from the original (a test checks each against the text).
 */

/** Where a spelling comes from: the Kazakh original, or the English translation beside it. */
export type SpellingOrigin = 'ORIGINAL' | 'TRANSLATION';

export interface SpellingFact {
  text: string;
  origin: SpellingOrigin;
  /** Paragraph it appears in (P1..P16); its first appearance when repeated. */
  paragraph: number;
}

export interface CompanyFact {
  id: string;
  /** The name as the original first writes it, without quotes or legal form. */
  name: string;
  /** A Latin transliteration, from the English translation where it gives one. */
  latinName: string;
  spellings: SpellingFact[];
  /** 'LLP' where the original writes ЖШС after the name; null where it gives no form. */
  legalForm: 'LLP' | null;
  sectors: Sector[];
  sectorSources: Source[];
  /** Every company named has a project in the zone, so it is one of the 54 participants (P13). */
  zoneParticipant: boolean;
  participationSources: Source[];
  sources: Source[];
}

const participant = (paragraph: number, quote: string, translation: string) =>
  cite(paragraph, quote, translation, {
    inferred: true,
    note: 'The document gives the zone\'s participants only as a count (54 companies, P13); this company has a project in the Industrial Zone, so it is taken to be one of them.',
  });

const sectorFrom = (paragraph: number, quote: string, translation: string) =>
  cite(paragraph, quote, translation, { inferred: true, note: 'The sector is read from what the company produces; the document does not name it.' });

const P12_SECTORS = cite(12, 'химия, құрылыс және машина жасау салалары бойынша', 'in the chemical, construction and machine-building industries', {
  inferred: true,
  note: 'P12 names the three industries for the six companies together, not which company is in which; the sector of each is unknown.',
});

const original = (text: string, paragraph: number): SpellingFact => ({ text, origin: 'ORIGINAL', paragraph });
const translation = (text: string, paragraph: number): SpellingFact => ({ text, origin: 'TRANSLATION', paragraph });

export const COMPANIES: CompanyFact[] = [
  {
    id: 'gsg-vysotnik',
    name: 'Г. С. Г. Высотник',
    latinName: 'G.S.G. Vysotnik',
    spellings: [original('Г. С. Г. Высотник', 4), original('Г.С.Г. Высотник', 14), translation('G.S.G. Vysotnik', 4)],
    legalForm: 'LLP',
    sectors: [Sector.CONSTRUCTION_MATERIALS],
    sectorSources: [sectorFrom(4, 'автоклавталған газбетон шығаратын екі кәсіпорын', 'two enterprises producing autoclaved aerated concrete')],
    zoneParticipant: true,
    participationSources: [participant(4, 'Индустриалды аймақта автоклавталған газбетон шығаратын екі кәсіпорын', 'In the Industrial Zone two enterprises producing autoclaved aerated concrete')],
    sources: [cite(4, '«Г. С. Г. Высотник» ЖШС', '«Г. С. Г. Высотник» LLP'), cite(14, '«Г.С.Г. Высотник»', '«Г.С.Г. Высотник»')],
  },
  {
    id: 'sk-rakhat',
    name: 'СК Рахат',
    latinName: 'SK Rakhat',
    spellings: [original('СК Рахат', 4), translation('SK Rakhat', 4)],
    legalForm: 'LLP',
    sectors: [Sector.CONSTRUCTION_MATERIALS],
    sectorSources: [sectorFrom(4, 'автоклавталған газбетон шығаратын екі кәсіпорын', 'two enterprises producing autoclaved aerated concrete')],
    zoneParticipant: true,
    participationSources: [participant(4, 'Индустриалды аймақта автоклавталған газбетон шығаратын екі кәсіпорын', 'In the Industrial Zone two enterprises producing autoclaved aerated concrete')],
    sources: [cite(4, '«СК Рахат» ЖШС', '«СК Рахат» LLP'), cite(14, '«СК Рахат»', '«СК Рахат»')],
  },
  {
    id: 'valtherm',
    name: 'Valtherm',
    latinName: 'Valtherm',
    spellings: [original('Valtherm', 5)],
    legalForm: 'LLP',
    sectors: [Sector.HEATING_EQUIPMENT],
    sectorSources: [sectorFrom(5, 'алюминий және биметалл радиаторларын шығаратын', 'producing aluminium and bimetallic radiators')],
    zoneParticipant: true,
    participationSources: [participant(5, 'Индустриалды аймақтағы 10 гектардан астам алқап', 'More than 10 hectares of the Industrial Zone')],
    sources: [cite(5, '«Valtherm» ЖШС-не', 'to «Valtherm» LLP'), cite(14, '«Valtherm»', '«Valtherm»')],
  },
  {
    id: 'kmk-investment',
    name: 'КМК Investment',
    latinName: 'KMK Investment',
    spellings: [original('КМК Investment', 7), original('KMK Investment', 7)],
    legalForm: 'LLP',
    sectors: [Sector.CABLE_AND_WIRE],
    sectorSources: [sectorFrom(7, 'мыс және алюминий созба сым шығаратын зауыт', 'a plant producing copper and aluminium wire rod')],
    zoneParticipant: true,
    participationSources: [participant(7, 'Индустриалды аймақта 80 жұмыс орнын құрайтын', 'in the Industrial Zone, creating 80 jobs')],
    sources: [
      cite(7, '«КМК Investment» ЖШС', '«KMK Investment» LLP (the original writes KMK in Cyrillic here)'),
      cite(7, '2018 жылы KMK Investment', 'in 2018 KMK Investment'),
      cite(8, 'Инвестордың алдағы жоспарында', 'The investor\'s further plans'),
      cite(13, '«KMK Investment» - бірінші және екінші кезеңдер', '«KMK Investment» first and second phases'),
    ],
  },
  {
    id: 'kaz-dia-test',
    name: 'Қаз-Диа-Тест',
    latinName: 'Kaz-Dia-Test',
    spellings: [original('Қаз-Диа-Тест', 9), original('Каз-Диа-Тест', 14), translation('Kaz-Dia-Test', 9)],
    legalForm: 'LLP',
    sectors: [Sector.MEDICAL_DIAGNOSTICS],
    sectorSources: [sectorFrom(9, 'медициналық диагностикалық сынақ жүйелерін шығаратын зауыт', 'a plant producing medical diagnostic test systems')],
    zoneParticipant: true,
    participationSources: [participant(9, 'Шілде айында Индустриалды аймақта', 'In July in the Industrial Zone')],
    sources: [cite(9, '«Қаз-Диа-Тест» ЖШС', '«Kaz-Dia-Test» LLP'), cite(14, '«Каз-Диа-Тест»', '«Каз-Диа-Тест»')],
  },
  {
    id: 'almerek',
    name: 'Әлмерек',
    latinName: 'Almerek',
    spellings: [original('Әлмерек', 11), original('Алмерек', 13), translation('Almerek', 11)],
    legalForm: 'LLP',
    sectors: [Sector.MEDICAL_PRODUCTS],
    sectorSources: [sectorFrom(11, 'медициналық өнімдер шығаратын зауыт', 'a plant producing medical products')],
    zoneParticipant: true,
    participationSources: [participant(13, 'Бүгінгі күні 14 жоба іске асырылды', 'To date 14 projects have been implemented')],
    sources: [cite(11, '«Әлмерек» ЖШС', '«Almerek» LLP'), cite(13, '«Алмерек»', '«Алмерек»')],
  },
  ...(
    [
      ['bsf', 'BСФ', 'BSF', '«BСФ» ЖШС', 'LLP', 'The original writes a Latin B followed by Cyrillic СФ.'],
      ['zhbi-garant', 'ЖБИ Гарант', 'ZhBI Garant', '«ЖБИ Гарант»', null, 'The original gives no legal form for this company.'],
      ['alem-tynysy', 'Әлем тынысы', 'Alem Tynysy', '«Әлем тынысы» ЖШС', 'LLP', null],
      ['city-stone', 'City Stone', 'City Stone', '«City Stone» ЖШС', 'LLP', null],
      ['elektrobar', 'Электробар', 'Elektrobar', '«Электробар» ЖШС', 'LLP', null],
      ['teplostil', 'Теплостил', 'Teplostil', '«Теплостил» ЖШС', 'LLP', null],
    ] as const
  ).map(([id, name, latinName, quote, legalForm, note]): CompanyFact => ({
    id,
    name,
    latinName,
    spellings: [
      original(name, 12),
      ...(id === 'alem-tynysy' ? [original('Әлем Тынысы', 14)] : []),
      ...(latinName !== name ? [translation(latinName, 12)] : []),
    ],
    legalForm,
    sectors: [],
    sectorSources: [P12_SECTORS],
    zoneParticipant: true,
    participationSources: [participant(12, 'жаңа нысандарының құрылыс барысымен танысты', 'reviewed the construction progress of new facilities')],
    sources: [
      cite(12, quote, `${quote.replace('ЖШС', 'LLP')}${latinName !== name ? ` (${latinName})` : ''}`, note ? { note } : {}),
      ...(['alem-tynysy', 'city-stone', 'elektrobar'].includes(id)
        ? [cite(14, id === 'alem-tynysy' ? '«Әлем Тынысы»' : `«${name}»`, `«${id === 'alem-tynysy' ? 'Әлем Тынысы' : name}»`)]
        : []),
    ],
  })),
  ...(
    [
      ['brb-apk', 'BRB APK', 'BRB APK', 13],
      ['almapack', 'Almapack', 'Almapack', 13],
      ['doc-co-ltd', 'DOC Co.LTD', 'DOC Co.LTD', 13],
      ['tokyo-rope-almaty', 'TOKYO ROPE ALMATY', 'TOKYO ROPE ALMATY', 13],
      ['kaztigertape', 'KazTigerTape', 'KazTigerTape', 13],
      ['enko', 'ЭНКО', 'ENKO', 13],
      ['asset', 'ASSET', 'ASSET', 13],
      ['tekhnovid', 'Техновид', 'Tekhnovid', 13],
      ['mpz-bizhan', 'МПЗ Бижан', 'MPZ Bizhan', 13],
      ['dorkhan-almaty', 'ДорХан-Алматы', 'DorKhan-Almaty', 13],
      ['hyundai-trans-kazakhstan', 'Hyundai Trans Kazakhstan', 'Hyundai Trans Kazakhstan', 13],
      ['asia-steel-pipe-corporation', 'Asia steel pipe corporation', 'Asia steel pipe corporation', 14],
      ['technokont', 'Technokont', 'Technokont', 14],
    ] as const
  ).map(([id, name, latinName, paragraph]): CompanyFact => ({
    id,
    name,
    latinName,
    spellings: [original(name, paragraph), ...(latinName !== name ? [translation(latinName, paragraph)] : [])],
    legalForm: null,
    sectors: [],
    sectorSources: [],
    zoneParticipant: true,
    participationSources: [
      paragraph === 13
        ? participant(13, 'Бүгінгі күні 14 жоба іске асырылды', 'To date 14 projects have been implemented')
        : participant(14, '2021 жылдың аяғына дейін 9 жобаны', 'by the end of 2021, 9 projects'),
    ],
    sources: [cite(paragraph, `«${name}»`, `«${name}»${latinName !== name ? ` (${latinName})` : ''}`)],
  })),
];
