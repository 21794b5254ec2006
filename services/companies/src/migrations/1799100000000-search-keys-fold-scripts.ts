import { refoldSearchKeys } from '@azg/core/i18n';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search both ways between scripts: core's searchKey gained a last step that folds spellings
 * sounding alike in Cyrillic and Latin into one ("Токио Роуп" and TOKYO ROPE both give tokio
 * rop), so every stored company key, the document's and the synthetic copies', is folded here by
 * the same code, in batches of 5,000 rows (some 60 statements at the bench's 10,000x scale).
 *
 * The fold merges spellings (Токио and Tokyo both give tokio), so the old keys cannot be told
 * back from the new: `down` leaves them folded, and the older code still finds such names by
 * similarity.
 */
export class SearchKeysFoldScripts1799100000000 implements MigrationInterface {
  name = 'SearchKeysFoldScripts1799100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await refoldSearchKeys(queryRunner, 'companies.company');
  }

  async down(): Promise<void> {
    // The old keys cannot be recovered from the folded ones: see above.
  }
}
