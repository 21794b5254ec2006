import { CountDifference, CountSum } from '@azg/core/figures';
import { Field, ObjectType } from 'type-graphql';

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

@ObjectType({ description: 'Jobs reported for a group minus the jobs its named members report of their own, planned and created apart.' })
export class JobsDifference {
  @Field(() => CountDifference, { nullable: true, description: 'Reported planned jobs minus the members\' planned jobs; null when the group reports none planned, or the qualifiers leave it unbounded.' })
  planned!: CountDifference | null;

  @Field(() => CountDifference, { nullable: true, description: 'Reported created jobs minus the members\' created jobs; null when the group reports none created, or the qualifiers leave it unbounded.' })
  created!: CountDifference | null;
}
