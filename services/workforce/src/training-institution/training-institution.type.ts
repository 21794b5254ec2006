import { defineEnum, ENTITY_DESCRIPTIONS, type EnumValue } from '@azg/core/federation';
import { PartialDate, Source } from '@azg/core/figures';
import type { Translations } from '@azg/core/i18n';
import { AuthorEntry } from '@azg/core/writes';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { TrainingProgramme } from '../training-programme/training-programme.type';

/** What sort of school a training institution is. */
export const TrainingInstitutionKind = defineEnum('TrainingInstitutionKind', 'What sort of school a training institution is.', {
  TECHNICAL_COLLEGE: 'A technical college (техникалық колледж), training specialists for industry (P6).',
});
export type TrainingInstitutionKind = EnumValue<typeof TrainingInstitutionKind>;

/** Where a training institution stands, as the document reports it. */
export const TrainingInstitutionStatus = defineEnum('TrainingInstitutionStatus', 'Where a training institution stands, as the source document reports it.', {
  PLANNED: 'Announced and to be built: "will be built" (салынады, P6).',
  UNDER_CONSTRUCTION: 'Being built.',
  OPERATING: 'Built and teaching.',
});
export type TrainingInstitutionStatus = EnumValue<typeof TrainingInstitutionStatus>;

/** A school that trains people for the zone's projects; owned by this subgraph. */
@Directive('@key(fields: "id")')
@ObjectType({ description: ENTITY_DESCRIPTIONS.TrainingInstitution.type })
export class TrainingInstitution {
  @Field(() => ID, { description: ENTITY_DESCRIPTIONS.TrainingInstitution.id })
  id!: string;

  @Field(() => TrainingInstitutionKind, { description: 'What sort of school it is.' })
  kind!: TrainingInstitutionKind;

  @Field(() => String, { description: 'The name in English.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The original Kazakh words for it, where the document gives them.' })
  nameKk!: string | null;

  @Field(() => TrainingInstitutionStatus, { description: 'Where it stands: planned, being built or operating.' })
  status!: TrainingInstitutionStatus;

  @Field(() => String, { nullable: true, description: 'Who builds it, in English; null when the document does not say.' })
  builder!: string | null;

  @Field(() => String, { nullable: true, description: 'Who builds it, in the original Kazakh words; null when the document does not say.' })
  builderKk!: string | null;

  @Field(() => String, { nullable: true, description: 'Where it is (or will be), in English; null when the document does not say.' })
  location!: string | null;

  @Field(() => String, { nullable: true, description: 'What it is for, in English, as the document puts it; null when the document does not say.' })
  purpose!: string | null;

  // The projects subgraph @requires this field, so its description is shared with that stub.
  @Field(() => Boolean, { description: ENTITY_DESCRIPTIONS.TrainingInstitution.servesAllZoneProjects })
  servesAllZoneProjects!: boolean;

  @Field(() => [Source], { description: 'Where the document speaks of it: paragraphs and original words.' })
  sources!: Source[];

  @Field(() => Int, { nullable: true, description: 'How many students it can teach at once; null when no source or editor has said.' })
  capacity!: number | null;

  @Field(() => PartialDate, { nullable: true, description: 'When it opens or opened, at the precision known; null when no source or editor has said (the document gives no date).' })
  opening!: PartialDate | null;

  @Field(() => [TrainingProgramme], { description: 'The programmes it teaches, by name; empty when none is known.' })
  programmes!: TrainingProgramme[];

  @Field(() => Int, { description: 'The record\'s version: 1 as loaded, one more with every edit. An edit names the version it read and is refused with CONFLICT if the record moved on.' })
  version!: number;

  @Field(() => [AuthorEntry], { description: 'Every edit that stated no source, oldest first; empty when every edit stated its sources (or there was none).' })
  enteredBy!: AuthorEntry[];

  /** The name by language (answered by `nameIn`). */
  names!: Translations;
}
