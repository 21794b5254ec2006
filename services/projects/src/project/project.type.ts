import { defineEnum, ENTITY_DESCRIPTIONS, type EnumValue } from '@azg/core/federation';
import { CapacityFigure, MoneyFigure, PartialDate, Sector, Source } from '@azg/core/figures';
import type { Translations } from '@azg/core/i18n';
import { createConnectionType } from '@azg/core/pagination';
import { AuthorEntry } from '@azg/core/writes';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

/** Where a project stands. */
export const ProjectStatus = defineEnum('ProjectStatus', 'Where a project stands in its life.', {
  PROPOSED: 'An investor\'s further plan, not yet scheduled (P8).',
  PLANNED: 'Scheduled to be launched, with no construction reported.',
  UNDER_CONSTRUCTION: 'Being built or fitted out.',
  COMMISSIONING: 'Built; finishing and commissioning works under way (P4).',
  OPERATING: 'Launched, put into operation or implemented.',
  REMOVED: 'Removed from the Industrial Zone\'s portfolio.',
});
export type ProjectStatus = EnumValue<typeof ProjectStatus>;

@ObjectType({ description: 'A product a project makes or plans to make.' })
export class Product {
  @Field(() => String, { description: 'The product in English.' })
  name!: string;

  @Field(() => String, { description: 'The product in the original Kazakh words.' })
  nameKk!: string;

  @Field(() => Boolean, { description: 'True while the product is only planned, not yet produced.' })
  planned!: boolean;

  @Field(() => [Source], { description: 'Where the document names the product.' })
  sources!: Source[];
}

@ObjectType({ description: 'Something the document says about a record that is not a figure: its importance, its purpose.' })
export class Remark {
  @Field(() => String, { description: 'The remark in English.' })
  text!: string;

  @Field(() => [Source], { description: 'The words it rests on.' })
  sources!: Source[];
}

/** A project in the zone, as the projects subgraph stores it. */
@Directive('@key(fields: "id")')
@ObjectType({ description: ENTITY_DESCRIPTIONS.Project.type })
export class Project {
  @Field(() => ID, { description: ENTITY_DESCRIPTIONS.Project.id })
  id!: string;

  @Field(() => String, { description: 'The project\'s name in English, made from the document\'s own description.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The original Kazakh words that name the project, where the document has them.' })
  nameKk!: string | null;

  companyId!: string;

  @Field(() => [Sector], { description: 'The industries of the project; empty when the document does not say.' })
  sectors!: Sector[];

  @Field(() => [Source], { description: 'Where the sectors come from (usually inferred from the products).' })
  sectorSources!: Source[];

  @Field(() => [Product], { description: 'What the project makes or plans to make.' })
  products!: Product[];

  @Field(() => ProjectStatus, { description: 'Where the project stands, as of the document.' })
  status!: ProjectStatus;

  @Field(() => [Source], { description: 'The words the status rests on.' })
  statusSources!: Source[];

  @Field(() => String, { nullable: true, description: 'The progress the document reports, in English.' })
  progress!: string | null;

  @Field(() => Int, { nullable: true, description: 'Which phase of its company\'s projects in the zone this is (KMK Investment\'s first and second phases); null when not given.' })
  phase!: number | null;

  @Field(() => [Source], { description: 'The words the phase rests on (an inference for KMK Investment).' })
  phaseSources!: Source[];

  @Field(() => MoneyFigure, { nullable: true, description: 'The project\'s own investment or cost. Null when the document gives it only for a group the project belongs to (see `groups`).' })
  investment!: MoneyFigure | null;

  @Field(() => [CapacityFigure], { description: 'Production capacities the document gives.' })
  capacities!: CapacityFigure[];

  @Field(() => PartialDate, { nullable: true, description: 'When the project is planned to launch, at the precision the document gives.' })
  plannedLaunch!: PartialDate | null;

  @Field(() => PartialDate, { nullable: true, description: 'When the project launched, at the precision the document gives; null if not launched or not dated.' })
  actualLaunch!: PartialDate | null;

  @Field(() => [Remark], { description: 'What the document says of the project\'s importance.' })
  remarks!: Remark[];

  @Field(() => [Source], { description: 'Every place in a source document that names the project, including the sources later writes stated.' })
  sources!: Source[];

  @Field(() => [AuthorEntry], { description: 'The writes to the project that stated no source document: who entered each and when (empty for facts only the document gives).' })
  enteredBy!: AuthorEntry[];

  @Field(() => Int, { description: 'The project\'s version: 1 as loaded from the document, one more with every write. An update names the version it read and is refused with CONFLICT if the project has moved on.' })
  version!: number;

  /** The project's name by language (answered by `nameIn`). */
  names!: Translations;
}

/** A page of projects: every list of projects (the zone's, a company's, a group's, a college's) answers one. */
export const ProjectConnection = createConnectionType(Project, { name: 'Project', plural: 'projects' });
