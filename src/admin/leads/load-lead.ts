import type { Kysely, Selectable } from 'kysely';
import type {
  Database,
  DownloadTable,
  EmailEventTable,
  LeadTable,
  OutboxTable,
  PageViewTable,
  QualificationChangeTable,
  TouchTable,
} from '../../db/schema.ts';
import type { FieldValues } from '../../leads/form-fields.ts';
import { loadLeadFacts } from '../../scoring/lead-facts.ts';
import type { ScoringRules } from '../../scoring/rules.ts';
import { scoreLead, type LeadScore } from '../../scoring/score-lead.ts';

/** Page views shown on a lead's page, newest first; the total is said beside them. */
export const VIEWS_SHOWN = 100;

type OutboxRow = Pick<
  Selectable<OutboxTable>,
  'id' | 'kind' | 'template' | 'status' | 'attempts' | 'next_attempt_at' | 'last_error' | 'created_at' | 'sent_at'
>;

/** One outbox row of the lead (an email, or a CRM webhook about it) with what the provider reported about it. */
export interface LeadMessage extends OutboxRow {
  /** The subject, when the local mailbox kept the message. */
  subject: string | null;
  events: Selectable<EmailEventTable>[];
}

/** Everything the admin's page about one lead shows. */
export interface LeadDetail {
  lead: Selectable<LeadTable>;
  /** Oldest first. */
  touches: Selectable<TouchTable>[];
  /** The latest answer per field over all its touches, as scoring reads them. */
  answers: FieldValues;
  /** The score recomputed now with today's rules, line by line. */
  explanation: LeadScore;
  /** Status moves, oldest first. */
  changes: Selectable<QualificationChangeTable>[];
  /** Oldest first. */
  messages: LeadMessage[];
  /** Events tied to the lead but to none of its outbox rows. */
  looseEvents: Selectable<EmailEventTable>[];
  views: { total: number; latest: Selectable<PageViewTable>[] };
  downloads: Selectable<DownloadTable>[];
}

/** Reads one lead's page as of one moment (a read transaction); undefined when there is no such lead. */
export async function loadLeadDetail(
  db: Kysely<Database>,
  id: number,
  scoring: { rules: ScoringRules; consultations: ReadonlySet<string> },
  now: number,
): Promise<LeadDetail | undefined> {
  return db.transaction().execute(async (trx) => {
    const lead = await trx.selectFrom('leads').selectAll().where('id', '=', id).executeTakeFirst();
    if (!lead) return undefined;
    const touches = await trx.selectFrom('touches').selectAll().where('lead_id', '=', id).orderBy('created_at').orderBy('id').execute();
    const facts = (await loadLeadFacts(trx, [lead], { consultations: scoring.consultations })).get(id)!;
    const changes = await trx.selectFrom('qualification_changes').selectAll().where('lead_id', '=', id).orderBy('created_at').orderBy('id').execute();
    const rows = await trx
      .selectFrom('outbox')
      .leftJoin('mailbox', 'mailbox.outbox_id', 'outbox.id')
      .select([
        'outbox.id',
        'outbox.kind',
        'outbox.template',
        'outbox.status',
        'outbox.attempts',
        'outbox.next_attempt_at',
        'outbox.last_error',
        'outbox.created_at',
        'outbox.sent_at',
        'mailbox.subject',
      ])
      .where('outbox.lead_id', '=', id)
      .orderBy('outbox.created_at')
      .orderBy('outbox.id')
      .execute();
    const events = await trx.selectFrom('email_events').selectAll().where('lead_id', '=', id).orderBy('created_at').orderBy('id').execute();
    const messages = rows.map((row) => ({ ...row, events: events.filter((event) => event.outbox_id === row.id) }));
    const shown = new Set(rows.map((row) => row.id));
    const { total } = await trx
      .selectFrom('page_views')
      .select(({ fn }) => fn.countAll<number>().as('total'))
      .where('lead_id', '=', id)
      .executeTakeFirstOrThrow();
    const latestViews = await trx
      .selectFrom('page_views')
      .selectAll()
      .where('lead_id', '=', id)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(VIEWS_SHOWN)
      .execute();
    const downloads = await trx.selectFrom('downloads').selectAll().where('lead_id', '=', id).orderBy('created_at').orderBy('id').execute();
    return {
      lead,
      touches,
      answers: { ...facts.answers },
      explanation: scoreLead(scoring.rules, facts, now),
      changes,
      messages,
      looseEvents: events.filter((event) => event.outbox_id === null || !shown.has(event.outbox_id)),
      views: { total: Number(total), latest: latestViews },
      downloads,
    };
  });
}
