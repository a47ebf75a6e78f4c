/**
 * `npm run ads`: the final URL of every landing-page variant, with UTM tags and the platform's
 * click-id macro, ready to paste into the ad manager. `-- --csv` writes the same as CSV.
 */
import { parseArgs } from 'node:util';
import { siteUrlFromEnv } from '../config/site-url.ts';
import { adRows, toCsv } from '../landing/ad-urls.ts';
import { loadLandings } from '../landing/landing-schema.ts';

try {
  const { values } = parseArgs({ options: { csv: { type: 'boolean', default: false } } });
  const rows = adRows(siteUrlFromEnv(process.env), await loadLandings());
  if (values.csv) process.stdout.write(toCsv(rows));
  else for (const row of rows) console.log(`${row.landing}/${row.variant} (${row.platform}): ${row.headline}\n  ${row.url}\n`);
} catch (error) {
  console.error(`ads: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
