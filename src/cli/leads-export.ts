/** `npm run leads:export -- <email>`: prints everything stored about the lead with that address as JSON (an access request). */
import { exportLead } from '../privacy/export-lead.ts';
import { withLeadStore } from './with-lead-store.ts';

const address = process.argv[2];
if (!address || process.argv.length > 3) {
  console.error('usage: npm run leads:export -- <email>');
  process.exit(2);
}

try {
  const data = await withLeadStore((store) => exportLead(store, { email: address }));
  if (data) console.log(JSON.stringify(data, null, 2));
  else {
    console.error(`leads:export: no lead has the address ${address}`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`leads:export failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
