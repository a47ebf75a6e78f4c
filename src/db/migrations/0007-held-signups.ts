import type { Kysely, Migration } from 'kysely';

/**
 * Why a touch was held back from instant delivery (`too-fast`: sent sooner than a person could
 * type); null for a touch taken as it came. Counting the flag counts the held signups.
 */
export function heldSignups(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('touches').addColumn('screening', 'text').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('touches').dropColumn('screening').execute();
    },
  };
}
