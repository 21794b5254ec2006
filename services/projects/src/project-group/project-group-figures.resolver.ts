import { ENTITY_DESCRIPTIONS } from '@azg/core/federation';
import { CountDifference, countDifference, difference, MoneyDifference, MoneySum, Qualifier } from '@azg/core/figures';
import { Ctx, FieldResolver, ID, Int, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { GroupCountUnit, ProjectGroup } from './project-group.type';

type GroupFigures = Required<Pick<ProjectGroup, 'memberIds' | 'itemizedInvestment'>>;

/** The group's member ids and itemized investment: read with the group, or (for a group embedded in a project) through a loader. */
async function figuresOf(group: ProjectGroup, ctx: Context): Promise<GroupFigures> {
  if (group.memberIds !== undefined && group.itemizedInvestment !== undefined) {
    return { memberIds: group.memberIds, itemizedInvestment: group.itemizedInvestment };
  }
  const loaded = await ctx.loaders.groupFiguresById.load(group.id);
  return {
    memberIds: loaded?.memberIds ?? [],
    itemizedInvestment: loaded?.itemizedInvestment ?? { tenge: '0', qualifier: Qualifier.EXACT, knownCount: 0, unknownCount: 0 },
  };
}

/**
 * What a group reports set against what its named members itemize. The investment is this
 * subgraph's; jobs and land are added to ProjectGroup by the workforce and land subgraphs from
 * `memberIds`, in the same shape.
 */
@Resolver(() => ProjectGroup)
export class ProjectGroupFiguresResolver {
  @FieldResolver(() => [ID], { description: ENTITY_DESCRIPTIONS.ProjectGroup.memberIds })
  async memberIds(@Root() group: ProjectGroup, @Ctx() ctx: Context): Promise<string[]> {
    return (await figuresOf(group, ctx)).memberIds;
  }

  @FieldResolver(() => Int, { description: 'How many members the document names: the itemized count, to set against `reportedCount`.' })
  async itemizedCount(@Root() group: ProjectGroup, @Ctx() ctx: Context): Promise<number> {
    return (await figuresOf(group, ctx)).memberIds.length;
  }

  @FieldResolver(() => CountDifference, {
    nullable: true,
    description: 'The reported count minus the named members: how many members the document counts but does not name. '
      + 'Null when it reports no count, or counts something other than projects (companies, industrial parks).',
  })
  async countDifference(@Root() group: ProjectGroup, @Ctx() ctx: Context): Promise<CountDifference | null> {
    if (group.reportedCount === null || group.countUnit !== GroupCountUnit.PROJECTS) return null;
    const named = (await figuresOf(group, ctx)).memberIds.length;
    return countDifference(group.reportedCount, { value: named, qualifier: Qualifier.EXACT });
  }

  @FieldResolver(() => MoneySum, { description: 'The named members\' own investments summed, to set against `reportedInvestment`; members with no investment of their own are counted in `unknownCount`.' })
  async itemizedInvestment(@Root() group: ProjectGroup, @Ctx() ctx: Context): Promise<MoneySum> {
    return (await figuresOf(group, ctx)).itemizedInvestment;
  }

  @FieldResolver(() => MoneyDifference, {
    nullable: true,
    description: 'The reported investment minus the itemized one: what the document\'s total has that the members\' known figures do not cover. '
      + 'Null when no investment is reported, or when the qualifiers leave the difference unbounded.',
  })
  async investmentDifference(@Root() group: ProjectGroup, @Ctx() ctx: Context): Promise<MoneyDifference | null> {
    const itemized = (await figuresOf(group, ctx)).itemizedInvestment;
    const reported = group.reportedInvestment;
    const result = difference(
      reported && { value: reported.tenge, qualifier: reported.qualifier },
      { value: itemized.tenge, qualifier: itemized.qualifier },
    );
    return result && { tenge: result.value, qualifier: result.qualifier };
  }
}
