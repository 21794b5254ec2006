import { cite, count, type CountFigure, DateBound, money, type MoneyFigure, partialDate, type PartialDate, Qualifier, Sector, type Source } from '@azg/core/figures';
import { PROJECTS } from './projects.facts';

/** What a group's reported count counts. */
export type GroupCountUnit = 'PROJECTS' | 'COMPANIES' | 'INDUSTRIAL_PARKS';

/** How much of a group's membership the document names. */
export type MembershipKnown = 'COMPLETE' | 'PARTIAL' | 'NONE';

export interface MembershipFact {
  projectId: string;
  sources: Source[];
}

export interface GroupFact {
  id: string;
  name: string;
  nameKk: string;
  description: string;
  reportedCount: CountFigure | null;
  countUnit: GroupCountUnit;
  reportedInvestment: MoneyFigure | null;
  sectors: Sector[];
  /** When the group's projects are due, where the document says. */
  due: PartialDate | null;
  membersKnown: MembershipKnown;
  members: MembershipFact[];
  sources: Source[];
}

const member = (projectId: string, ...sources: Source[]): MembershipFact => ({ projectId, sources });

const P13_LIST = cite(13, 'Бүгінгі күні 14 жоба іске асырылды', 'To date 14 projects have been implemented');
const P14_LIST = cite(14, '2021 жылдың аяғына дейін 9 жобаны', 'By the end of 2021, 9 projects');
const KMK_PHASES = cite(13, '«KMK Investment» - бірінші және екінші кезеңдер', '«KMK Investment» first and second phases', {
  inferred: true,
  note: 'P13 names KMK Investment\'s "first and second phases" without saying which plants they are; read with P7 they are most likely the 2018 cable-products plant and the 2021 wire-rod plant.',
});
const PARTICIPANT = cite(13, 'жобалары бар 54 компания болып табылады', 'are 54 companies with projects', {
  inferred: true,
  note: 'The document gives the participants only as a count; a project it places in the Industrial Zone is taken to belong to one of them. The further plans of P8 are left out: nothing says they are counted in 211.7 billion.',
});

export const GROUPS: GroupFact[] = [
  {
    id: 'aerated-concrete-plants',
    name: 'The two autoclaved aerated concrete plants',
    nameKk: 'автоклавталған газбетон шығаратын екі кәсіпорын',
    description: 'G.S.G. Vysotnik and SK Rakhat, being launched in the Industrial Zone. The document gives their investment and jobs only together.',
    reportedCount: count(2, Qualifier.EXACT, 'екі кәсіпорын', [cite(4, 'автоклавталған газбетон шығаратын екі кәсіпорын', 'two enterprises producing autoclaved aerated concrete')]),
    countUnit: 'PROJECTS',
    reportedInvestment: money('2000000000', Qualifier.AT_LEAST, '2 млрд теңгеден астам', [cite(4, 'Жобаларға 2 млрд теңгеден астам инвестиция салынды', 'More than 2 billion tenge has been invested in the projects')]),
    sectors: [Sector.CONSTRUCTION_MATERIALS],
    due: null,
    membersKnown: 'COMPLETE',
    members: [
      member('gsg-vysotnik-aerated-concrete-plant', cite(4, '«Г. С. Г. Высотник» ЖШС', '«Г. С. Г. Высотник» LLP')),
      member('sk-rakhat-aerated-concrete-plant', cite(4, '«СК Рахат» ЖШС', '«СК Рахат» LLP')),
    ],
    sources: [cite(4, 'Индустриалды аймақта автоклавталған газбетон шығаратын екі кәсіпорын', 'In the Industrial Zone two enterprises producing autoclaved aerated concrete')],
  },
  {
    id: 'p12-construction-review',
    name: 'The six facilities under construction reviewed by the akim',
    nameKk: 'жаңа нысандарының құрылыс барысы',
    description: 'New facilities of BSF, ZhBI Garant, Alem Tynysy, City Stone, Elektrobar and Teplostil in the chemical, construction and machine-building industries. The document gives their investment and jobs only together, and does not count them in words.',
    reportedCount: null,
    countUnit: 'PROJECTS',
    reportedInvestment: money('3800000000', Qualifier.EXACT, '3,8 млрд теңгені құрайды', [cite(12, 'Инвестициялық жобалардың жалпы сомасы 3,8 млрд теңгені құрайды', 'The investment projects total 3.8 billion tenge')]),
    sectors: [Sector.CHEMICAL, Sector.CONSTRUCTION, Sector.MACHINE_BUILDING],
    due: null,
    membersKnown: 'COMPLETE',
    members: ([
      ['bsf-new-facility', '«BСФ» ЖШС'], ['zhbi-garant-new-facility', '«ЖБИ Гарант»'], ['alem-tynysy-new-facility', '«Әлем тынысы» ЖШС'],
      ['city-stone-new-facility', '«City Stone» ЖШС'], ['elektrobar-new-facility', '«Электробар» ЖШС'], ['teplostil-new-facility', '«Теплостил» ЖШС'],
    ] as const).map(([id, quote]) => member(id, cite(12, quote, quote.replace('ЖШС', 'LLP')))),
    sources: [cite(12, 'химия, құрылыс және машина жасау салалары бойынша', 'in the chemical, construction and machine-building industries'), cite(12, 'жаңа нысандарының құрылыс барысымен танысты', 'reviewed the construction progress of new facilities')],
  },
  {
    id: 'implemented-to-date',
    name: 'The 14 projects implemented to date',
    nameKk: 'Бүгінгі күні іске асырылған 14 жоба',
    description: 'The zone\'s implemented projects, KMK Investment\'s first and second phases counted as two.',
    reportedCount: count(14, Qualifier.EXACT, '14 жоба', [P13_LIST]),
    countUnit: 'PROJECTS',
    reportedInvestment: money('75000000000', Qualifier.EXACT, '75 млрд теңге', [cite(13, 'жалпы сомасы 75 млрд теңге', 'totalling 75 billion tenge')]),
    sectors: [],
    due: null,
    membersKnown: 'COMPLETE',
    members: [
      member('brb-apk-project', cite(13, '«BRB APK»', '«BRB APK»')),
      member('almapack-project', cite(13, '«Almapack»', '«Almapack»')),
      member('doc-co-ltd-project', cite(13, '«DOC Co.LTD»', '«DOC Co.LTD»')),
      member('tokyo-rope-almaty-project', cite(13, '«TOKYO ROPE ALMATY»', '«TOKYO ROPE ALMATY»')),
      member('kmk-investment-cable-plant', KMK_PHASES),
      member('kmk-investment-wire-rod-plant', KMK_PHASES),
      member('kaztigertape-project', cite(13, '«KazTigerTape»', '«KazTigerTape»')),
      member('enko-project', cite(13, '«ЭНКО»', '«ЭНКО» (ENKO)')),
      member('asset-project', cite(13, '«ASSET»', '«ASSET»')),
      member('tekhnovid-project', cite(13, '«Техновид»', '«Техновид» (Tekhnovid)')),
      member('mpz-bizhan-project', cite(13, '«МПЗ Бижан»', '«МПЗ Бижан» (MPZ Bizhan)')),
      member('dorkhan-almaty-project', cite(13, '«ДорХан-Алматы»', '«ДорХан-Алматы» (DorKhan-Almaty)')),
      member('almerek-medical-products-plant', cite(13, '«Алмерек»', '«Алмерек» (Almerek)')),
      member('hyundai-trans-kazakhstan-project', cite(13, '«Hyundai Trans Kazakhstan»', '«Hyundai Trans Kazakhstan»')),
    ],
    sources: [P13_LIST],
  },
  {
    id: 'launch-by-end-of-2021',
    name: 'The 9 projects to be launched by the end of 2021',
    nameKk: '2021 жылдың аяғына дейін іске қосылатын 9 жоба',
    description: 'Projects planned to be launched by the end of 2021.',
    reportedCount: count(9, Qualifier.EXACT, '9 жобаны', [P14_LIST]),
    countUnit: 'PROJECTS',
    reportedInvestment: money('40500000000', Qualifier.EXACT, '40,5 млрд теңге', [cite(14, 'жалпы сомасы 40,5 млрд теңге', 'totalling 40.5 billion tenge')]),
    sectors: [],
    due: partialDate('2021', DateBound.BY, '2021 жылдың аяғына дейін', [P14_LIST]),
    membersKnown: 'COMPLETE',
    members: ([
      ['sk-rakhat-aerated-concrete-plant', 'СК Рахат'], ['gsg-vysotnik-aerated-concrete-plant', 'Г.С.Г. Высотник'],
      ['kaz-dia-test-diagnostics-plant', 'Каз-Диа-Тест'], ['city-stone-new-facility', 'City Stone'], ['alem-tynysy-new-facility', 'Әлем Тынысы'],
      ['asia-steel-pipe-corporation-project', 'Asia steel pipe corporation'], ['elektrobar-new-facility', 'Электробар'],
      ['valtherm-radiator-plant', 'Valtherm'], ['technokont-project', 'Technokont'],
    ] as const).map(([id, name]) => member(id, cite(14, `«${name}»`, `«${name}»`))),
    sources: [P14_LIST],
  },
  {
    id: 'zone-participants',
    name: 'The projects of the zone\'s 54 participant companies',
    nameKk: 'Алматы Индустриялық аймағының қатысушылары',
    description: 'The participants of the Almaty Industrial Zone: 54 companies with projects. The document names only some of them; the members here are the projects it places in the zone.',
    reportedCount: count(54, Qualifier.EXACT, '54 компания', [cite(13, '54 компания болып табылады', 'are 54 companies')]),
    countUnit: 'COMPANIES',
    reportedInvestment: money('211700000000', Qualifier.EXACT, '211,7 млрд теңгеге', [cite(13, '211,7 млрд теңгеге жобалары бар', 'with projects worth 211.7 billion tenge')]),
    sectors: [],
    due: null,
    membersKnown: 'PARTIAL',
    members: PROJECTS.filter((project) => project.status !== 'PROPOSED').map((project) => member(project.id, PARTICIPANT)),
    sources: [cite(13, 'Алматы Индустриялық аймағының қатысушылары', 'The participants of the Almaty Industrial Zone')],
  },
  {
    id: 'council-supported-projects',
    name: 'The 51 new projects supported by the Regional Coordination Council',
    nameKk: 'ӨҮК қолдау тапқан 51 жаңа жоба',
    description: 'New projects supported at the council\'s 12 meetings over the last two years. The document does not name them.',
    reportedCount: count(51, Qualifier.EXACT, '51 жаңа жоба', [cite(3, '51 жаңа жоба қолдау тапты', '51 new projects received support')]),
    countUnit: 'PROJECTS',
    reportedInvestment: money('172300000000', Qualifier.EXACT, '172, 3 миллиард теңгеге', [cite(3, 'жалпы инвестициялар сомасы 172, 3 миллиард теңгеге', 'with total investment of 172.3 billion tenge', { note: 'The original writes "172, 3" with a space: 172.3 billion.' })]),
    sectors: [],
    due: null,
    membersKnown: 'NONE',
    members: [],
    sources: [cite(3, 'Соңғы екі жылда ӨҮК-тің 12 отырысы өткізілді', 'Over the last two years the RCC held 12 meetings')],
  },
  {
    id: 'pipeline-2025',
    name: 'The 28 projects planned by 2025',
    nameKk: '2025 жылға дейін іске асырылатын 28 жоба',
    description: 'Projects planned in the Industrial Zone by 2025. The document does not name them.',
    reportedCount: count(28, Qualifier.EXACT, '28 жобаны', [cite(15, '28 жобаны іске асыру', 'to implement 28 projects')]),
    countUnit: 'PROJECTS',
    reportedInvestment: money('93000000000', Qualifier.EXACT, '93 млрд теңге', [cite(15, 'инвестициялық жалпы құны 93 млрд теңге болатын', 'with total investment of 93 billion tenge')]),
    sectors: [],
    due: partialDate('2025', DateBound.BY, '2025 жылға дейін', [cite(15, '2025 жылға дейін Индустриалды аймақта', 'By 2025 in the Industrial Zone')]),
    membersKnown: 'NONE',
    members: [],
    sources: [cite(15, '2025 жылға дейін Индустриалды аймақта', 'By 2025 in the Industrial Zone')],
  },
  {
    id: 'removed-from-portfolio',
    name: 'The 38 projects removed from the zone\'s portfolio',
    nameKk: 'ПАА портфелінен шығарылған 38 жоба',
    description: 'Projects removed from the Industrial Zone\'s portfolio for lack of implementation progress; their land (156 ha) was freed. The document does not name them.',
    reportedCount: count(38, Qualifier.EXACT, '38 жоба', [cite(3, '38 жоба іске асырылу динамикасының болмауына байланысты ПАА портфелінен шығарылды', '38 projects were removed from the Industrial Zone\'s portfolio for lack of implementation progress')]),
    countUnit: 'PROJECTS',
    reportedInvestment: null,
    sectors: [],
    due: null,
    membersKnown: 'NONE',
    members: [],
    sources: [cite(3, '38 жоба іске асырылу динамикасының болмауына байланысты ПАА портфелінен шығарылды', '38 projects were removed from the Industrial Zone\'s portfolio for lack of implementation progress')],
  },
  {
    id: 'industrial-parks-2021',
    name: 'The 5 industrial parks and SME production space planned for 2021',
    nameKk: '2021 жылы 5 өндірістік паркті ашу',
    description: 'Five industrial parks to open in 2021 and 22 thousand square metres of production space for SMEs; the cost and jobs are given for all of it together. The parks are not named.',
    reportedCount: count(5, Qualifier.EXACT, '5 өндірістік паркті', [cite(15, '2021 жылы 5 өндірістік паркті ашу', 'to open 5 industrial parks in 2021')]),
    countUnit: 'INDUSTRIAL_PARKS',
    reportedInvestment: money('2300000000', Qualifier.EXACT, '2,3 млрд теңге', [cite(15, 'бұлардың жалпы құны 2,3 млрд теңге', 'at a total cost of 2.3 billion tenge')]),
    sectors: [],
    due: partialDate('2021', DateBound.IN, '2021 жылы', [cite(15, '2021 жылы 5 өндірістік паркті ашу', 'to open 5 industrial parks in 2021')]),
    membersKnown: 'NONE',
    members: [],
    sources: [cite(15, 'ШОБ үшін 22 мың шаршы метр өндірістік алаңды пайдалануға беру жоспарлануда', 'it is planned to put into operation 22 thousand square metres of production space for SMEs')],
  },
];
