import { createChangeOutbox, dropChangeOutbox, publishChanges, unpublishChanges, type PublishedEntity } from '@azg/core/changes';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What other subgraphs may know of a company, and only that: its names, its sectors, whether it
 * takes part in the zone, and each spelling's text and search key (as its search matches them).
 */
const COMPANY: PublishedEntity = {
  schema: 'companies',
  entity: 'Company',
  table: 'companies.company',
  idColumn: 'id',
  state: `jsonb_build_object(
    'id', r.id, 'name', r.name, 'latinName', r.latin_name, 'zoneParticipant', r.zone_participant, 'sectors', to_jsonb(r.sectors),
    'spellings', (SELECT coalesce(jsonb_agg(jsonb_build_object('text', k->>'text', 'language', k->>'language', 'key', k->>'key') ORDER BY n), '[]')
                    FROM jsonb_array_elements(r.search_keys) WITH ORDINALITY AS s(k, n)))`,
  columns: ['name', 'latin_name', 'spellings', 'names', 'search_keys', 'sectors', 'zone_participant'],
};

/** The companies' change stream: every committed write of a company is recorded in its transaction (see docs/change-stream.md). */
export class ChangeOutbox1799000000000 implements MigrationInterface {
  name = 'ChangeOutbox1799000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createChangeOutbox(queryRunner, COMPANY.schema);
    await publishChanges(queryRunner, COMPANY);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await unpublishChanges(queryRunner, COMPANY);
    await dropChangeOutbox(queryRunner, COMPANY.schema);
  }
}
