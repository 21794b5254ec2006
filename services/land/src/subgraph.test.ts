import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import { land } from './subgraph';

/** Types core owns and shares with every subgraph; their descriptions are core's to test. */
const CORE_TYPES = new Set([
  'Source', 'MoneyFigure', 'CountFigure', 'AreaFigure', 'CapacityFigure', 'PartialDate',
  'Qualifier', 'DatePrecision', 'DateBound', 'AreaUnit', 'Sector', 'Tenge', 'Decimal',
]);

const isFederationMachinery = (name: string) =>
  name.startsWith('_') || name.startsWith('link__') || name.startsWith('federation__') || isBuiltInScalar(name);
const isBuiltInScalar = (name: string) => ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(name);

/** Every type, field, argument and enum value of land's own that has no description. */
function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (isFederationMachinery(type.name) || CORE_TYPES.has(type.name)) continue;
    if (!type.description && type.name !== 'Query') missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (field.name.startsWith('_')) continue;
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const arg of field.args) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (!field.description) missing.push(`${type.name}.${field.name}`);
    }
  }
  return missing;
}

let schema: GraphQLSchema;
let sdl: string;

beforeAll(async () => {
  schema = await land.buildSchema();
  sdl = await land.printSdl();
});

describe('the land subgraph schema', () => {
  it('describes every type, field, argument and enum value it owns', () => {
    expect(undescribed(schema)).toEqual([]);
  });

  it('declares its entities and the entities it extends by id', () => {
    for (const entity of ['IndustrialZone', 'LandPlot', 'IndustrialPark', 'Project', 'ProjectGroup']) {
      expect(sdl).toMatch(new RegExp(`type ${entity}\\s+@key\\(fields: "id"\\)`));
    }
    expect(sdl).toMatch(/type ZoneLandFigure \{/);
  });

  it('adds to Project and ProjectGroup only their key and land\'s own fields', () => {
    const project = schema.getType('Project');
    const group = schema.getType('ProjectGroup');
    if (!isObjectType(project) || !isObjectType(group)) throw new Error('Project and ProjectGroup must be object types');
    expect(Object.keys(project.getFields())).toEqual(['id', 'landPlots']);
    expect(Object.keys(group.getFields())).toEqual([
      'id', 'memberIds', 'landFigures', 'industrialParks', 'reportedLandArea', 'itemizedLandArea', 'landAreaDifference',
    ]);
    // memberIds is the projects subgraph's: land only asks for it to sum its members' plots.
    expect(sdl).toMatch(/memberIds: \[ID!\]!? @external/);
    expect(sdl).toMatch(/itemizedLandArea: AreaSum @requires\(fields: "memberIds"\)/);
  });

  it('answers the source\'s zone when industrialZone is asked without an id', () => {
    expect(sdl).toContain('id: ID! = "almaty-industrial-zone"');
  });

  it('offers the queries of the land subgraph', () => {
    const query = schema.getQueryType()!;
    expect(Object.keys(query.getFields()).filter((name) => !name.startsWith('_')).sort()).toEqual([
      'industrialPark', 'industrialParks', 'industrialZone', 'industrialZones', 'landAuditLog', 'landPlot', 'landPlots', 'zoneLandFigures',
    ]);
  });

  it('offers the land plot writes', () => {
    expect(Object.keys(schema.getMutationType()!.getFields()).sort()).toEqual(['allocateLandPlot', 'optimizeLandPlot', 'releaseLandPlot']);
  });
});
