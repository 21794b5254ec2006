import { BadUserInputError } from '@azg/core/errors';
import { partialDateFromInput, provenanceOf, withSources, type WriteTransaction } from '@azg/core/writes';
import type { UpdateTrainingInstitutionInput } from './training-institution-write.input';
import { TrainingInstitutionRepository } from './training-institution.repository';
import type { TrainingInstitution } from './training-institution.type';

const TABLE = 'workforce.training_institution';
const VERSIONED = { field: 'id', label: 'training institution' } as const;

/** The fields an edit may set: GraphQL name, column, and whether null clears it. */
const EDITABLE = [
  ['name', 'name', false],
  ['nameKk', 'name_kk', true],
  ['status', 'status', false],
  ['builder', 'builder', true],
  ['location', 'location', true],
  ['purpose', 'purpose', true],
  ['capacity', 'capacity', true],
] as const;

/** The institution as the audit log keeps it: its own fields, without its programmes. */
function audited(institution: TrainingInstitution): Omit<TrainingInstitution, 'programmes'> {
  const { programmes: _programmes, ...own } = institution;
  return own;
}

/** The writes to training institutions, over one write's transaction. */
export class TrainingInstitutionWriteRepository {
  /** Reads inside the write's transaction, so the edit sees (and logs) the locked row. */
  private readonly institutions: TrainingInstitutionRepository;

  constructor(private readonly tx: WriteTransaction) {
    this.institutions = new TrainingInstitutionRepository(tx);
  }

  /**
   * Edits an institution at the version read: only the fields given, a nullable one cleared by
   * null. The names by language follow the English and Kazakh names; the edit's sources join the
   * institution's, or, when it gives none, it is marked as entered by its author. Logged.
   */
  async update(id: string, version: number, input: UpdateTrainingInstitutionInput): Promise<TrainingInstitution> {
    const { tx } = this;
    await tx.lockVersioned(TABLE, id, version, VERSIONED);
    const before = await this.read(id);
    const values: Record<string, unknown> = {};
    for (const [field, column, clearable] of EDITABLE) {
      const value = input[field];
      if (value === undefined) continue;
      if (value === null && !clearable) throw new BadUserInputError(`input.${field} cannot be cleared`, `input.${field}`);
      values[column] = value;
    }
    const origin = provenanceOf(input.sources, tx.identity, tx.operation, await tx.now());
    if (input.opening !== undefined) {
      values.opening = input.opening === null ? null : partialDateFromInput(input.opening, origin.sources, 'input.opening.text');
    }
    if (Object.keys(values).length === 0) throw new BadUserInputError('The edit changes nothing: give at least one field to change', 'input');
    const name = (values.name as string | undefined) ?? before.name;
    const nameKk = values.name_kk !== undefined ? values.name_kk as string | null : before.nameKk;
    values.names = { ...before.names, en: name, ...(nameKk === null ? {} : { kk: nameKk }) };
    if (nameKk === null) delete (values.names as Record<string, string>).kk;
    if (origin.entry === null) {
      values.sources = withSources(before.sources, origin.sources);
    } else {
      values.entered_by = [...before.enteredBy, origin.entry];
    }
    await tx.updateVersioned(TABLE, id, version, values, VERSIONED);
    const after = await this.read(id);
    await tx.audit({ recordType: 'TrainingInstitution', recordId: id, before: audited(before), after: audited(after) });
    return after;
  }

  /** The institution the write has locked (so it exists). */
  private async read(id: string): Promise<TrainingInstitution> {
    const [institution] = await this.institutions.findByIds([id]);
    return institution!;
  }
}
