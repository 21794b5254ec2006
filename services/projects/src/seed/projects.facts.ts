import { capacity, type CapacityFigure, cite, DateBound, money, type MoneyFigure, partialDate, type PartialDate, Qualifier, Sector, type Source } from '@azg/core/figures';

/**
 * The projects of the press release. Every value here is stated by the document, and the
 * quote says where; a value it does not give is null. Figures the document gives for a group
 * of projects belong to the group (groups.facts.ts), never split among its members.
 */

export type ProjectStatus = 'PROPOSED' | 'PLANNED' | 'UNDER_CONSTRUCTION' | 'COMMISSIONING' | 'OPERATING' | 'REMOVED';

export interface ProductFact {
  name: string;
  nameKk: string;
  /** True while the product is only planned, not yet produced. */
  planned: boolean;
  sources: Source[];
}

export interface ProjectFact {
  id: string;
  name: string;
  /** The original's own words for the project, where it gives them. */
  nameKk: string | null;
  companyId: string;
  sectors: Sector[];
  sectorSources: Source[];
  products: ProductFact[];
  status: ProjectStatus;
  statusSources: Source[];
  /** Where the project stands, in the document's words (English). */
  progress: string | null;
  /** The phase number of the company's projects in the zone, where the document gives one. */
  phase: number | null;
  phaseSources: Source[];
  investment: MoneyFigure | null;
  capacities: CapacityFigure[];
  plannedLaunch: PartialDate | null;
  actualLaunch: PartialDate | null;
  /** What the document says of the project's importance. */
  remarks: Array<{ text: string; sources: Source[] }>;
  sources: Source[];
}

const DUE_2021 = (name: string) => cite(14, `«${name}»`, `«${name}», among the 9 projects planned to be launched by the end of 2021`);
const BY_END_OF_2021 = (name: string) =>
  partialDate('2021', DateBound.BY, '2021 жылдың аяғына дейін', [
    cite(14, '2021 жылдың аяғына дейін 9 жобаны', 'By the end of 2021, 9 projects'),
    DUE_2021(name),
  ]);
const IMPLEMENTED = (name: string) => cite(13, `«${name}»`, `«${name}», among the 14 projects implemented to date`);
const IMPLEMENTED_STATUS = cite(13, 'Бүгінгі күні 14 жоба іске асырылды', 'To date 14 projects have been implemented', {
  inferred: true,
  note: '"Implemented" (іске асырылды) is read as built and operating.',
});

const product = (name: string, nameKk: string, planned: boolean, ...sources: Source[]): ProductFact => ({ name, nameKk, planned, sources });

const aeratedConcrete = (id: string, companyId: string, company: string, companyP14: string): ProjectFact => ({
  id,
  name: `${company} autoclaved aerated concrete plant`,
  nameKk: 'автоклавталған газбетон шығаратын кәсіпорын',
  companyId,
  sectors: [Sector.CONSTRUCTION_MATERIALS],
  sectorSources: [cite(4, 'автоклавталған газбетон шығаратын екі кәсіпорын', 'two enterprises producing autoclaved aerated concrete', { inferred: true, note: 'The sector is read from the product.' })],
  products: [product('autoclaved aerated concrete (gas concrete) blocks', 'автоклавталған газбетон', true,
    cite(4, 'автоклавталған газбетон шығаратын', 'producing autoclaved aerated concrete'),
    cite(4, 'сапалы газбетонды блоктардағы сұранысын', 'the demand for quality aerated-concrete blocks'))],
  status: 'COMMISSIONING',
  statusSources: [
    cite(4, 'іске қосылуда', 'are being launched'),
    cite(4, 'Екі компания да әрлеу және пайдалануға беру жұмыстарын аяқтауда.', 'Both companies are completing finishing and commissioning works.'),
  ],
  progress: 'Completing finishing and commissioning works; being launched.',
  phase: null,
  phaseSources: [],
  investment: null,
  capacities: [],
  plannedLaunch: BY_END_OF_2021(companyP14),
  actualLaunch: null,
  remarks: [{
    text: 'Will meet the demand of construction companies of Almaty and the region for quality aerated-concrete blocks (said of the two plants together).',
    sources: [cite(4, 'Алматы мен облыстың құрылыс компанияларының сапалы газбетонды блоктардағы сұранысын қанағаттандыруға мүмкіндік береді', 'will meet the demand of construction companies of Almaty and the region for quality aerated-concrete blocks')],
  }],
  sources: [cite(4, `«${company}» ЖШС`, `«${company}» LLP`), DUE_2021(companyP14)],
});

const P12_PROJECT = (id: string, companyId: string, company: string, quote: string, dueIn2021: string | null): ProjectFact => ({
  id,
  name: `${company} new facility`,
  nameKk: 'жаңа нысан',
  companyId,
  sectors: [],
  sectorSources: [cite(12, 'химия, құрылыс және машина жасау салалары бойынша', 'in the chemical, construction and machine-building industries', {
    inferred: true,
    note: 'P12 names three industries for its six companies together; which project is in which is not stated, so each project\'s sector is unknown.',
  })],
  products: [],
  status: 'UNDER_CONSTRUCTION',
  statusSources: [cite(12, 'жаңа нысандарының құрылыс барысымен танысты', 'reviewed the construction progress of new facilities')],
  progress: 'Under construction; the akim reviewed its progress.',
  phase: null,
  phaseSources: [],
  investment: null,
  capacities: [],
  plannedLaunch: dueIn2021 ? BY_END_OF_2021(dueIn2021) : null,
  actualLaunch: null,
  remarks: [],
  sources: [cite(12, quote, quote.replace('ЖШС', 'LLP')), ...(dueIn2021 ? [DUE_2021(dueIn2021)] : [])],
});

const IMPLEMENTED_PROJECT = (id: string, companyId: string, company: string): ProjectFact => ({
  id,
  name: `${company} project`,
  nameKk: null,
  companyId,
  sectors: [],
  sectorSources: [],
  products: [],
  status: 'OPERATING',
  statusSources: [IMPLEMENTED_STATUS],
  progress: 'Implemented.',
  phase: null,
  phaseSources: [],
  investment: null,
  capacities: [],
  plannedLaunch: null,
  actualLaunch: null,
  remarks: [],
  sources: [IMPLEMENTED(company)],
});

const DUE_PROJECT = (id: string, companyId: string, company: string): ProjectFact => ({
  id,
  name: `${company} project`,
  nameKk: null,
  companyId,
  sectors: [],
  sectorSources: [],
  products: [],
  status: 'PLANNED',
  statusSources: [cite(14, 'іске қосу жоспарлануда', 'are planned to be launched')],
  progress: null,
  phase: null,
  phaseSources: [],
  investment: null,
  capacities: [],
  plannedLaunch: BY_END_OF_2021(company),
  actualLaunch: null,
  remarks: [],
  sources: [DUE_2021(company)],
});

const KMK_PHASES = 'P13 lists «KMK Investment» "first and second phases" among the implemented projects without saying which plants they are; read with P7 they are most likely the 2018 cable-products plant (first) and the 2021 wire-rod plant (second).';

export const PROJECTS: ProjectFact[] = [
  aeratedConcrete('gsg-vysotnik-aerated-concrete-plant', 'gsg-vysotnik', 'Г. С. Г. Высотник', 'Г.С.Г. Высотник'),
  aeratedConcrete('sk-rakhat-aerated-concrete-plant', 'sk-rakhat', 'СК Рахат', 'СК Рахат'),
  {
    id: 'valtherm-radiator-plant',
    name: 'Valtherm aluminium and bimetallic radiator plant',
    nameKk: 'алюминий және биметалл радиаторларын шығаратын Қазақстандағы алғашқы зауыт',
    companyId: 'valtherm',
    sectors: [Sector.HEATING_EQUIPMENT],
    sectorSources: [cite(5, 'алюминий және биметалл радиаторларын шығаратын', 'producing aluminium and bimetallic radiators', { inferred: true, note: 'The sector is read from the product.' })],
    products: [product('aluminium and bimetallic radiators', 'алюминий және биметалл радиаторлары', true,
      cite(5, 'алюминий және биметалл радиаторларын шығаратын', 'producing aluminium and bimetallic radiators'))],
    status: 'UNDER_CONSTRUCTION',
    statusSources: [
      cite(5, 'Өндірістік нысанның бірінші кезеңінің құрылыс-монтаж жұмыстары аяқталды', 'Construction and installation of the first stage of the facility is finished'),
      cite(5, 'қазіргі уақытта сыртқы желілерді төсеу және аумақты абаттандыру жұмыстары жүргізілуде', 'external utility networks are now being laid and the site landscaped'),
    ],
    progress: 'Construction and installation of the first stage is finished; external utility networks are being laid and the site landscaped.',
    phase: null,
    phaseSources: [],
    investment: money('11600000000', Qualifier.EXACT, '11,6 млрд. теңгені құрайтын', [cite(5, '11,6 млрд. теңгені құрайтын', 'worth 11.6 billion tenge')]),
    capacities: [],
    plannedLaunch: partialDate('2021-09', DateBound.IN, 'ағымдағы жылдың қыркүйек айына', [
      cite(5, 'өндірісті іске қосу ағымдағы жылдың қыркүйек айына жоспарланған', 'start of production is planned for September of this year', {
        note: '"This year" is 2021: the document is undated, but its own references place it in 2021.',
      }),
      DUE_2021('Valtherm'),
    ]),
    actualLaunch: null,
    remarks: [{
      text: 'Kazakhstan\'s first plant producing aluminium and bimetallic radiators.',
      sources: [cite(5, 'Қазақстандағы алғашқы зауытты', 'Kazakhstan\'s first plant')],
    }],
    sources: [cite(5, '«Valtherm» ЖШС-не бөлінген', 'allocated to «Valtherm» LLP'), DUE_2021('Valtherm')],
  },
  {
    id: 'kmk-investment-cable-plant',
    name: 'KMK Investment cable-products plant',
    nameKk: 'кабельдік өнімдер шығаратын зауыт',
    companyId: 'kmk-investment',
    sectors: [Sector.CABLE_AND_WIRE],
    sectorSources: [cite(7, 'кабельдік өнімдер шығаратын зауытты', 'a cable-products plant', { inferred: true, note: 'The sector is read from the product.' })],
    products: [product('cable and wire products', 'кабельдік және сымдық өнім', false, cite(7, 'кабельдік және сымдық өнім', 'cable and wire products'))],
    status: 'OPERATING',
    statusSources: [cite(7, '2018 жылы KMK Investment', 'in 2018 KMK Investment launched'), cite(7, 'зауытты іске қосқанын', 'launched the plant')],
    progress: 'Launched in 2018.',
    phase: 1,
    phaseSources: [cite(13, '«KMK Investment» - бірінші және екінші кезеңдер', '«KMK Investment» first and second phases', { inferred: true, note: KMK_PHASES })],
    investment: money('12700000000', Qualifier.EXACT, '12,7 млрд теңгені құрады', [cite(7, 'Инвестициялар 12,7 млрд теңгені құрады', 'Investment was 12.7 billion tenge')]),
    capacities: [capacity('20000', 'kilometre', 'year', 'cable and wire products', Qualifier.EXACT, 'жылына 20 мың км', [cite(7, 'жылына 20 мың км кабельдік және сымдық өнім', '20 thousand km of cable and wire products a year')])],
    plannedLaunch: null,
    actualLaunch: partialDate('2018', DateBound.IN, '2018 жылы', [cite(7, '2018 жылы KMK Investment', 'in 2018 KMK Investment')]),
    remarks: [],
    sources: [cite(7, '2018 жылы KMK Investment', 'in 2018 KMK Investment'), cite(13, '«KMK Investment» - бірінші және екінші кезеңдер', '«KMK Investment» first and second phases', { inferred: true, note: KMK_PHASES })],
  },
  {
    id: 'kmk-investment-wire-rod-plant',
    name: 'KMK Investment copper and aluminium wire-rod plant',
    nameKk: 'мыс және алюминий созба сым шығаратын зауыт',
    companyId: 'kmk-investment',
    sectors: [Sector.CABLE_AND_WIRE],
    sectorSources: [cite(7, 'мыс және алюминий созба сым шығаратын зауыт', 'a plant producing copper and aluminium wire rod', { inferred: true, note: 'The sector is read from the product.' })],
    products: [product('copper and aluminium wire rod', 'мыс және алюминий созба сым', false, cite(7, 'мыс және алюминий созба сым шығаратын', 'producing copper and aluminium wire rod'))],
    status: 'OPERATING',
    statusSources: [cite(7, 'зауыт пайдалануға берілді', 'the plant was put into operation')],
    progress: 'Put into operation in the first quarter of 2021.',
    phase: 2,
    phaseSources: [cite(13, '«KMK Investment» - бірінші және екінші кезеңдер', '«KMK Investment» first and second phases', { inferred: true, note: KMK_PHASES })],
    investment: money('11300000000', Qualifier.EXACT, '11,3 млрд теңгені құрайды', [cite(7, 'Жобаның құны 11,3 млрд теңгені құрайды.', 'The project cost is 11.3 billion tenge.')]),
    capacities: [capacity('25000', 'tonne', 'year', 'copper and aluminium wire rod', Qualifier.AT_LEAST, 'жылына 25 мың тоннадан астам', [cite(7, 'қуаты жылына 25 мың тоннадан астам өнім шығаратын', 'with capacity of more than 25 thousand tonnes of products a year')])],
    plannedLaunch: null,
    actualLaunch: partialDate('2021-Q1', DateBound.IN, 'Ағымдағы жылдың бірінші тоқсанында', [cite(7, 'Ағымдағы жылдың бірінші тоқсанында', 'In the first quarter of this year', {
      note: '"This year" is 2021: the document is undated, but its own references place it in 2021.',
    })]),
    remarks: [],
    sources: [cite(7, '«КМК Investment» ЖШС мыс және алюминий созба сым шығаратын зауыт', 'a plant of «KMK Investment» LLP producing copper and aluminium wire rod'), cite(13, '«KMK Investment» - бірінші және екінші кезеңдер', '«KMK Investment» first and second phases', { inferred: true, note: KMK_PHASES })],
  },
  {
    id: 'kmk-eurasian-energy-combine',
    name: 'Eurasian Energy Combine',
    nameKk: 'Еуразиялық энергетикалық комбинат',
    companyId: 'kmk-investment',
    sectors: [Sector.ENERGY_EQUIPMENT],
    sectorSources: [cite(8, 'Еуразиялық энергетикалық комбинат', 'Eurasian Energy Combine', { inferred: true, note: 'The sector is read from the combine\'s name and products.' })],
    products: [
      product('innovative couplings for cable production', 'кабель өндірісіне арналған инновациялық муфталар', true, cite(8, 'кабель өндірісіне арналған инновациялық муфталар', 'innovative couplings for cable production')),
      product('polyethylenes and propylenes', 'полиэтилендер мен пропилендер', true, cite(8, 'полиэтилендер мен пропилендер', 'polyethylenes and propylenes')),
      product('ultra-light cable trays made of alloys', 'қорытпалардан жасалған аса жеңіл кабель жаймалары', true, cite(8, 'қорытпалардан жасалған аса жеңіл кабель жаймалары', 'ultra-light cable trays made of alloys')),
    ],
    status: 'PROPOSED',
    statusSources: [cite(8, 'Инвестордың алдағы жоспарында', 'The investor\'s further plans')],
    progress: 'One of the investor\'s further plans.',
    phase: null,
    phaseSources: [],
    investment: null,
    capacities: [],
    plannedLaunch: null,
    actualLaunch: null,
    remarks: [],
    sources: [cite(8, 'Инвестордың алдағы жоспарында-индустриялық аймақта', 'The investor\'s further plans are to create, in the Industrial Zone,'), cite(8, 'Еуразиялық энергетикалық комбинат құру', 'to create a Eurasian Energy Combine')],
  },
  {
    id: 'kmk-research-institute',
    name: 'Research institute for energy efficiency and innovative developments',
    nameKk: 'энергия тиімділігі және инновациялық әзірлемелер саласындағы ғылыми-зерттеу институты',
    companyId: 'kmk-investment',
    sectors: [Sector.RESEARCH],
    sectorSources: [cite(8, 'ғылыми-зерттеу институты', 'research institute')],
    products: [],
    status: 'PROPOSED',
    statusSources: [cite(8, 'Инвестордың алдағы жоспарында', 'The investor\'s further plans')],
    progress: 'One of the investor\'s further plans.',
    phase: null,
    phaseSources: [],
    investment: null,
    capacities: [],
    plannedLaunch: null,
    actualLaunch: null,
    remarks: [],
    sources: [cite(8, 'сонымен қатар энергия тиімділігі және инновациялық әзірлемелер саласындағы ғылыми-зерттеу институты', 'and also a research institute for energy efficiency and innovative developments')],
  },
  {
    id: 'kaz-dia-test-diagnostics-plant',
    name: 'Kaz-Dia-Test medical diagnostic test systems plant',
    nameKk: 'медициналық диагностикалық сынақ жүйелерін шығаратын зауыт',
    companyId: 'kaz-dia-test',
    sectors: [Sector.MEDICAL_DIAGNOSTICS],
    sectorSources: [cite(9, 'медициналық диагностикалық сынақ жүйелерін шығаратын зауыт', 'a plant producing medical diagnostic test systems', { inferred: true, note: 'The sector is read from the product.' })],
    products: [
      product('rapid tests for infectious and oncological diseases', 'жұқпалы және онкологиялық ауруларға жедел тесттер', true, cite(9, 'жұқпалы және онкологиялық ауруларға жедел тесттер шығаруды', 'to produce rapid tests for infectious and oncological diseases')),
      product('nutrient media (the first domestic serial industrial production)', 'қоректік орталар', true, cite(9, 'қоректік орталардың алғашқы отандық, сериялық өнеркәсіптік өндірісін дамытуды', 'to develop the first domestic serial industrial production of nutrient media')),
      product('PCR tests', 'ПТР-тестілер', true, cite(9, 'ПТР-тестілерді', 'PCR tests')),
      product('COVID-19 express tests', 'коронавирусқа (COVID-19) экспресс-тестілер', true, cite(9, 'коронавирусқа (COVID-19) экспресс-тестілерді', 'COVID-19 express tests')),
      product('tests for early stages of oncology', 'онкологияның алғашқы сатыларына тестілер', true, cite(9, 'онкологияның алғашқы сатыларын шығаратын жаңа автоматтандырылған желіні', 'a new automated line producing tests for early stages of oncology')),
    ],
    status: 'UNDER_CONSTRUCTION',
    statusSources: [
      cite(9, 'Бүгінгі күні өндірістік ғимаратты салу бойынша құрылыс-монтаждау жұмыстары аяқталды', 'Construction and installation of the production building is finished today'),
      cite(9, 'үй-жайлардың әрлеу жұмыстары жүргізілуде', 'interior finishing is under way'),
    ],
    progress: 'Construction and installation of the production building is finished; interior finishing is under way. A new automated line (PCR, COVID-19 express and early-oncology tests) is planned.',
    phase: null,
    phaseSources: [],
    investment: money('512000000', Qualifier.EXACT, '512 млн теңгені құрайтын', [cite(9, 'құны 512 млн теңгені құрайтын', 'worth 512 million tenge')]),
    capacities: [],
    plannedLaunch: partialDate('2021-07', DateBound.IN, 'Шілде айында', [
      cite(9, 'Шілде айында', 'In July', { note: 'July of this year, 2021: the document is undated, but its own references place it in 2021.' }),
      DUE_2021('Каз-Диа-Тест'),
    ]),
    actualLaunch: null,
    remarks: [{
      text: 'The akim stressed the special importance of this production: local production of test systems, a matter of public health and of national security as a whole.',
      sources: [cite(10, 'бұл өндірістің ерекше маңыздылығын атап өтті', 'stressed the special importance of this production'), cite(10, 'қоғамдық денсаулық пен жалпы ұлттық қауіпсіздікке байланысты тест-жүйелердің жергілікті өндірісін жолға қоюға мүмкіндік береді', 'will allow local production of test systems to be established, a matter of public health and of national security as a whole')],
    }],
    sources: [cite(9, '«Қаз-Диа-Тест» ЖШС медициналық диагностикалық сынақ жүйелерін шығаратын зауыт іске қосылады', 'a plant of «Kaz-Dia-Test» LLP producing medical diagnostic test systems will be launched'), DUE_2021('Каз-Диа-Тест')],
  },
  {
    id: 'almerek-medical-products-plant',
    name: 'Almerek medical products plant',
    nameKk: 'медициналық өнімдер шығаратын зауыт',
    companyId: 'almerek',
    sectors: [Sector.MEDICAL_PRODUCTS],
    sectorSources: [cite(11, 'медициналық өнімдер шығаратын зауыт', 'a plant producing medical products', { inferred: true, note: 'The sector is read from the product.' })],
    products: [
      product('disposable sterile therapeutic spatulas', 'бір реттік стерильді терапевтік шпательдер', false, cite(11, 'бір реттік стерильді терапевтік шпательдер', 'disposable sterile therapeutic spatulas')),
      product('probes', 'зондтар', false, cite(11, 'зондтар', 'probes')),
      product('kits', 'жиынтықтар', false, cite(11, 'жиынтықтар', 'kits')),
      product('scarifiers', 'скарификаторлар', false, cite(11, 'скарификаторлар', 'scarifiers')),
      product('systems for vacuum collection of fluids', 'сұйықтықтарды вакууммен қабылдау жүйелері', false, cite(11, 'сұйықтықтарды вакууммен қабылдау жүйелері', 'systems for vacuum collection of fluids')),
    ],
    status: 'OPERATING',
    statusSources: [cite(11, 'медициналық өнімдер шығаратын зауыт іске қосылды', 'a plant producing medical products was launched'), cite(11, 'өндірісі басталды', 'production has begun')],
    progress: 'Launched; production has begun.',
    phase: null,
    phaseSources: [],
    investment: money('443400000', Qualifier.EXACT, '443,4 миллион теңге жеке инвестиция', [cite(11, 'Жобаға 443,4 миллион теңге жеке инвестиция құйылды', '443.4 million tenge of private investment went into the project')]),
    capacities: [],
    plannedLaunch: null,
    actualLaunch: null,
    remarks: [],
    sources: [cite(11, '«Әлмерек» ЖШС медициналық өнімдер шығаратын зауыт', 'a plant of «Almerek» LLP producing medical products'), IMPLEMENTED('Алмерек')],
  },
  P12_PROJECT('bsf-new-facility', 'bsf', 'BСФ', '«BСФ» ЖШС', null),
  P12_PROJECT('zhbi-garant-new-facility', 'zhbi-garant', 'ЖБИ Гарант', '«ЖБИ Гарант»', null),
  P12_PROJECT('alem-tynysy-new-facility', 'alem-tynysy', 'Әлем тынысы', '«Әлем тынысы» ЖШС', 'Әлем Тынысы'),
  P12_PROJECT('city-stone-new-facility', 'city-stone', 'City Stone', '«City Stone» ЖШС', 'City Stone'),
  P12_PROJECT('elektrobar-new-facility', 'elektrobar', 'Электробар', '«Электробар» ЖШС', 'Электробар'),
  P12_PROJECT('teplostil-new-facility', 'teplostil', 'Теплостил', '«Теплостил» ЖШС', null),
  IMPLEMENTED_PROJECT('brb-apk-project', 'brb-apk', 'BRB APK'),
  IMPLEMENTED_PROJECT('almapack-project', 'almapack', 'Almapack'),
  IMPLEMENTED_PROJECT('doc-co-ltd-project', 'doc-co-ltd', 'DOC Co.LTD'),
  IMPLEMENTED_PROJECT('tokyo-rope-almaty-project', 'tokyo-rope-almaty', 'TOKYO ROPE ALMATY'),
  IMPLEMENTED_PROJECT('kaztigertape-project', 'kaztigertape', 'KazTigerTape'),
  IMPLEMENTED_PROJECT('enko-project', 'enko', 'ЭНКО'),
  IMPLEMENTED_PROJECT('asset-project', 'asset', 'ASSET'),
  IMPLEMENTED_PROJECT('tekhnovid-project', 'tekhnovid', 'Техновид'),
  IMPLEMENTED_PROJECT('mpz-bizhan-project', 'mpz-bizhan', 'МПЗ Бижан'),
  IMPLEMENTED_PROJECT('dorkhan-almaty-project', 'dorkhan-almaty', 'ДорХан-Алматы'),
  IMPLEMENTED_PROJECT('hyundai-trans-kazakhstan-project', 'hyundai-trans-kazakhstan', 'Hyundai Trans Kazakhstan'),
  DUE_PROJECT('asia-steel-pipe-corporation-project', 'asia-steel-pipe-corporation', 'Asia steel pipe corporation'),
  DUE_PROJECT('technokont-project', 'technokont', 'Technokont'),
];
