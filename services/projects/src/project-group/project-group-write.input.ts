import { IsRecordId, MAX_WRITE_SOURCES, SourceInput } from '@azg/core/writes';
import { ArrayMaxSize, ArrayMinSize, IsOptional, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType('AddGroupMembersInput', { description: 'Projects to add to a group the document reports figures for.' })
export class AddGroupMembersInput {
  @Field(() => [ID], { description: 'The projects to add: 1 to 100 ids, each an existing project not yet a member.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsRecordId({ each: true })
  projectIds!: string[];

  @Field(() => [SourceInput], { nullable: true, description: `Where the memberships are reported (at most ${MAX_WRITE_SOURCES}); when none, they are marked as entered by you.` })
  @IsOptional()
  @ArrayMaxSize(MAX_WRITE_SOURCES)
  @ValidateNested({ each: true })
  sources?: SourceInput[] | null;
}
