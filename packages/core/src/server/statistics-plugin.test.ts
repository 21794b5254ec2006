import { ApolloServer } from '@apollo/server';
import { statisticsPlugin, type StatisticsContext } from './statistics-plugin';

interface CountingContext extends StatisticsContext {
  statements: number;
}

async function answer(reportSqlStats: boolean) {
  const server = new ApolloServer<CountingContext>({
    typeDefs: 'type Query { hello: String }',
    resolvers: { Query: { hello: () => 'world' } },
    plugins: [statisticsPlugin<CountingContext>('sqlStatements', (context) => context.statements)],
  });
  await server.start();
  try {
    const response = await server.executeOperation({ query: '{ hello }' }, { contextValue: { reportSqlStats, statements: 3 } });
    return response.body.kind === 'single' ? response.body.singleResult : undefined;
  } finally {
    await server.stop();
  }
}

describe('the statistics plugin', () => {
  it('adds the count under its key when the caller asked for statistics', async () => {
    expect(await answer(true)).toMatchObject({ data: { hello: 'world' }, extensions: { sqlStatements: 3 } });
  });

  it('adds nothing otherwise', async () => {
    expect((await answer(false))?.extensions).toBeUndefined();
  });
});
