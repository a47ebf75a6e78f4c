import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** One line of a stored conversation. */
export interface ChatLine {
  from: 'chat' | 'visitor';
  text: string;
}

/** A chat conversation of a lead as the admin shows it. */
export interface LeadChat {
  id: number;
  script: string;
  outcome: string;
  created_at: number;
  lines: ChatLine[];
}

/** The lead's chat conversations, oldest first. A transcript that does not read as lines shows as none. */
export async function loadLeadChats(db: Kysely<Database>, leadId: number): Promise<LeadChat[]> {
  const rows = await db.selectFrom('chats').selectAll().where('lead_id', '=', leadId).orderBy('created_at').orderBy('id').execute();
  return rows.map(({ id, script, outcome, created_at, transcript }) => ({ id, script, outcome, created_at, lines: linesOf(transcript) }));
}

function linesOf(transcript: string): ChatLine[] {
  try {
    const lines = JSON.parse(transcript) as unknown;
    if (!Array.isArray(lines)) return [];
    return lines.filter(
      (line): line is ChatLine =>
        typeof line === 'object' && line !== null && (line.from === 'chat' || line.from === 'visitor') && typeof line.text === 'string',
    );
  } catch {
    return [];
  }
}
