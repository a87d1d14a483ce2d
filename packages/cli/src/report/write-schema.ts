/**
 * Rewrites docs/report.schema.json from REPORT_JSON_SCHEMA (formatted with the repository's
 * prettier settings): `npx tsx --conditions=@mlgeo/source packages/cli/src/report/write-schema.ts`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { REPORT_JSON_SCHEMA } from './schema.js';

const file = fileURLToPath(new URL('../../../../docs/report.schema.json', import.meta.url));
const config = (await resolveConfig(file)) ?? {};
writeFileSync(
  file,
  await format(JSON.stringify(REPORT_JSON_SCHEMA), { ...config, parser: 'json' }),
);
process.stdout.write(`wrote ${file}\n`);
