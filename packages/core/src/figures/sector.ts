import { Field, InputType, registerEnumType } from 'type-graphql';

/**
 * Industries named or implied by the source. Shared by the projects and companies subgraphs so
 * the composed enum is one. Where the source only implies a sector (from a product), the
 * record's sources mark it as inferred.
 */
export enum Sector {
  CONSTRUCTION_MATERIALS = 'CONSTRUCTION_MATERIALS',
  HEATING_EQUIPMENT = 'HEATING_EQUIPMENT',
  CABLE_AND_WIRE = 'CABLE_AND_WIRE',
  ENERGY_EQUIPMENT = 'ENERGY_EQUIPMENT',
  RESEARCH = 'RESEARCH',
  MEDICAL_DIAGNOSTICS = 'MEDICAL_DIAGNOSTICS',
  MEDICAL_PRODUCTS = 'MEDICAL_PRODUCTS',
  CHEMICAL = 'CHEMICAL',
  CONSTRUCTION = 'CONSTRUCTION',
  MACHINE_BUILDING = 'MACHINE_BUILDING',
}
registerEnumType(Sector, {
  name: 'Sector',
  description: 'An industry, as named or implied by the source document.',
  valuesConfig: {
    CONSTRUCTION_MATERIALS: { description: 'Building materials, such as autoclaved aerated concrete blocks (P4).' },
    HEATING_EQUIPMENT: { description: 'Heating equipment, such as aluminium and bimetallic radiators (P5).' },
    CABLE_AND_WIRE: { description: 'Wire rod, cable and wire products (P7).' },
    ENERGY_EQUIPMENT: { description: 'Equipment for the energy industry, such as cable couplings and cable trays (P8).' },
    RESEARCH: { description: 'Research and development (P8).' },
    MEDICAL_DIAGNOSTICS: { description: 'Medical diagnostic test systems (P9).' },
    MEDICAL_PRODUCTS: { description: 'Disposable medical products (P11).' },
    CHEMICAL: { description: 'The chemical industry (химия, P12).' },
    CONSTRUCTION: { description: 'The construction industry (құрылыс, P12).' },
    MACHINE_BUILDING: { description: 'Machine building (машина жасау, P12).' },
  },
});

/** A filter on the sectors of a record (a project, a company); shared so the composed input is one. */
@InputType('SectorFilter', { description: 'Narrows a list to records in any of the sectors named.' })
export class SectorFilter {
  @Field(() => [Sector], { description: 'The record works in at least one of these sectors (a record whose sectors the document does not give is in none). At least one.' })
  in!: Sector[];
}
