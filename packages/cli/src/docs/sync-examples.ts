/**
 * Copies every example file into the Markdown blocks that embed it (docs/**, packages/<name>/README.md,
 * README.md): `npx tsx --conditions=@mlgeo/source packages/cli/src/docs/sync-examples.ts`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.js';
import { REPO_ROOT } from '../testing/run-cli.js';
import { syncExampleBlocks } from './example-blocks.js';
import { markdownFiles } from './markdown-files.js';

for (const file of markdownFiles()) {
  const text = readFileSync(join(REPO_ROOT, file), 'utf8');
  const synced = syncExampleBlocks(text, (path) => readFileSync(join(REPO_ROOT, path), 'utf8'));
  if (synced !== text) {
    await writeFileAtomic(join(REPO_ROOT, file), synced);
    process.stdout.write(`updated ${file}\n`);
  }
}
