import { CountDifference, CountFigure, CountSum } from '@azg/core/figures';
import { Field, ObjectType } from 'type-graphql';

/** Jobs reported for a project or a group of projects: planned and created, never added together. */
@ObjectType({
  description: 'Jobs as the source document reports them for a project or a group of projects. Jobs to be created and jobs already created are separate figures and are never added together; either is null when the document gives none.',
})
export class Jobs {
  @Field(() => CountFigure, {
    nullable: true,
    description: 'Jobs to be created ("will be created", "are planned"). Null when the document gives no such figure; never 0 for unknown.',
  })
  planned!: CountFigure | null;

  @Field(() => CountFigure, {
    nullable: true,
    description: 'Jobs already created ("were created", "were opened"). Null when the document gives no such figure; never 0 for unknown.',
  })
  created!: CountFigure | null;
}

/** Jobs summed over a set of projects, planned and created apart. */
@ObjectType({
  description: 'Jobs summed over a set of projects from each project\'s own figures: planned and created kept apart, as the document keeps them. '
    + 'Jobs reported only for a group of projects are not split among its members, so members without figures of their own are counted as unknown.',
})
export class JobsSum {
  @Field(() => CountSum, { description: 'Jobs to be created, summed over the projects that report them.' })
  planned!: CountSum;

  @Field(() => CountSum, { description: 'Jobs already created, summed over the projects that report them.' })
  created!: CountSum;
}

/** Jobs reported for a group minus its members' own, planned and created apart. */
@ObjectType({ description: 'Jobs reported for a group minus the jobs its named members report of their own, planned and created apart.' })
export class JobsDifference {
  @Field(() => CountDifference, { nullable: true, description: 'Reported planned jobs minus the members\' planned jobs; null when the group reports none planned, or the qualifiers leave it unbounded.' })
  planned!: CountDifference | null;

  @Field(() => CountDifference, { nullable: true, description: 'Reported created jobs minus the members\' created jobs; null when the group reports none created, or the qualifiers leave it unbounded.' })
  created!: CountDifference | null;
}

/** Jobs of an owner the document reports no figures for: unknown, not zero. */
export function jobsOrUnknown(reported: Jobs | null | undefined): Jobs {
  return { planned: reported?.planned ?? null, created: reported?.created ?? null };
}
