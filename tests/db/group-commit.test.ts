import { describe, expect, it } from 'vitest';
import { engines, useMigratedStore } from '../support/databases.ts';

describe.each(engines)('LeadStore.write on %s', (engine) => {
  const useStore = useMigratedStore(engine);

  const insertLead = (email: string) =>
    useStore().write(async (trx) => {
      const { id } = await trx
        .insertInto('leads')
        .values({ email, name: null, status: 'active', created_at: 1, updated_at: 1 })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('touches')
        .values({ lead_id: id, form: 'test', consent: 0, emailed: 0, created_at: 1 } as never)
        .execute();
      if (email.startsWith('fail')) throw new Error(`refused ${email}`);
      return id;
    });

  it('commits each unit of many concurrent writes on its own: a failing one leaves no trace and spoils none of the others', async () => {
    const emails = Array.from({ length: 40 }, (_, index) => (index % 10 === 3 ? `fail-${index}@example.com` : `ok-${index}@example.com`));
    const results = await Promise.allSettled(emails.map(insertLead));

    expect(results.filter((result) => result.status === 'rejected')).toHaveLength(4);
    const stored = (await useStore().db.selectFrom('leads').select('email').execute()).map((row) => row.email).sort();
    expect(stored).toEqual(emails.filter((email) => email.startsWith('ok')).sort());
    const touches = await useStore().db.selectFrom('touches').select('lead_id').execute();
    expect(touches).toHaveLength(36);
  });

  it('rejects a unit that breaks a constraint without touching the rest', async () => {
    const [duplicate, fresh] = await Promise.allSettled([insertLead('ok-0@example.com'), insertLead('new@example.com')]);
    expect(duplicate.status).toBe('rejected');
    expect(fresh.status).toBe('fulfilled');
  });
});
