import { readFileSync } from 'node:fs';
import { operationLimitRules, readOperationLimits } from '@azg/core/limits';
import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { API_SCHEMA_PATH } from '../repository';
import { BENCH_OPERATIONS, type BenchOperation } from './operations';

const operationNamed = (name: string): BenchOperation => BENCH_OPERATIONS.find((operation) => operation.name === name)!;

describe('the bench operations', () => {
  it('are valid against the client-facing schema and pass the gateway\'s default limits, in the federation dialect', () => {
    const schema = buildSchema(readFileSync(API_SCHEMA_PATH, 'utf8'));
    const limits = readOperationLimits({});
    for (const operation of BENCH_OPERATIONS) {
      const { query } = JSON.parse(operation.body('federation')) as { query: string };
      const refusals = validate(schema, parse(query, { maxTokens: limits.maxTokens }), [...specifiedRules, ...operationLimitRules(limits, true)]).map((error) => error.message);
      expect([operation.name, refusals]).toEqual([operation.name, []]);
    }
  });

  it('send their variables under their own operation name in both dialects', () => {
    for (const operation of BENCH_OPERATIONS) {
      for (const dialect of ['federation', 'postgraphile'] as const) {
        const body = JSON.parse(operation.body(dialect)) as { query: string; variables: unknown; operationName: string };
        expect(body.operationName).toBe(operation.name);
        expect(body.query).toMatch(new RegExp(`\\bquery ${operation.name}\\b`));
        expect(body.variables).toEqual(operation.variables);
      }
    }
  });
});

describe('ForeignFieldPage', () => {
  const operation = operationNamed('ForeignFieldPage');
  const valtherm = { id: 'valtherm', name: 'Valtherm' };
  const almapack = { id: 'almapack', name: 'Almapack' };
  // The same page as each system words it: PostGraphile's plots are a connection, in its own order.
  const federation = {
    projects: {
      totalCount: 6,
      nodes: [
        { id: 'valtherm-radiator-plant', name: 'Valtherm plant', company: valtherm, landPlots: [{ id: 'valtherm-plot-2' }, { id: 'valtherm-plot' }] },
        { id: 'almapack-project', name: 'Almapack project', company: almapack, landPlots: [] },
      ],
    },
  };
  const postgraphile = {
    projects: {
      totalCount: 6,
      nodes: [
        { id: 'valtherm-radiator-plant', name: 'Valtherm plant', company: valtherm, landPlots: { nodes: [{ id: 'valtherm-plot' }, { id: 'valtherm-plot-2' }] } },
        { id: 'almapack-project', name: 'Almapack project', company: almapack, landPlots: { nodes: [] } },
      ],
    },
  };

  it('brings both dialects\' answers to one shape, plots by id, and counts the page\'s rows', () => {
    const ours = operation.normalize('federation', federation);
    expect(ours).toEqual(operation.normalize('postgraphile', postgraphile));
    expect(ours).toEqual({
      totalCount: 6,
      nodes: [
        { id: 'valtherm-radiator-plant', name: 'Valtherm plant', company: valtherm, landPlots: [{ id: 'valtherm-plot' }, { id: 'valtherm-plot-2' }] },
        { id: 'almapack-project', name: 'Almapack project', company: almapack, landPlots: [] },
      ],
    });
    expect(operation.rows(ours)).toBe(2);
  });

  it('keeps the page\'s order and its total count, which the systems must agree on', () => {
    const reordered = { projects: { ...postgraphile.projects, nodes: [...postgraphile.projects.nodes].reverse() } };
    const recounted = { projects: { ...postgraphile.projects, totalCount: 7 } };
    const ours = JSON.stringify(operation.normalize('federation', federation));
    expect(JSON.stringify(operation.normalize('postgraphile', reordered))).not.toBe(ours);
    expect(JSON.stringify(operation.normalize('postgraphile', recounted))).not.toBe(ours);
  });

  it('asks the database with its own text and area, and expects at most a page', async () => {
    const asked: unknown[][] = [];
    const counting = (n: number) => async <Row>(_text: string, values: unknown[] = []) => {
      asked.push(values);
      return [{ n }] as Row[];
    };
    expect(await operation.expectedRows(counting(6), 1)).toBe(6);
    expect(await operation.expectedRows(counting(6000), 1000)).toBe(50);
    expect(asked).toEqual([['al', '5'], ['al', '5']]);
  });
});
