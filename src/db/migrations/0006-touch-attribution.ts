import type { Kysely, Migration } from 'kysely';

/**
 * A touch keeps the first touch apart from its own (last-touch) attribution, and notes which
 * attribution values were cut or dropped instead of refusing the signup.
 */
export function touchAttribution(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('touches').addColumn('first_touch', 'text').execute();
      await db.schema.alterTable('touches').addColumn('attribution_notes', 'text').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('touches').dropColumn('attribution_notes').execute();
      await db.schema.alterTable('touches').dropColumn('first_touch').execute();
    },
  };
}
