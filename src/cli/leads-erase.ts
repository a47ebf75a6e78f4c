/**
 * `npm run leads:erase -- <email> [--reason "<why>"]`: erases the lead with that address (a privacy
 * request): its personal data everywhere, unsent email and CRM webhooks included; records that an
 * erasure happened, without the address.
 */
import { parseArgs } from 'node:util';
import { eraseLead } from '../privacy/erase-lead.ts';
import { withLeadStore } from './with-lead-store.ts';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { reason: { type: 'string' } } });
if (positionals.length !== 1) {
  console.error('usage: npm run leads:erase -- <email> [--reason "<why>"]');
  process.exit(2);
}

try {
  const result = await withLeadStore((store) => eraseLead(store, { email: positionals[0]! }, { reason: values.reason }));
  if (result.status === 'not-found') {
    console.error(`leads:erase: no lead has the address ${positionals[0]}`);
    process.exitCode = 1;
  } else {
    console.log('Erased: the lead, its touches, answers, emails, events, downloads and page views. The erasure is recorded without the address.');
    if (result.crmDeliveries) console.log(`The CRM webhook delivered this lead ${result.crmDeliveries} time(s): erase it in the CRM too.`);
  }
} catch (error) {
  console.error(`leads:erase failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
