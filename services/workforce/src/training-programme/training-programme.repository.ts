/**
 * A row of workforce.training_programme (as `programme`) as a JSON object in its GraphQL shape:
 * stated once here, where the table is owned, for the statements that bring programmes along
 * (an institution's `programmes`, a write's answer).
 */
export const TRAINING_PROGRAMME_JSON = `jsonb_build_object('id', programme.id, 'institutionId', programme.institution_id,
  'name', programme.name, 'nameKk', programme.name_kk, 'qualification', programme.qualification,
  'durationMonths', programme.duration_months, 'annualIntake', programme.annual_intake,
  'sources', programme.sources, 'enteredBy', programme.entered_by, 'version', programme.version)`;

/** An institution's programmes (institution row as `training_institution`), by name, as a jsonb array; `[]` when it has none. */
export const PROGRAMMES_OF_INSTITUTION_JSON = `COALESCE((SELECT jsonb_agg(${TRAINING_PROGRAMME_JSON} ORDER BY programme.name, programme.id)
    FROM workforce.training_programme programme WHERE programme.institution_id = training_institution.id), '[]'::jsonb)`;
