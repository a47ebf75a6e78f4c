/**
 * `npm run lead:example -- hot|cold`: a JSON body for `POST /api/leads` that today's scoring rules
 * score as sales-ready (hot) or as cold, with how they score it. The body is the last line, so
 * `npm run -s lead:example -- hot | tail -1 | curl … --data @-` sends it.
 */
import { loadLandings } from '../landing/landing-schema.ts';
import { leadExample, type ExampleKind } from '../scoring/lead-example.ts';
import { loadScoringRules } from '../scoring/load-rules.ts';

const kind = process.argv[2];
if (kind !== 'hot' && kind !== 'cold') {
  console.error('usage: npm run lead:example -- hot|cold');
  process.exit(2);
}

try {
  const rules = await loadScoringRules();
  const consultations = (await loadLandings()).flatMap(({ slug, data }) =>
    'consultation' in data.offer ? [{ slug, fields: data.offer.consultation.form.fields }] : [],
  );
  const { body, scored } = leadExample(kind as ExampleKind, rules, consultations, Date.now());
  console.log(`${kind === 'hot' ? 'Sales-ready' : 'Cold'} with today's rules: ${scored.score} points (${scored.status})`);
  for (const line of scored.lines) console.log(`  ${line.text}`);
  if (scored.handoff) console.log('  a consultation request: handed to sales whatever the score');
  console.log(JSON.stringify(body));
} catch (error) {
  console.error(`lead:example: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
