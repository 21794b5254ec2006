-- What PostGraphile needs to answer the bench's questions over the four subgraphs' own tables,
-- kept in a schema of its own (bench_pg) so the services' schemas stay exactly as their
-- migrations left them. Our tables live in four schemas with no foreign keys between them (each
-- subgraph owns its schema); PostGraphile learns the relations from smart-tag comments on views.
-- Simple views are inlined by the planner, so every statement PostGraphile writes still reads
-- the base tables through their own indexes. Re-run on every bench start (idempotent).
DROP SCHEMA IF EXISTS bench_pg CASCADE;
CREATE SCHEMA bench_pg;

-- Names compare in the Unicode root collation, as the projects subgraph orders them, so both
-- answer the same page in the same order, from the same index. Ids keep the database's
-- collation: a COLLATE on them would make every join on them (land plots, jobs) unable to use
-- the other table's index (ids are lower-case ASCII, so their order is the same in C.UTF-8).
CREATE VIEW bench_pg.project AS
  SELECT p.id, p.name COLLATE "und-x-icu" AS name, p.status, p.company_id, p.sectors, p.synthetic
    FROM projects.project p;
COMMENT ON VIEW bench_pg.project IS E'@primaryKey id\n@foreignKey (company_id) references bench_pg.company (id)|@fieldName company';

CREATE VIEW bench_pg.company AS
  SELECT c.id, c.name, c.legal_form, c.sectors FROM companies.company c;
COMMENT ON VIEW bench_pg.company IS E'@primaryKey id';

CREATE VIEW bench_pg.land_plot AS
  SELECT l.id, l.status, l.project_id FROM land.land_plot l;
COMMENT ON VIEW bench_pg.land_plot IS E'@primaryKey id\n@foreignKey (project_id) references bench_pg.project (id)|@fieldName project|@foreignFieldName landPlots';

CREATE VIEW bench_pg.project_job AS
  SELECT j.project_id, j.jobs_planned, j.jobs_created FROM workforce.project_jobs j;
COMMENT ON VIEW bench_pg.project_job IS E'@primaryKey project_id\n@foreignKey (project_id) references bench_pg.project (id)|@fieldName project|@foreignFieldName workforce';

-- projectStats(groupBy: SECTOR): one row per sector, projects with none counted under null,
-- in the order of the Sector enum (as the projects subgraph answers).
CREATE VIEW bench_pg.sector_stat AS
  SELECT sector.value AS sector, count(*)::int AS project_count,
         coalesce(array_position(ARRAY['CONSTRUCTION_MATERIALS','HEATING_EQUIPMENT','CABLE_AND_WIRE','ENERGY_EQUIPMENT','RESEARCH',
                              'MEDICAL_DIAGNOSTICS','MEDICAL_PRODUCTS','CHEMICAL','CONSTRUCTION','MACHINE_BUILDING'], sector.value), 100) AS position
    FROM projects.project p
    CROSS JOIN LATERAL unnest(CASE WHEN cardinality(p.sectors) = 0 THEN ARRAY[NULL]::text[] ELSE p.sectors END) AS sector(value)
   GROUP BY sector.value;
COMMENT ON VIEW bench_pg.sector_stat IS E'@primaryKey position';

-- searchCompanies for a text that is already a search key (core's searchKey: lower-case Latin
-- without punctuation, with spellings that sound alike in the two scripts folded; the bench asks
-- "almerek", which is its own key): the same trigram condition and scoring as the companies
-- subgraph's search, over the same stored keys.
CREATE FUNCTION bench_pg.search_companies(text text, hits int) RETURNS SETOF bench_pg.company
LANGUAGE sql STABLE AS $$
  SELECT c.id, c.name, c.legal_form, c.sectors
    FROM companies.company c
    CROSS JOIN LATERAL (
      SELECT CASE WHEN key.compact = replace(text, ' ', '') THEN 1
                  WHEN starts_with(key.compact, replace(text, ' ', '')) THEN 0.75 + 0.25 * length(replace(text, ' ', ''))::float8 / greatest(length(key.compact), 1)
                  WHEN strpos(key.compact, replace(text, ' ', '')) > 0 THEN 0.5 + 0.25 * length(replace(text, ' ', ''))::float8 / greatest(length(key.compact), 1)
                  ELSE 0.5 * greatest(similarity(key.compact, replace(text, ' ', '')), word_similarity(text, key.spaced))::float8 END AS score
        FROM jsonb_array_elements(c.search_keys) AS stored(entry)
        CROSS JOIN LATERAL (SELECT stored.entry->>'key' AS spaced, replace(stored.entry->>'key', ' ', '') AS compact) AS key
       ORDER BY 1 DESC LIMIT 1
    ) AS hit
   WHERE c.search_document LIKE '%' || replace(text, ' ', '') || '%' OR text <% c.search_document
   ORDER BY round(hit.score::numeric, 4) DESC, c.name COLLATE "und-x-icu", c.id
   LIMIT hits
$$;

-- ForeignFieldPage: projects whose company's name contains a text, with at least so many hectares
-- of land (or none known), largest first. The projects subgraph answers it from its read model of
-- the other subgraphs' facts; PostGraphile, not federated, may read the owning tables directly,
-- and this is its strongest honest form: the filter needs a LIKE on the company's search document
-- and a range on a sum, which PostGraphile's conditions (equality only, without the filter plugin
-- the Amber preset lacks) cannot say, so a function does the join, the sum and the order, as
-- `search_companies` does. A single plain SELECT in a STABLE, non-strict SQL function, so the
-- planner can inline it into PostGraphile's statement; the plots are summed in one hashed pass
-- (cheaper at 10,000x than a lookup per matching project). The same rules as the read model: a
-- plot's stated hectares, RELEASED plots left out, a project with none has no known area, the
-- text is already a compact search key (lower-case Latin, no spaces), unknown areas last, ties
-- by id byte by byte.
CREATE FUNCTION bench_pg.projects_by_land_area(company_text text, min_hectares numeric, include_unknown boolean)
RETURNS SETOF bench_pg.project
LANGUAGE sql STABLE AS $$
  SELECT p.*
    FROM bench_pg.project p
    JOIN companies.company c ON c.id = p.company_id
    LEFT JOIN (
      SELECT l.project_id, sum(l.area_hectares) AS hectares FROM land.land_plot l WHERE l.status <> 'RELEASED' GROUP BY l.project_id
    ) AS land ON land.project_id = p.id
   WHERE c.search_document LIKE '%' || company_text || '%'
     AND (land.hectares >= min_hectares OR (include_unknown AND land.hectares IS NULL))
   ORDER BY land.hectares DESC NULLS LAST, p.id COLLATE "C"
$$;
