import { defineEnum, ENTITY_DESCRIPTIONS, type EnumValue } from '@azg/core/federation';
import { CountFigure, MoneyFigure, type MoneySum, PartialDate, Sector, Source } from '@azg/core/figures';
import type { Translations } from '@azg/core/i18n';
import { createConnectionType } from '@azg/core/pagination';
import { AuthorEntry } from '@azg/core/writes';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Project } from '../project/project.type';

/** What a group's reported count counts. */
export const GroupCountUnit = defineEnum('GroupCountUnit', 'What a group\'s reported count counts.', {
  PROJECTS: 'Projects.',
  COMPANIES: 'Companies (the zone\'s 54 participants).',
  INDUSTRIAL_PARKS: 'Industrial parks (the 5 parks of P15).',
});
export type GroupCountUnit = EnumValue<typeof GroupCountUnit>;

/** How much of a group's membership the document names. */
export const MembershipKnown = defineEnum('MembershipKnown', 'How much of a group\'s membership the document names.', {
  COMPLETE: 'Every member is named.',
  PARTIAL: 'Some members are known; the reported count is larger.',
  NONE: 'The document gives only totals; no member is named.',
});
export type MembershipKnown = EnumValue<typeof MembershipKnown>;

@Directive('@key(fields: "id")')
@ObjectType({ description: ENTITY_DESCRIPTIONS.ProjectGroup.type })
export class ProjectGroup {
  @Field(() => ID, { description: ENTITY_DESCRIPTIONS.ProjectGroup.id })
  id!: string;

  @Field(() => String, { description: 'The group\'s name in English.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The original Kazakh words for the group.' })
  nameKk!: string | null;

  @Field(() => String, { description: 'What the group is, in English.' })
  description!: string;

  @Field(() => GroupCountUnit, { description: 'What `reportedCount` counts.' })
  countUnit!: GroupCountUnit;

  @Field(() => CountFigure, { nullable: true, description: 'The count the document reports for the group; null when it does not state one in words.' })
  reportedCount!: CountFigure | null;

  @Field(() => MoneyFigure, { nullable: true, description: 'The total investment the document reports for the group; null when not given.' })
  reportedInvestment!: MoneyFigure | null;

  @Field(() => [Sector], { description: 'Industries the document names for the group as a whole.' })
  sectors!: Sector[];

  @Field(() => PartialDate, { nullable: true, description: 'When the group\'s projects are due, where the document says (e.g. by the end of 2021).' })
  due!: PartialDate | null;

  @Field(() => MembershipKnown, { description: 'Whether the document names all, some or none of the members.' })
  membersKnown!: MembershipKnown;

  @Field(() => [Source], { description: 'Where the document speaks of the group, including the sources later writes stated.' })
  sources!: Source[];

  @Field(() => [AuthorEntry], { description: 'The writes to the group (members added) that stated no source document: who entered each and when.' })
  enteredBy!: AuthorEntry[];

  @Field(() => Int, { description: 'The group\'s version: 1 as loaded from the document, one more with every write (members added). A write names the version it read.' })
  version!: number;

  /** The name and the description by language (answered by `nameIn` and `descriptionIn`). */
  names!: Translations;
  descriptions!: Translations;

  /** The member ids and the members' investment summed; undefined when the group was read embedded in a project. */
  memberIds?: string[];
  itemizedInvestment?: MoneySum;
}

@ObjectType({ description: 'A project\'s membership of a group, with the words that put it there.' })
export class GroupMembership {
  @Field(() => ProjectGroup, { description: 'The group.' })
  group!: ProjectGroup;

  @Field(() => Project, { description: 'The member project.' })
  project!: Project;

  @Field(() => [Source], { description: 'Where the document puts the project in the group (inferred for the zone\'s participants and KMK Investment\'s phases), or where the write that added it says so.' })
  sources!: Source[];

  @Field(() => [AuthorEntry], { description: 'Who added the project to the group, when the write stated no source (empty for the document\'s own memberships).' })
  enteredBy!: AuthorEntry[];

  groupId!: string;
  projectId!: string;
}

/** A page of a group's memberships, in the same order and with the same cursors as the group's `members`. */
export const GroupMembershipConnection = createConnectionType(GroupMembership, { name: 'GroupMembership', plural: 'memberships' });

/** A page of project groups. */
export const ProjectGroupConnection = createConnectionType(ProjectGroup, { name: 'ProjectGroup', plural: 'project groups' });
