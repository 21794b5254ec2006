import { count, Qualifier } from '@azg/core/figures';
import { createLoaders, createRepositories } from '../context';
import { FakeDatabase } from '../testing/fake-database';

const planned430 = count(430, Qualifier.EXACT, '430 жұмыс орнын құрумен', []);
const created100 = count(100, Qualifier.EXACT, '100 жұмыс орны құрылды', []);
const college = {
  id: 'industrial-zone-technical-college', kind: 'TECHNICAL_COLLEGE', name: 'Technical college of the Industrial Zone', nameKk: 'техникалық колледж',
  status: 'PLANNED', builder: null, builderKk: null, location: null, purpose: null, servesAllZoneProjects: true, sources: [],
};

const recorded = {
  id: '1', projectId: 'valtherm-radiator-plant', recordedOn: '2022-01-10', planned: planned430, created: null, sources: [],
  enteredBy: { subject: 'editor-1', role: 'editor', at: '2022-01-10T09:00:00.000Z', operation: 'recordJobs' },
};

describe('the project workforce loader', () => {
  const db = () => new FakeDatabase(() => [{
    jobsByProject: {
      'valtherm-radiator-plant': { planned: planned430, created: null },
      'kmk-investment-cable-plant': { planned: null, created: created100 },
    },
    trainingInstitutions: [college],
    jobRecordsByProject: { 'valtherm-radiator-plant': [recorded] },
  }]);

  it('answers every project of a batch from one statement, keyed by project_id = ANY($1)', async () => {
    const database = db();
    const loaders = createLoaders(createRepositories(database));

    const answers = await Promise.all(['brb-apk-project', 'valtherm-radiator-plant', 'kmk-investment-cable-plant'].map((id) => loaders.projectWorkforce.load(id)));

    expect(database.statements).toHaveLength(1);
    expect(database.statements[0]!.sql).toMatch(/project_id = ANY\(\$1::text\[\]\)/);
    expect(database.statements[0]!.parameters).toEqual([['brb-apk-project', 'valtherm-radiator-plant', 'kmk-investment-cable-plant']]);
    expect(answers.map((answer) => answer.jobs)).toEqual([
      { planned: null, created: null },
      { planned: planned430, created: null },
      { planned: null, created: created100 },
    ]);
  });

  it('gives every project the institutions that serve the whole zone', async () => {
    const loaders = createLoaders(createRepositories(db()));

    const [a, b] = await Promise.all([loaders.projectWorkforce.load('brb-apk-project'), loaders.projectWorkforce.load('valtherm-radiator-plant')]);

    expect(a!.trainingInstitutions).toEqual([college]);
    expect(b!.trainingInstitutions).toEqual([college]);
  });

  it('brings each project\'s job records in the same statement, [] for a project with none', async () => {
    const database = db();
    const loaders = createLoaders(createRepositories(database));

    const [a, b] = await Promise.all([loaders.projectWorkforce.load('brb-apk-project'), loaders.projectWorkforce.load('valtherm-radiator-plant')]);

    expect(database.statements).toHaveLength(1);
    expect(a!.jobRecords).toEqual([]);
    expect(b!.jobRecords).toEqual([recorded]);
  });

  it('answers unknown jobs for an id that happens to name an object property', async () => {
    const loaders = createLoaders(createRepositories(db()));

    expect((await loaders.projectWorkforce.load('constructor')).jobs).toEqual({ planned: null, created: null });
  });
});
