import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rows a change adds to the statistics (`sign` 1) or takes from them (-1), as a SELECT over
 * `source`: a transition table, or the project table itself when the summary is first filled.
 */
const changes = (source: string, sign: 1 | -1) => `
  SELECT ${sign} AS sign, c.status, c.sectors, c.investment_tenge, c.investment->>'qualifier' AS investment_qualifier,
         COALESCE(c.actual_launch_year, c.planned_launch_year) AS launch_year
    FROM ${source} c`;

/**
 * Adds what `changed` (rows of `changes`) does to each bucket it touches to the summary, in one
 * statement. The buckets are those of the unfiltered projectStats statement: a project is in its
 * status's bucket, in each of its sectors' (or the null bucket when it has none) and in its launch
 * year's (actual, else planned; null when neither). A bucket the change leaves as it was (an
 * update of a name, a version) is not written, so such writes take no lock on the summary. Rows
 * are written in bucket order, so two writers touching the same buckets lock them in the same
 * order and cannot deadlock on them; `count = count + ...` under the row lock loses no increment.
 */
const applyChanges = (changed: string) => `
  WITH changed AS (${changed}),
  bucketed AS (
    SELECT 'STATUS' AS grouping, c.status AS bucket, c.* FROM changed c
    UNION ALL
    SELECT 'SECTOR', sector.value, c.*
      FROM changed c
      CROSS JOIN LATERAL unnest(CASE WHEN cardinality(c.sectors) = 0 THEN ARRAY[NULL]::text[] ELSE c.sectors END) AS sector(value)
    UNION ALL
    SELECT 'LAUNCH_YEAR', c.launch_year::text, c.* FROM changed c
  ),
  delta AS (
    SELECT b.grouping, b.bucket,
           sum(b.sign)::int AS count,
           COALESCE(sum(b.sign * b.investment_tenge), 0) AS investment_tenge,
           COALESCE(sum(b.sign) FILTER (WHERE b.investment_tenge IS NOT NULL), 0)::int AS investment_known,
           COALESCE(sum(b.sign) FILTER (WHERE b.investment_qualifier = 'APPROXIMATE'), 0)::int AS investment_approximate,
           COALESCE(sum(b.sign) FILTER (WHERE b.investment_qualifier = 'AT_LEAST'), 0)::int AS investment_at_least
      FROM bucketed b
     GROUP BY b.grouping, b.bucket
  )
  INSERT INTO projects.project_stats_summary AS s (grouping, bucket, count, investment_tenge, investment_known, investment_approximate, investment_at_least)
  SELECT d.grouping, d.bucket, d.count, d.investment_tenge, d.investment_known, d.investment_approximate, d.investment_at_least
    FROM delta d
   WHERE d.count <> 0 OR d.investment_tenge <> 0 OR d.investment_known <> 0 OR d.investment_approximate <> 0 OR d.investment_at_least <> 0
   ORDER BY d.grouping, d.bucket
  ON CONFLICT (grouping, bucket) DO UPDATE SET
    count = s.count + excluded.count,
    investment_tenge = s.investment_tenge + excluded.investment_tenge,
    investment_known = s.investment_known + excluded.investment_known,
    investment_approximate = s.investment_approximate + excluded.investment_approximate,
    investment_at_least = s.investment_at_least + excluded.investment_at_least`;

/** Each trigger: its event, its transition tables, and the rows its statement adds and takes away. */
const TRIGGERS: ReadonlyArray<{ event: string; referencing: string; changed: string }> = [
  { event: 'INSERT', referencing: 'NEW TABLE AS new_rows', changed: changes('new_rows', 1) },
  { event: 'UPDATE', referencing: 'OLD TABLE AS old_rows NEW TABLE AS new_rows', changed: `${changes('old_rows', -1)} UNION ALL ${changes('new_rows', 1)}` },
  { event: 'DELETE', referencing: 'OLD TABLE AS old_rows', changed: changes('old_rows', -1) },
];

/**
 * The statistics by status, sector and launch year kept up to date on write, so that projectStats
 * without a filter reads a few summary rows instead of scanning every project (28,000 at 1,000x
 * the document, 280,000 at 10,000x). Per grouping and bucket the table holds what the scan
 * aggregates but the project ids: the count, and the investment MoneySum's parts (the sum of the
 * known tenge, how many are known, and how many terms are approximate or a lower bound, which
 * decide the sum's qualifier). Triggers on projects.project keep it, so every writer is covered
 * (mutations, the seed, the synthetic-data generator, a plain DELETE), and they run once per
 * statement over its transition tables: writing 280,000 synthetic copies costs one aggregate,
 * not 280,000 updates. A bucket whose projects all left keeps a row with count 0, which reads
 * skip: deleting it would race a concurrent writer re-creating it, for no gain (the buckets are
 * the statuses, the sectors and the years ever seen). The counts have no CHECK (>= 0): PostgreSQL
 * checks the row an upsert proposes to insert, which for a bucket losing projects is a negative
 * delta, before it turns into an update.
 */
export class ProjectStatsSummary1798000000000 implements MigrationInterface {
  name = 'ProjectStatsSummary1798000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE projects.project_stats_summary (
        grouping text NOT NULL CHECK (grouping IN ('STATUS', 'SECTOR', 'LAUNCH_YEAR')),
        bucket text,
        count int NOT NULL,
        investment_tenge numeric NOT NULL,
        investment_known int NOT NULL,
        investment_approximate int NOT NULL,
        investment_at_least int NOT NULL,
        CONSTRAINT project_stats_summary_bucket UNIQUE NULLS NOT DISTINCT (grouping, bucket)
      )`);
    for (const { event, referencing, changed } of TRIGGERS) {
      const name = `project_stats_on_${event.toLowerCase()}`;
      await queryRunner.query(`
        CREATE FUNCTION projects.${name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          ${applyChanges(changed)};
          RETURN NULL;
        END $$`);
      await queryRunner.query(`
        CREATE TRIGGER ${name} AFTER ${event} ON projects.project
          REFERENCING ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION projects.${name}()`);
    }
    // A TRUNCATE has no transition table, and leaves no project to count.
    await queryRunner.query(`
      CREATE FUNCTION projects.project_stats_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM projects.project_stats_summary;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER project_stats_on_truncate AFTER TRUNCATE ON projects.project
        FOR EACH STATEMENT EXECUTE FUNCTION projects.project_stats_on_truncate()`);
    // Filled after the triggers exist: creating them locked out writers until this transaction
    // ends, so no write falls between the fill and the triggers.
    await queryRunner.query(applyChanges(changes('projects.project', 1)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const event of ['insert', 'update', 'delete', 'truncate']) {
      await queryRunner.query(`DROP TRIGGER project_stats_on_${event} ON projects.project`);
      await queryRunner.query(`DROP FUNCTION projects.project_stats_on_${event}()`);
    }
    await queryRunner.query(`DROP TABLE projects.project_stats_summary`);
  }
}
