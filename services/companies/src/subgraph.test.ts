import {
  isEnumType, isInputObjectType, isInterfaceType, isObjectType, isSpecifiedScalarType, type GraphQLNamedType,
} from 'graphql';
import { companies } from './subgraph';

/** Types and fields Federation adds to every subgraph: not ours to describe. */
const FEDERATION_TYPE = /^(_|link__|federation__)/;
const FEDERATION_FIELD = new Set(['_entities', '_service']);

function undescribed(type: GraphQLNamedType): string[] {
  const missing: string[] = [];
  // type-graphql gives no way to describe the root type; its fields carry the descriptions.
  if (!type.description && type.name !== 'Query') missing.push(type.name);
  if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
    for (const field of Object.values(type.getFields())) {
      if (FEDERATION_FIELD.has(field.name)) continue;
      if (!field.description) missing.push(`${type.name}.${field.name}`);
      for (const argument of 'args' in field ? field.args : []) {
        if (!argument.description) missing.push(`${type.name}.${field.name}(${argument.name})`);
      }
    }
  }
  if (isEnumType(type)) {
    for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
  }
  return missing;
}

describe('the companies subgraph schema', () => {
  it('describes every type, field, argument and enum value it defines', async () => {
    const schema = await companies.buildSchema();
    const ours = Object.values(schema.getTypeMap()).filter(
      (type) => !type.name.startsWith('__') && !FEDERATION_TYPE.test(type.name) && !isSpecifiedScalarType(type),
    );

    expect(ours.map((type) => type.name).sort()).toEqual(
      [
        'AddCompanySpellingInput', 'AuditAuthor', 'AuditEntry', 'AuditEntryConnection', 'AuditEntryEdge', 'AuditLogFilter', 'AuthorEntry', 'ChangeOperation',
        'Company', 'CompanyChange', 'CompanyConnection', 'CompanyEdge', 'CompanyFilter', 'CompanyOrder', 'CompanyOrderField', 'CompanySearchHit', 'CompanySpelling',
        'DateTimeISO', 'IdFilter', 'JSON', 'Language', 'LegalForm', 'LocalizedText', 'Mutation', 'NameFilter', 'OrderDirection', 'PageInfo', 'Query',
        'RegisterCompanyInput',
        'Script', 'SearchMatch', 'Sector', 'SectorFilter', 'Source', 'SourceInput', 'SpellingOrigin', 'Subscription', 'UpdateCompanyInput',
      ],
    );
    expect(ours.flatMap(undescribed)).toEqual([]);
  });

  it('prints Company as a Federation 2 entity keyed by id, with the queries it owns', async () => {
    const sdl = await companies.printSdl();

    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.7"');
    expect(sdl).toMatch(/type Company\s+@key\(fields: "id"\)\s*\{/);
    expect(sdl).toMatch(/ company\([\s\S]*?\bid: ID!\s*\): Company\n/);
    expect(sdl).toMatch(/ companies\([\s\S]*?\bfirst: Int\n[\s\S]*?\bafter: String\n[\s\S]*?\blast: Int\n[\s\S]*?\bbefore: String\n[\s\S]*?\borderBy: \[CompanyOrder!\]\n[\s\S]*?\bfilter: CompanyFilter\n\s*\): CompanyConnection!/);
    expect(sdl).toMatch(/type PageInfo\s+@shareable\s*\{/);
    expect(sdl).toMatch(/enum Script \{[^}]*KAZAKH_CYRILLIC[^}]*CYRILLIC[^}]*LATIN[^}]*MIXED[^}]*\}/);
    expect(sdl).toMatch(/legalForm: LegalForm\n/);
  });
});
