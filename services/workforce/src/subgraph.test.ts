import type { RequestDatabase } from '@azg/core/database';
import { count, Qualifier } from '@azg/core/figures';
import { Language } from '@azg/core/i18n';
import { ANONYMOUS } from '@azg/core/identity';
import { CursorCodec, cursorSecret } from '@azg/core/pagination';
import { detachedRequestInfo } from '@azg/core/server';
import {
  graphql, isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema,
} from 'graphql';
import type { Context } from './context';
import { workforce } from './subgraph';
import { FakeDatabase } from './testing/fake-database';

const FEDERATION_FIELDS = new Set(['_entities', '_service']);

/** Federation's and GraphQL's own types (`_Service`, `link__Purpose`, `__Schema`) are not ours to describe. */
const isMachinery = (name: string) => name.startsWith('_') || name.includes('__');

const college = {
  id: 'industrial-zone-technical-college', kind: 'TECHNICAL_COLLEGE', name: 'Technical college of the Industrial Zone', nameKk: 'техникалық колледж',
  status: 'PLANNED', builder: 'Almaty city akimat', builderKk: 'Қала әкімдігі', location: null, purpose: null, servesAllZoneProjects: true, sources: [],
};

function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    const name = type.name;
    if (isMachinery(name)) continue;
    if (name !== 'Query' && !type.description) missing.push(name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (FEDERATION_FIELDS.has(field.name)) continue;
        if (!field.description) missing.push(`${name}.${field.name}`);
        for (const argument of 'args' in field ? field.args : []) {
          if (!argument.description) missing.push(`${name}.${field.name}(${argument.name})`);
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) if (!value.description) missing.push(`${name}.${value.name}`);
    }
  }
  return missing;
}

async function run(schema: GraphQLSchema, db: FakeDatabase, source: string, variableValues?: Record<string, unknown>) {
  const contextValue: Context = workforce.createContext({ db: db as unknown as RequestDatabase, reportSqlStats: false, cursors: new CursorCodec(cursorSecret()), language: Language.KK, request: detachedRequestInfo(), identity: ANONYMOUS });
  return graphql({ schema, source, variableValues, contextValue });
}

describe('the workforce schema', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await workforce.buildSchema();
  });

  it('describes every type, field, argument and enum value it serves', () => {
    expect(undescribed(schema)).toEqual([]);
  });

  it('serves the types it owns and contributes to', () => {
    for (const name of ['Jobs', 'TrainingInstitution', 'TrainingInstitutionKind', 'TrainingInstitutionStatus', 'Project', 'ProjectGroup']) {
      expect(schema.getType(name)).toBeDefined();
    }
  });

  it('offers the workforce writes and, for admins, its audit log', () => {
    expect(Object.keys(schema.getMutationType()!.getFields()).sort()).toEqual(['addTrainingProgramme', 'recordJobs', 'updateTrainingInstitution']);
    expect(schema.getQueryType()!.getFields().workforceAuditLog).toBeDefined();
  });

  it('keys TrainingInstitution, Project and ProjectGroup by id', async () => {
    const result = await run(schema, new FakeDatabase(), '{ _service { sdl } }');
    const sdl = (result.data as { _service: { sdl: string } })._service.sdl;
    for (const type of ['TrainingInstitution', 'Project', 'ProjectGroup']) {
      expect(sdl).toMatch(new RegExp(`type ${type}\\s+@key\\(fields: "id"\\)`));
    }
  });

  it('answers both Project fields for every representation of a fetch with one statement', async () => {
    const planned = count(430, Qualifier.EXACT, '430 жұмыс орнын құрумен', []);
    const db = new FakeDatabase(() => [{ jobsByProject: { 'valtherm-radiator-plant': { planned, created: null } }, trainingInstitutions: [college], jobRecordsByProject: {} }]);

    const result = await run(schema, db, `query ($representations: [_Any!]!) {
      _entities(representations: $representations) {
        ... on Project { id workforce { planned { value qualifier } created { value } } trainingInstitutions { id } }
      }
    }`, { representations: [{ __typename: 'Project', id: 'valtherm-radiator-plant' }, { __typename: 'Project', id: 'brb-apk-project' }] });

    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        { id: 'valtherm-radiator-plant', workforce: { planned: { value: 430, qualifier: 'EXACT' }, created: null }, trainingInstitutions: [{ id: college.id }] },
        { id: 'brb-apk-project', workforce: { planned: null, created: null }, trainingInstitutions: [{ id: college.id }] },
      ],
    });
    expect(db.statements).toHaveLength(1);
  });

  it('answers a group\'s reported, itemized and difference jobs in one statement when the representation carries its members', async () => {
    const sum = (value: number, knownCount: number, unknownCount: number) => ({ value, qualifier: 'EXACT', knownCount, unknownCount });
    const db = new FakeDatabase(() => [{
      position: '1',
      planned: sum(495, 2, 7),
      created: sum(0, 0, 9),
      reported: { planned: count(823, Qualifier.EXACT, '823 жұмыс орны ашылатын болады', []), created: null },
    }]);

    const result = await run(schema, db, `query ($representations: [_Any!]!) {
      _entities(representations: $representations) {
        ... on ProjectGroup {
          jobs { planned { value } created { value } }
          itemizedJobs { planned { value knownCount unknownCount } }
          jobsDifference { planned { value qualifier } created { value } }
        }
      }
    }`, { representations: [{ __typename: 'ProjectGroup', id: 'launch-by-end-of-2021', memberIds: ['valtherm-radiator-plant', 'kaz-dia-test-diagnostics-plant'] }] });

    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ _entities: [{
      jobs: { planned: { value: 823 }, created: null },
      itemizedJobs: { planned: { value: 495, knownCount: 2, unknownCount: 7 } },
      jobsDifference: { planned: { value: 823 - 495, qualifier: 'EXACT' }, created: null },
    }] });
    expect(db.statements).toHaveLength(1);
    expect(JSON.parse(db.statements[0]!.parameters[0] as string)).toEqual([
      { key: 'launch-by-end-of-2021', projectIds: ['valtherm-radiator-plant', 'kaz-dia-test-diagnostics-plant'] },
    ]);
  });

  it('sums the jobs of every statistics bucket of a fetch in one statement, keyed by the bucket and its projects', async () => {
    const sum = (value: number) => ({ value, qualifier: 'EXACT', knownCount: 1, unknownCount: 0 });
    const db = new FakeDatabase((_, parameters) => (JSON.parse(parameters[0] as string) as unknown[]).map((__, index) => ({
      position: String(index + 1), planned: sum(index), created: sum(0), reported: null,
    })));

    const result = await run(schema, db, `query ($representations: [_Any!]!) {
      _entities(representations: $representations) { ... on ProjectStatsBucket { key jobs { planned { value } } } }
    }`, { representations: [
      { __typename: 'ProjectStatsBucket', key: 'STATUS:OPERATING', projectIds: ['a', 'b'] },
      { __typename: 'ProjectStatsBucket', key: 'STATUS:OPERATING', projectIds: ['a'] },
    ] });

    expect(result.errors).toBeUndefined();
    // Alike keys, different projects: two sums, not one.
    expect(result.data).toEqual({ _entities: [
      { key: 'STATUS:OPERATING', jobs: { planned: { value: 0 } } },
      { key: 'STATUS:OPERATING', jobs: { planned: { value: 1 } } },
    ] });
    expect(db.statements).toHaveLength(1);
  });

  it('resolves TrainingInstitution representations through the row loader, servesAllZoneProjects included', async () => {
    const db = new FakeDatabase(() => [college]);

    const result = await run(schema, db, `query ($representations: [_Any!]!) {
      _entities(representations: $representations) { ... on TrainingInstitution { id servesAllZoneProjects } }
    }`, { representations: [{ __typename: 'TrainingInstitution', id: college.id }, { __typename: 'TrainingInstitution', id: 'no-such-college' }] });

    expect(result.data).toEqual({ _entities: [{ id: college.id, servesAllZoneProjects: true }, null] });
    expect(db.statements).toHaveLength(1);
  });

  it('refuses a malformed id with BAD_USER_INPUT before touching the database', async () => {
    const db = new FakeDatabase();

    const result = await run(schema, db, '{ trainingInstitution(id: "Not A Slug!") { id } }');

    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(db.statements).toHaveLength(0);
  });

  it('answers null for a well-formed id that names nothing', async () => {
    const result = await run(schema, new FakeDatabase(), '{ trainingInstitution(id: "no-such-college") { id } }');

    expect(result).toEqual({ data: { trainingInstitution: null } });
  });
});
