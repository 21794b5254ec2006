/**
 * The document, paragraph by paragraph, asked through the gateway: every figure comes back with
 * its qualifier, unit, precision and the paragraph and Kazakh words it rests on.
 */
import { sharedStack } from './support/shared-stack';

/** The shared stack: this file only reads (see shared-stack.ts for what a file on it may write). */
const stack = sharedStack();

interface SourceShape { paragraph: number; quote: string; inferred: boolean; note: string | null }

/** Runs a query through the gateway and returns its data, failing on any error. */
async function ask<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const { status, body } = await stack.query(query, variables);
  expect(body.errors).toBeUndefined();
  expect(status).toBe(200);
  return body.data as T;
}

/** The figure rests on paragraph `paragraph`, quoting `words` (a part of the quote is enough). */
function expectCited(sources: SourceShape[], paragraph: number, words: string): void {
  expect(sources).toEqual(expect.arrayContaining([expect.objectContaining({ paragraph, quote: expect.stringContaining(words) })]));
}

const SOURCES = 'sources { documentId paragraph quote translation inferred note }';
const MONEY = `{ tenge qualifier stated ${SOURCES} }`;
const COUNT = `{ value qualifier stated ${SOURCES} }`;
const AREA = `{ value unit hectares qualifier stated ${SOURCES} }`;
const DATE = `{ year quarter month precision bound text stated ${SOURCES} }`;

describe('P1: the akim\'s off-site meeting with the Regional Coordination Council', () => {
  it('is an event of the council, held by the akim, about the Industrial Zone', async () => {
    const data = await ask(`{ regionalCoordinationCouncil { nameKk events { heldBy heldByKk description ${SOURCES} } } }`);
    const [event] = data.regionalCoordinationCouncil.events;
    expect(event.heldBy).toBe('Bakytzhan Sagintayev, akim of Almaty');
    expectCited(event.sources, 1, 'көшпелі кеңес өткізді');
    const zone = await ask(`{ industrialZone { name aliases { text paragraph } ${SOURCES} } }`);
    expect(zone.industrialZone.aliases).toEqual(expect.arrayContaining([{ text: 'Алматының Индустриалды аумағы', paragraph: 1 }]));
  });
});

describe('P2: the council was reformatted in October 2019', () => {
  it('answers the month at month precision, and the members it has', async () => {
    const data = await ask(`{ regionalCoordinationCouncil { reformatted ${DATE} memberCategories { name nameKk } remarks { text ${SOURCES} } } }`);
    const council = data.regionalCoordinationCouncil;
    expect(council.reformatted).toMatchObject({ year: 2019, month: 10, quarter: null, precision: 'MONTH', bound: 'IN', text: '2019-10' });
    expectCited(council.reformatted.sources, 2, '2019 жылдың қазан айында');
    expect(council.memberCategories.map((member: { nameKk: string }) => member.nameKk))
      .toEqual(['сарапшылар', 'жұмыс істеп тұрған кәсіпорындардың басшылары', 'салалық кәсіподақтардың басшылары']);
    expectCited(council.remarks[0].sources, 2, 'жоғары технологиялық өндірістер ашылуда');
  });
});

describe('P3: the council\'s two years, and the zone\'s land', () => {
  it('12 meetings supported 51 projects worth 172.3 billion tenge, creating more than 6,500 jobs', async () => {
    const data = await ask(`{ regionalCoordinationCouncil { meetingCount ${COUNT} meetingPeriod
      supportedProjects { id reportedCount ${COUNT} reportedInvestment ${MONEY} membersKnown members { totalCount nodes { id } } jobs { planned ${COUNT} created { value } } } } }`);
    const council = data.regionalCoordinationCouncil;
    expect(council.meetingCount).toMatchObject({ value: 12, qualifier: 'EXACT' });
    expectCited(council.meetingCount.sources, 3, '12 отырысы өткізілді');
    const supported = council.supportedProjects;
    expect(supported.reportedCount).toMatchObject({ value: 51, qualifier: 'EXACT' });
    expect(supported.reportedInvestment).toMatchObject({ tenge: '172300000000', qualifier: 'EXACT', stated: '172, 3 миллиард теңгеге' });
    expect(supported.jobs.planned).toMatchObject({ value: 6500, qualifier: 'AT_LEAST' });
    expect(supported.jobs.created).toBeNull();
    expect(supported.membersKnown).toBe('NONE');
    expect(supported.members).toEqual({ totalCount: 0, nodes: [] });
  });

  it('185 ha given to investors, 15 ha optimized, 156 ha freed by removing 38 projects', async () => {
    const data = await ask(`{ industrialZone { landFigures { status reason area ${AREA} group { id reportedCount { value } } ${SOURCES} } } }`);
    const figures = Object.fromEntries(data.industrialZone.landFigures.map((figure: { status: string }) => [figure.status, figure]));
    expect(figures.ALLOCATED.area).toMatchObject({ value: '185', unit: 'HECTARE', hectares: '185', qualifier: 'EXACT' });
    expectCited(figures.ALLOCATED.area.sources, 3, 'Инвесторларға 185 гектар');
    expect(figures.OPTIMIZED.area).toMatchObject({ value: '15', unit: 'HECTARE', qualifier: 'EXACT' });
    expectCited(figures.OPTIMIZED.area.sources, 3, 'тиімсіз пайдаланылатын 15 гектар');
    expect(figures.RELEASED.area).toMatchObject({ value: '156', unit: 'HECTARE', qualifier: 'EXACT' });
    expect(figures.RELEASED.group).toEqual({ id: 'removed-from-portfolio', reportedCount: { value: 38 } });
    expectCited(figures.RELEASED.sources, 3, 'портфелінен шығарылды');
  });

  it('the link of the 185 ha to the supported projects is marked as an inference', async () => {
    const data = await ask(`{ projectGroup(id: "council-supported-projects") { landFigures { status area { hectares } ${SOURCES} } } }`);
    const [figure] = data.projectGroup.landFigures;
    expect(figure.area.hectares).toBe('185');
    expect(figure.sources).toEqual(expect.arrayContaining([expect.objectContaining({ inferred: true, note: expect.any(String) })]));
  });
});

describe('P4: the two aerated-concrete plants', () => {
  it('have more than 2 billion tenge and more than 165 planned jobs together, and none of it alone', async () => {
    const data = await ask(`{ projectGroup(id: "aerated-concrete-plants") {
      reportedCount ${COUNT} reportedInvestment ${MONEY} jobs { planned ${COUNT} }
      members { totalCount nodes { id status investment { tenge } workforce { planned { value } created { value } } company { name legalForm } } } } }`);
    const group = { ...data.projectGroup, members: data.projectGroup.members.nodes };
    expect(data.projectGroup.members.totalCount).toBe(2);
    expect(group.reportedInvestment).toMatchObject({ tenge: '2000000000', qualifier: 'AT_LEAST', stated: '2 млрд теңгеден астам' });
    expectCited(group.reportedInvestment.sources, 4, 'Жобаларға 2 млрд теңгеден астам инвестиция салынды');
    expect(group.jobs.planned).toMatchObject({ value: 165, qualifier: 'AT_LEAST' });
    expect(group.members).toHaveLength(2);
    for (const member of group.members) {
      expect(member).toMatchObject({ status: 'COMMISSIONING', investment: null, workforce: { planned: null, created: null } });
      expect(member.company.legalForm).toBe('LLP');
    }
    expect(group.members.map((member: { company: { name: string } }) => member.company.name).sort()).toEqual(['Г. С. Г. Высотник', 'СК Рахат']);
  });
});

describe('P5: Valtherm', () => {
  it('more than 10 ha, 11.6 billion tenge, 430 jobs, launch planned for September 2021', async () => {
    const data = await ask(`{ project(id: "valtherm-radiator-plant") { status progress investment ${MONEY}
      plannedLaunch ${DATE} landPlots { status area ${AREA} } workforce { planned ${COUNT} created { value } }
      remarks { text ${SOURCES} } } }`);
    const project = data.project;
    expect(project.status).toBe('UNDER_CONSTRUCTION');
    expect(project.investment).toMatchObject({ tenge: '11600000000', qualifier: 'EXACT', stated: '11,6 млрд. теңгені құрайтын' });
    expectCited(project.investment.sources, 5, '11,6 млрд. теңгені құрайтын');
    expect(project.plannedLaunch).toMatchObject({ year: 2021, month: 9, precision: 'MONTH', bound: 'IN', text: '2021-09' });
    expect(project.landPlots).toHaveLength(1);
    expect(project.landPlots[0]).toMatchObject({ status: 'ALLOCATED', area: { value: '10', unit: 'HECTARE', qualifier: 'AT_LEAST' } });
    expectCited(project.landPlots[0].area.sources, 5, '10 гектардан астам');
    expect(project.workforce.planned).toMatchObject({ value: 430, qualifier: 'EXACT' });
    expect(project.workforce.created).toBeNull();
    expectCited(project.remarks[0].sources, 5, 'Қазақстандағы алғашқы зауытты');
  });
});

describe('P6: the technical college', () => {
  it('is planned, built by the city akimat in the zone, and trains for all of the zone\'s projects', async () => {
    const data = await ask(`{ trainingInstitutions { id kind status builder builderKk location servesAllZoneProjects ${SOURCES} projects(first: 100) { totalCount nodes { id } } } }`);
    const [college] = data.trainingInstitutions;
    expect(college).toMatchObject({ kind: 'TECHNICAL_COLLEGE', status: 'PLANNED', builderKk: 'Қала әкімдігі', servesAllZoneProjects: true });
    expectCited(college.sources, 6, 'ИАА-да техникалық колледж салынады');
    const projects = await ask('{ projects(first: 100) { totalCount nodes { id status } } }');
    expect(projects.projects.nodes).toHaveLength(projects.projects.totalCount);
    const notRemoved = projects.projects.nodes.filter((project: { status: string }) => project.status !== 'REMOVED');
    expect(college.projects.totalCount).toBe(notRemoved.length);
    expect(college.projects.nodes.map((project: { id: string }) => project.id)).toEqual(notRemoved.map((project: { id: string }) => project.id));
    const valtherm = await ask('{ project(id: "valtherm-radiator-plant") { trainingInstitutions { id } } }');
    expect(valtherm.project.trainingInstitutions).toEqual([{ id: college.id }]);
  });
});

describe('P7: KMK Investment\'s two plants', () => {
  it('the wire-rod plant: Q1 2021, more than 25 thousand tonnes a year, 11.3 billion tenge, 80 jobs', async () => {
    const data = await ask(`{ project(id: "kmk-investment-wire-rod-plant") { status phase phaseSources { inferred note }
      actualLaunch ${DATE} capacities { value unit period product qualifier stated ${SOURCES} } investment ${MONEY}
      workforce { created ${COUNT} planned { value } } company { name spellings { text script } } } }`);
    const plant = data.project;
    expect(plant.status).toBe('OPERATING');
    expect(plant.actualLaunch).toMatchObject({ year: 2021, quarter: 1, month: null, precision: 'QUARTER', text: '2021-Q1' });
    expect(plant.capacities).toEqual([expect.objectContaining({ value: '25000', unit: 'tonne', period: 'year', qualifier: 'AT_LEAST' })]);
    expectCited(plant.capacities[0].sources, 7, 'жылына 25 мың тоннадан астам');
    expect(plant.investment).toMatchObject({ tenge: '11300000000', qualifier: 'EXACT' });
    expect(plant.workforce.created).toMatchObject({ value: 80 });
    expect(plant.phase).toBe(2);
    expect(plant.phaseSources[0]).toMatchObject({ inferred: true, note: expect.stringContaining('most likely') });
    expect(plant.company.spellings).toEqual(expect.arrayContaining([
      expect.objectContaining({ text: 'КМК Investment', script: 'MIXED' }),
      expect.objectContaining({ text: 'KMK Investment', script: 'LATIN' }),
    ]));
  });

  it('the cable plant: launched in 2018, 20 thousand km a year, 12.7 billion tenge, 100 jobs created', async () => {
    const data = await ask(`{ project(id: "kmk-investment-cable-plant") { actualLaunch ${DATE} capacities { value unit period qualifier }
      investment ${MONEY} workforce { created ${COUNT} } phase } }`);
    const plant = data.project;
    expect(plant.actualLaunch).toMatchObject({ year: 2018, precision: 'YEAR', text: '2018' });
    expect(plant.capacities).toEqual([{ value: '20000', unit: 'kilometre', period: 'year', qualifier: 'EXACT' }]);
    expect(plant.investment).toMatchObject({ tenge: '12700000000', qualifier: 'EXACT' });
    expectCited(plant.workforce.created.sources, 7, '100 жұмыс орны құрылды');
    expect(plant.phase).toBe(1);
  });
});

describe('P8: KMK Investment\'s further plans', () => {
  it('the Eurasian Energy Combine and a research institute are proposed, with nothing invented about them', async () => {
    const data = await ask(`{ company(id: "kmk-investment") { projects { totalCount nodes { id status investment { tenge } plannedLaunch { text } products { name planned } } } } }`);
    expect(data.company.projects.totalCount).toBe(4);
    const proposed = data.company.projects.nodes.filter((project: { status: string }) => project.status === 'PROPOSED');
    expect(proposed.map((project: { id: string }) => project.id).sort()).toEqual(['kmk-eurasian-energy-combine', 'kmk-research-institute']);
    for (const project of proposed) expect(project).toMatchObject({ investment: null, plannedLaunch: null });
    const combine = proposed.find((project: { id: string }) => project.id === 'kmk-eurasian-energy-combine');
    expect(combine.products.map((product: { name: string }) => product.name)).toEqual([
      'innovative couplings for cable production', 'polyethylenes and propylenes', 'ultra-light cable trays made of alloys',
    ]);
  });
});

describe('P9 and P10: Kaz-Dia-Test', () => {
  it('512 million tenge, 65 jobs, launch in July 2021, and the akim\'s words on its importance', async () => {
    const data = await ask(`{ project(id: "kaz-dia-test-diagnostics-plant") { status investment ${MONEY} plannedLaunch ${DATE}
      workforce { planned ${COUNT} created { value } } products { name planned } remarks { text ${SOURCES} } company { spellings { text script origin } } } }`);
    const plant = data.project;
    expect(plant.investment).toMatchObject({ tenge: '512000000', qualifier: 'EXACT', stated: '512 млн теңгені құрайтын' });
    expect(plant.plannedLaunch).toMatchObject({ year: 2021, month: 7, precision: 'MONTH', text: '2021-07' });
    expectCited(plant.plannedLaunch.sources, 9, 'Шілде айында');
    expect(plant.workforce.planned).toMatchObject({ value: 65, qualifier: 'EXACT' });
    expect(plant.products.map((product: { name: string }) => product.name)).toEqual(expect.arrayContaining(['PCR tests', 'COVID-19 express tests']));
    expectCited(plant.remarks[0].sources, 10, 'ұлттық қауіпсіздікке');
    expect(plant.company.spellings).toEqual(expect.arrayContaining([
      expect.objectContaining({ text: 'Қаз-Диа-Тест', script: 'KAZAKH_CYRILLIC', origin: 'ORIGINAL' }),
      expect.objectContaining({ text: 'Каз-Диа-Тест', script: 'CYRILLIC', origin: 'ORIGINAL' }),
    ]));
  });
});

describe('P11: Almerek', () => {
  it('443.4 million tenge of private investment and 50 jobs created; one company under both spellings', async () => {
    const data = await ask(`{ project(id: "almerek-medical-products-plant") { status investment ${MONEY} workforce { created ${COUNT} planned { value } }
      products { name } company { id spellings { text } projects { totalCount nodes { id } } } } }`);
    const plant = data.project;
    expect(plant.status).toBe('OPERATING');
    expect(plant.investment).toMatchObject({ tenge: '443400000', qualifier: 'EXACT' });
    expectCited(plant.investment.sources, 11, '443,4 миллион теңге жеке инвестиция');
    expect(plant.workforce).toMatchObject({ created: { value: 50, qualifier: 'EXACT' }, planned: null });
    expect(plant.products).toHaveLength(5);
    expect(plant.company.spellings.map((spelling: { text: string }) => spelling.text)).toEqual(expect.arrayContaining(['Әлмерек', 'Алмерек']));
    expect(plant.company.projects).toEqual({ totalCount: 1, nodes: [{ id: 'almerek-medical-products-plant' }] });
  });
});

describe('P12: six new facilities under construction', () => {
  it('3.8 billion tenge and 340 jobs belong to the six together; each one\'s sector is unknown', async () => {
    const data = await ask(`{ projectGroup(id: "p12-construction-review") { reportedCount { value } reportedInvestment ${MONEY} sectors jobs { planned ${COUNT} }
      members { totalCount nodes { status investment { tenge } sectors workforce { planned { value } } company { name legalForm } } } } }`);
    const group = { ...data.projectGroup, members: data.projectGroup.members.nodes };
    expect(data.projectGroup.members.totalCount).toBe(6);
    expect(group.reportedCount).toBeNull();
    expect(group.reportedInvestment).toMatchObject({ tenge: '3800000000', qualifier: 'EXACT' });
    expect(group.jobs.planned).toMatchObject({ value: 340, qualifier: 'EXACT' });
    expect(group.sectors).toEqual(['CHEMICAL', 'CONSTRUCTION', 'MACHINE_BUILDING']);
    expect(group.members).toHaveLength(6);
    for (const member of group.members) {
      expect(member).toMatchObject({ status: 'UNDER_CONSTRUCTION', investment: null, sectors: [], workforce: { planned: null } });
    }
    const garant = group.members.find((member: { company: { name: string } }) => member.company.name === 'ЖБИ Гарант');
    expect(garant.company.legalForm).toBeNull();
  });
});

describe('P13: the zone\'s participants and its 14 implemented projects', () => {
  it('54 companies with projects worth 211.7 billion tenge and 6.2 thousand jobs', async () => {
    const data = await ask(`{ projectGroup(id: "zone-participants") { countUnit reportedCount ${COUNT} reportedInvestment ${MONEY} membersKnown jobs { planned ${COUNT} } } }`);
    const group = data.projectGroup;
    expect(group).toMatchObject({ countUnit: 'COMPANIES', membersKnown: 'PARTIAL' });
    expect(group.reportedCount).toMatchObject({ value: 54, qualifier: 'EXACT' });
    expect(group.reportedInvestment).toMatchObject({ tenge: '211700000000', qualifier: 'EXACT' });
    expect(group.jobs.planned).toMatchObject({ value: 6200 });
    expectCited(group.jobs.planned.sources, 13, '6,2 мың жұмыс орнын');
  });

  it('14 projects implemented, 75 billion tenge, 2,248 jobs created; KMK\'s two phases are marked inferred', async () => {
    const data = await ask(`{ projectGroup(id: "implemented-to-date") { reportedCount ${COUNT} reportedInvestment ${MONEY} jobs { created ${COUNT} planned { value } }
      memberships { totalCount nodes { project { id status company { name } } sources { inferred } } } } }`);
    const group = { ...data.projectGroup, memberships: data.projectGroup.memberships.nodes };
    expect(data.projectGroup.memberships.totalCount).toBe(14);
    expect(group.reportedCount).toMatchObject({ value: 14 });
    expect(group.reportedInvestment).toMatchObject({ tenge: '75000000000' });
    expect(group.jobs).toMatchObject({ created: { value: 2248, qualifier: 'EXACT' }, planned: null });
    expect(group.memberships).toHaveLength(14);
    const inferred = group.memberships.filter((membership: { sources: Array<{ inferred: boolean }> }) => membership.sources.every((source) => source.inferred));
    expect(inferred.map((membership: { project: { id: string } }) => membership.project.id).sort())
      .toEqual(['kmk-investment-cable-plant', 'kmk-investment-wire-rod-plant']);
    for (const membership of group.memberships) expect(membership.project.status).toBe('OPERATING');
  });
});

describe('P14: nine projects due by the end of 2021', () => {
  it('40.5 billion tenge and 823 jobs; each member due by the end of 2021 at year precision', async () => {
    const data = await ask(`{ projectGroup(id: "launch-by-end-of-2021") { reportedCount { value } reportedInvestment ${MONEY} due ${DATE} jobs { planned ${COUNT} }
      members { totalCount nodes { id plannedLaunch { year bound precision } company { name } } } } }`);
    const group = { ...data.projectGroup, members: data.projectGroup.members.nodes };
    expect(data.projectGroup.members.totalCount).toBe(9);
    expect(group.reportedCount).toEqual({ value: 9 });
    expect(group.reportedInvestment).toMatchObject({ tenge: '40500000000' });
    expect(group.due).toMatchObject({ year: 2021, precision: 'YEAR', bound: 'BY' });
    expect(group.jobs.planned).toMatchObject({ value: 823 });
    expect(group.members).toHaveLength(9);
    for (const member of group.members) expect(member.plannedLaunch.year).toBe(2021);
    const loose = group.members.filter((member: { plannedLaunch: { bound: string } }) => member.plannedLaunch.bound === 'IN').map((member: { id: string }) => member.id).sort();
    expect(loose).toEqual(['kaz-dia-test-diagnostics-plant', 'valtherm-radiator-plant']);
  });
});

describe('P15: industrial parks and the 2025 pipeline', () => {
  it('5 parks and 22 thousand m² for SMEs in 2021, 2.3 billion tenge and 860 jobs together', async () => {
    const data = await ask(`{ industrialParks { parkCount ${COUNT} smeProductionSpace ${AREA} plannedOpening ${DATE}
      group { reportedInvestment ${MONEY} jobs { planned ${COUNT} } } } }`);
    const [parks] = data.industrialParks;
    expect(parks.parkCount).toMatchObject({ value: 5 });
    expect(parks.smeProductionSpace).toMatchObject({ value: '22000', unit: 'SQUARE_METRE', hectares: '2.2', qualifier: 'EXACT' });
    expectCited(parks.smeProductionSpace.sources, 15, '22 мың шаршы метр');
    expect(parks.plannedOpening).toMatchObject({ year: 2021, precision: 'YEAR' });
    expect(parks.group.reportedInvestment).toMatchObject({ tenge: '2300000000' });
    expect(parks.group.jobs.planned).toMatchObject({ value: 860 });
  });

  it('28 projects by 2025 worth 93 billion tenge, creating more than 3 thousand jobs', async () => {
    const data = await ask(`{ projectGroup(id: "pipeline-2025") { reportedCount { value } reportedInvestment ${MONEY} due ${DATE} jobs { planned ${COUNT} } } }`);
    const group = data.projectGroup;
    expect(group.reportedCount).toEqual({ value: 28 });
    expect(group.reportedInvestment).toMatchObject({ tenge: '93000000000' });
    expect(group.due).toMatchObject({ year: 2025, bound: 'BY' });
    expect(group.jobs.planned).toMatchObject({ value: 3000, qualifier: 'AT_LEAST' });
  });
});

describe('P16: the source', () => {
  it('the document names its publisher, and every paragraph can be read in both languages', async () => {
    const data = await ask(`{ sourceDocument { id publisher publisherKk language dated { year precision ${SOURCES} } paragraphs { number original english } ${SOURCES} } }`);
    const document = data.sourceDocument;
    expect(document.publisherKk).toBe('Алматы қаласы әкімдігінің қоғаммен байланыс қызметі');
    expect(document.paragraphs).toHaveLength(16);
    expectCited(document.sources, 16, 'Ақпарат көзі');
    expect(document.dated).toMatchObject({ year: 2021, precision: 'YEAR' });
    expect(document.dated.sources[0].inferred).toBe(true);
  });
});

describe('what the document does not say', () => {
  it('is null, never 0: projects named with no figures have no investment, jobs or launch date', async () => {
    const data = await ask('{ project(id: "hyundai-trans-kazakhstan-project") { investment { tenge } workforce { planned { value } created { value } } plannedLaunch { text } actualLaunch { text } landPlots { id } } }');
    expect(data.project).toEqual({ investment: null, workforce: { planned: null, created: null }, plannedLaunch: null, actualLaunch: null, landPlots: [] });
  });
});
