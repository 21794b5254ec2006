import { assertRecordId, BadUserInputError, Sector } from '@azg/core';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ProjectStatus } from '../project/project.type';

/** Most values one list of a filter may hold. */
const MAX_VALUES = 100;
const EARLIEST_YEAR = 1900;
const LATEST_YEAR = 2100;

@InputType({ description: 'Which projects `projectStats` counts; every field given narrows the projects (AND), a list matches any of its values, and an empty list matches no project.' })
export class ProjectStatsFilter {
  @Field(() => [ProjectStatus], { nullable: true, description: 'Only projects with one of these statuses.' })
  statuses?: ProjectStatus[] | null;

  @Field(() => [Sector], { nullable: true, description: 'Only projects in at least one of these sectors.' })
  sectors?: Sector[] | null;

  @Field(() => [ID], { nullable: true, description: 'Only members of at least one of these project groups.' })
  groupIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Only projects of one of these companies.' })
  companyIds?: string[] | null;

  @Field(() => Int, { nullable: true, description: `Only projects whose launch year (actual, else planned) is this year or later, from ${EARLIEST_YEAR}; projects with neither year are left out.` })
  launchYearFrom?: number | null;

  @Field(() => Int, { nullable: true, description: `Only projects whose launch year (actual, else planned) is this year or earlier, to ${LATEST_YEAR}; projects with neither year are left out.` })
  launchYearTo?: number | null;
}

function checkList<T>(values: T[] | null | undefined, name: string, check: (value: T) => T = (value) => value): T[] | null {
  if (values == null) return null;
  if (values.length > MAX_VALUES) throw new BadUserInputError(`filter.${name} may hold at most ${MAX_VALUES} values`, `filter.${name}`);
  return [...new Set(values.map(check))];
}

function checkYear(year: number | null | undefined, name: string): number | null {
  if (year == null) return null;
  if (year < EARLIEST_YEAR || year > LATEST_YEAR) {
    throw new BadUserInputError(`filter.${name} must be a year from ${EARLIEST_YEAR} to ${LATEST_YEAR}, got ${year}`, `filter.${name}`);
  }
  return year;
}

/** The filter, checked: record ids well-formed, lists not too long, years in range and in order. */
export interface CheckedProjectStatsFilter {
  statuses: ProjectStatus[] | null;
  sectors: Sector[] | null;
  groupIds: string[] | null;
  companyIds: string[] | null;
  launchYearFrom: number | null;
  launchYearTo: number | null;
}

/** Checks a filter argument; throws BAD_USER_INPUT naming the field at fault. */
export function checkProjectStatsFilter(filter: ProjectStatsFilter | null | undefined): CheckedProjectStatsFilter {
  const checked = {
    statuses: checkList(filter?.statuses, 'statuses'),
    sectors: checkList(filter?.sectors, 'sectors'),
    groupIds: checkList(filter?.groupIds, 'groupIds', (id) => assertRecordId(id, 'filter.groupIds')),
    companyIds: checkList(filter?.companyIds, 'companyIds', (id) => assertRecordId(id, 'filter.companyIds')),
    launchYearFrom: checkYear(filter?.launchYearFrom, 'launchYearFrom'),
    launchYearTo: checkYear(filter?.launchYearTo, 'launchYearTo'),
  };
  if (checked.launchYearFrom !== null && checked.launchYearTo !== null && checked.launchYearFrom > checked.launchYearTo) {
    throw new BadUserInputError('filter.launchYearFrom must not be after filter.launchYearTo', 'filter.launchYearFrom');
  }
  return checked;
}
