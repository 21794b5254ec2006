import { BadUserInputError } from '@azg/core/errors';
import { ProjectStatus } from '../project/project.type';

/**
 * The statuses a project may move to from each status. A project goes forward through its life
 * (commissioning may go unreported, so UNDER_CONSTRUCTION may go straight to OPERATING), and any
 * project may be removed from the zone's portfolio, with a reason. REMOVED is final: a project
 * that returns is a new project. Going back (OPERATING to PLANNED) is a correction, made with
 * `updateProject`'s sources or an admin's fix in the database, not a status change.
 */
export const ALLOWED_TRANSITIONS: Readonly<Record<ProjectStatus, readonly ProjectStatus[]>> = {
  [ProjectStatus.PROPOSED]: [ProjectStatus.PLANNED, ProjectStatus.REMOVED],
  [ProjectStatus.PLANNED]: [ProjectStatus.UNDER_CONSTRUCTION, ProjectStatus.REMOVED],
  [ProjectStatus.UNDER_CONSTRUCTION]: [ProjectStatus.COMMISSIONING, ProjectStatus.OPERATING, ProjectStatus.REMOVED],
  [ProjectStatus.COMMISSIONING]: [ProjectStatus.OPERATING, ProjectStatus.REMOVED],
  [ProjectStatus.OPERATING]: [ProjectStatus.REMOVED],
  [ProjectStatus.REMOVED]: [],
};

/**
 * Refuses a move the table above does not allow, or a removal without a reason, with
 * BAD_USER_INPUT naming the field and (in `extensions.allowed`) the statuses allowed from `from`.
 */
export function assertTransition(from: ProjectStatus, to: ProjectStatus, reason: string | null | undefined): void {
  const allowed = ALLOWED_TRANSITIONS[from];
  if (!allowed.includes(to)) {
    const error = new BadUserInputError(
      allowed.length === 0
        ? `input.status: a ${from} project cannot change status (REMOVED is final)`
        : `input.status: a ${from} project can move to ${allowed.join(' or ')}, not ${to}`,
      'input.status',
    );
    Object.assign(error.extensions, { allowed });
    throw error;
  }
  if (to === ProjectStatus.REMOVED && (reason == null || reason.trim() === '')) {
    throw new BadUserInputError('input.reason: a project is removed with a reason', 'input.reason');
  }
}
