import { count, Qualifier } from '@azg/core/figures';
import { createLoaders, createRepositories } from '../context';
import { FakeDatabase } from '../testing/fake-database';

describe('the group jobs loader', () => {
  it('answers in key order, null where the document gives the group no jobs, in one statement', async () => {
    const aerated = count(165, Qualifier.AT_LEAST, '165-тен астам', []);
    const database = new FakeDatabase(() => [{ groupId: 'aerated-concrete-plants', planned: aerated, created: null }]);
    const loaders = createLoaders(createRepositories(database));

    const answers = await loaders.groupJobs.loadMany(['removed-from-portfolio', 'aerated-concrete-plants']);

    expect(database.statements).toHaveLength(1);
    expect(database.statements[0]!.sql).toMatch(/group_id = ANY\(\$1::text\[\]\)/);
    expect(answers).toEqual([null, { groupId: 'aerated-concrete-plants', planned: aerated, created: null }]);
  });
});
