import { ConflictError, NotFoundError } from '@azg/core/errors';
import { provenanceOf, type WriteTransaction } from '@azg/core/writes';
import type { AddTrainingProgrammeInput } from './training-programme-write.input';
import { TRAINING_PROGRAMME_JSON } from './training-programme.repository';
import type { TrainingProgramme } from './training-programme.type';

/** The writes to training programmes, over one write's transaction. */
export class TrainingProgrammeWriteRepository {
  constructor(private readonly tx: WriteTransaction) {}

  /**
   * Adds a programme to an institution: NOT_FOUND when the institution does not exist, CONFLICT
   * when the id is taken or the institution already teaches a programme of that name. Logged.
   */
  async add(input: AddTrainingProgrammeInput): Promise<TrainingProgramme> {
    const { tx } = this;
    const [found] = await tx.query<{ institution: boolean; id_taken: boolean; name_taken: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM workforce.training_institution WHERE id = $1) AS institution,
              EXISTS (SELECT 1 FROM workforce.training_programme WHERE id = $2) AS id_taken,
              EXISTS (SELECT 1 FROM workforce.training_programme WHERE institution_id = $1 AND name = $3) AS name_taken`,
      [input.institutionId, input.id, input.name],
    );
    if (!found?.institution) throw new NotFoundError(`No training institution has the id "${input.institutionId}"`, 'input.institutionId');
    if (found.id_taken) throw new ConflictError(`A training programme with the id "${input.id}" already exists`, { field: 'input.id' });
    if (found.name_taken) throw new ConflictError(`"${input.institutionId}" already teaches a programme named "${input.name}"`, { field: 'input.name' });
    const origin = provenanceOf(input.sources, tx.identity, tx.operation, await tx.now());
    // ON CONFLICT: two writes racing for the same id or name end in CONFLICT, not a database error.
    const [programme] = await tx.query<{ programme: TrainingProgramme }>(
      `WITH inserted AS (
         INSERT INTO workforce.training_programme (id, institution_id, name, name_kk, qualification, duration_months, annual_intake, sources, entered_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING *
       ) SELECT ${TRAINING_PROGRAMME_JSON} AS programme FROM inserted programme`,
      [
        input.id, input.institutionId, input.name, input.nameKk ?? null, input.qualification ?? null,
        input.durationMonths ?? null, input.annualIntake ?? null, JSON.stringify(origin.sources), JSON.stringify(origin.entry === null ? [] : [origin.entry]),
      ],
    );
    if (programme === undefined) throw new ConflictError(`A training programme with the id "${input.id}" or the name "${input.name}" already exists`, { field: 'input.id' });
    await tx.audit({ recordType: 'TrainingProgramme', recordId: input.id, before: null, after: programme.programme });
    return programme.programme;
  }
}
