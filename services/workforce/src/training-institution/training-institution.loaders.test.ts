import { createLoaders, createRepositories } from '../context';
import { FakeDatabase } from '../testing/fake-database';

const college = {
  id: 'industrial-zone-technical-college', kind: 'TECHNICAL_COLLEGE', name: 'Technical college of the Industrial Zone', nameKk: 'техникалық колледж',
  status: 'PLANNED', builder: null, builderKk: null, location: null, purpose: null, servesAllZoneProjects: true, sources: [],
};

describe('the training institution loader', () => {
  it('answers in key order, null for an unknown id, in one statement', async () => {
    const database = new FakeDatabase(() => [college]);
    const loaders = createLoaders(createRepositories(database));

    const answers = await loaders.trainingInstitution.loadMany(['no-such-college', 'industrial-zone-technical-college']);

    expect(database.statements).toHaveLength(1);
    expect(database.statements[0]!.parameters).toEqual([['no-such-college', 'industrial-zone-technical-college']]);
    expect(answers).toEqual([null, college]);
  });
});
