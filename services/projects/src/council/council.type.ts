import { CountFigure, PartialDate, Source } from '@azg/core/figures';
import { Field, ID, ObjectType } from 'type-graphql';
import { Remark } from '../project/project.type';

@ObjectType({ description: 'A kind of member the council has.' })
export class CouncilMemberCategory {
  @Field(() => String, { description: 'The kind of member, in English.' })
  name!: string;

  @Field(() => String, { description: 'The original Kazakh words.' })
  nameKk!: string;

  @Field(() => [Source], { description: 'Where the document names it.' })
  sources!: Source[];
}

@ObjectType({ description: 'An event the document reports, such as the akim\'s off-site meeting with the council.' })
export class CouncilEvent {
  @Field(() => ID, { description: 'A stable id of the event.' })
  id!: string;

  @Field(() => String, { description: 'What happened, in English.' })
  description!: string;

  @Field(() => String, { description: 'Who held it, in English.' })
  heldBy!: string;

  @Field(() => String, { description: 'Who held it, in the original Kazakh words.' })
  heldByKk!: string;

  @Field(() => [Source], { description: 'The words it rests on.' })
  sources!: Source[];
}

@ObjectType({ description: 'The Regional Coordination Council (Өңірлік үйлестіру кеңесі, ӨҮК), which supports new projects in the zone.' })
export class RegionalCoordinationCouncil {
  @Field(() => ID, { description: 'The council\'s id.' })
  id!: string;

  @Field(() => String, { description: 'Its name in English.' })
  name!: string;

  @Field(() => String, { description: 'Its name in Kazakh.' })
  nameKk!: string;

  @Field(() => String, { description: 'The Kazakh abbreviation the document uses.' })
  abbreviation!: string;

  @Field(() => PartialDate, { nullable: true, description: 'When its work was reformatted (October 2019).' })
  reformatted!: PartialDate | null;

  @Field(() => [CouncilMemberCategory], { description: 'The kinds of member it has.' })
  memberCategories!: CouncilMemberCategory[];

  @Field(() => CountFigure, { nullable: true, description: 'How many meetings it held over `meetingPeriod`.' })
  meetingCount!: CountFigure | null;

  @Field(() => String, { nullable: true, description: 'The period `meetingCount` covers, in the document\'s words (English).' })
  meetingPeriod!: string | null;

  supportedGroupId!: string | null;

  @Field(() => [CouncilEvent], { description: 'Events the document reports.' })
  events!: CouncilEvent[];

  @Field(() => [Remark], { description: 'What the document says of the council\'s work.' })
  remarks!: Remark[];

  @Field(() => [Source], { description: 'Where the document speaks of the council.' })
  sources!: Source[];
}
