/**
 * The seed facts against the document itself: every quote must stand, verbatim, in the
 * paragraph it cites, and every company spelling taken from the original must be there too.
 * No database: this reads the facts modules and the original text.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Source } from '@azg/core/figures';
import { COMPANIES } from '@azg/companies/seed';
import * as land from '@azg/land/seed';
import { COUNCIL } from '@azg/projects/seed';
import { GROUPS } from '@azg/projects/seed';
import { PROJECTS } from '@azg/projects/seed';
import { loadPressRelease, parseOriginal } from '@azg/projects/seed';
import * as workforce from '@azg/workforce/seed';

const original = parseOriginal(readFileSync(path.join(__dirname, '../services/projects/seed-data/press-release.kk.txt'), 'utf8'));

/** Every Source object anywhere inside `value`, with the path it was found at. */
function sourcesIn(value: unknown, at = ''): Array<{ at: string; source: Source }> {
  if (Array.isArray(value)) return value.flatMap((item, index) => sourcesIn(item, `${at}[${index}]`));
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const own = typeof record.quote === 'string' && typeof record.paragraph === 'number' && typeof record.documentId === 'string'
    ? [{ at, source: record as unknown as Source }]
    : [];
  return [...own, ...Object.entries(record).flatMap(([key, item]) => sourcesIn(item, `${at}.${key}`))];
}

const ALL_FACTS = { COMPANIES, PROJECTS, GROUPS, COUNCIL, land, workforce };
const citations = sourcesIn(ALL_FACTS);

describe('the source document', () => {
  it('has the sixteen paragraphs of the translation, in both languages', () => {
    const document = loadPressRelease();
    expect(document.paragraphs).toHaveLength(16);
    expect(document.paragraphs[0]!.english).toMatch(/^Almaty akim Bakytzhan Sagintayev held an off-site meeting/);
    expect(document.paragraphs[15]!.original).toBe('Ақпарат көзі: Алматы қаласы әкімдігінің қоғаммен байланыс қызметі');
    expect(document.readingNotes.length).toBeGreaterThanOrEqual(4);
  });
});

describe('every citation in the seed facts', () => {
  it('is there to check', () => {
    expect(citations.length).toBeGreaterThan(300);
  });

  it.each(citations.map(({ at, source }) => [at, source] as const))('%s quotes its paragraph verbatim', (_at, source) => {
    expect(original[source.paragraph - 1]).toContain(source.quote);
  });

  it('gives a reason for every inference', () => {
    const unexplained = citations.filter(({ source }) => source.inferred && !source.note);
    expect(unexplained.map(({ at }) => at)).toEqual([]);
  });
});

describe('company spellings', () => {
  it.each(COMPANIES.flatMap((company) => company.spellings.filter((spelling) => spelling.origin === 'ORIGINAL')
    .map((spelling) => [company.id, spelling.text, spelling.paragraph] as const)))('%s is spelled «%s» in P%i', (_id, text, paragraph) => {
    expect(original[paragraph - 1]).toContain(`«${text}»`.replace('«KMK Investment»', 'KMK Investment'));
  });

  it('keeps one record per company however the text spells it', () => {
    const almerek = COMPANIES.filter((company) => company.spellings.some((spelling) => ['Әлмерек', 'Алмерек'].includes(spelling.text)));
    expect(almerek.map((company) => company.id)).toEqual(['almerek']);
  });
});

describe('references between the facts', () => {
  const projectIds = new Set(PROJECTS.map((project) => project.id));
  const groupIds = new Set(GROUPS.map((group) => group.id));
  const companyIds = new Set(COMPANIES.map((company) => company.id));

  it('name only projects, groups and companies that exist', () => {
    expect(PROJECTS.filter((project) => !companyIds.has(project.companyId))).toEqual([]);
    expect(GROUPS.flatMap((group) => group.members).filter((member) => !projectIds.has(member.projectId))).toEqual([]);
    expect(land.LAND_PLOTS.filter((plot) => plot.projectId && !projectIds.has(plot.projectId))).toEqual([]);
    expect(land.ZONE_LAND_FIGURES.filter((figure) => figure.groupId && !groupIds.has(figure.groupId))).toEqual([]);
    expect(workforce.PROJECT_JOBS.filter((jobs) => !projectIds.has(jobs.projectId))).toEqual([]);
    expect(workforce.GROUP_JOBS.filter((jobs) => !groupIds.has(jobs.groupId))).toEqual([]);
    expect(groupIds.has(COUNCIL.supportedGroupId)).toBe(true);
  });

  it('list exactly as many members as the document counts where it names them all', () => {
    for (const group of GROUPS.filter((candidate) => candidate.membersKnown === 'COMPLETE' && candidate.reportedCount)) {
      expect([group.id, group.members.length]).toEqual([group.id, group.reportedCount!.value]);
    }
  });

  it('never put a group figure on a member: projects of P4 and P12 have no investment of their own', () => {
    const shared = GROUPS.filter((group) => ['aerated-concrete-plants', 'p12-construction-review'].includes(group.id))
      .flatMap((group) => group.members.map((member) => member.projectId));
    expect(shared).toHaveLength(8);
    for (const id of shared) expect(PROJECTS.find((project) => project.id === id)!.investment).toBeNull();
  });
});
