import { Source } from '@azg/core/figures';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One of the names or abbreviations the source uses for an industrial zone.' })
export class ZoneAlias {
  @Field(() => String, { description: 'The name as written in the original, e.g. "ПАА" or "Индустриалды аймақ".' })
  text!: string;

  @Field(() => Int, { description: 'The paragraph of the source where this spelling first appears (P1 to P16).' })
  paragraph!: number;
}

/**
 * An industrial zone: the territory the land plots, reported land figures and industrial parks
 * belong to. Its list fields are added by the zone's resolver.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'An industrial zone: the territory whose land is allocated to investors and where industrial parks open.' })
export class IndustrialZone {
  @Field(() => ID, { description: 'The zone\'s record id, e.g. "almaty-industrial-zone".' })
  id!: string;

  @Field(() => String, { description: 'The zone\'s name in English.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The zone\'s name in the original Kazakh, where the source gives it.' })
  nameKk!: string | null;

  @Field(() => [ZoneAlias], { description: 'Every name and abbreviation the source uses for the zone, in order of first use.' })
  aliases!: ZoneAlias[];

  @Field(() => [Source], { description: 'Where the source names the zone.' })
  sources!: Source[];
}
