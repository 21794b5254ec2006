import { CountFigure } from '@azg/core/figures';
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

/** Jobs of an owner the document reports no figures for: unknown, not zero. */
export function jobsOrUnknown(reported: Jobs | null | undefined): Jobs {
  return { planned: reported?.planned ?? null, created: reported?.created ?? null };
}
