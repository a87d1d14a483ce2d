/**
 * Test support for io/interrupted-write.test.ts: writes `target` in two chunks and stops between
 * them (announcing `window` on stdout), so the parent can interrupt it inside the write window.
 * `atomic` writes through writeFileAtomic; `in-place` does what the CLI did before (writeFileSync:
 * the target is truncated when opened, then written), the control showing that the test notices
 * a destroyed file. Usage: interrupted-writer.ts <atomic|in-place> <target>
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { writeFileAtomic } from '../io/atomic-write.js';

const [mode, target] = process.argv.slice(2);
if ((mode !== 'atomic' && mode !== 'in-place') || target === undefined) {
  process.stderr.write('usage: interrupted-writer.ts <atomic|in-place> <target>\n');
  process.exit(2);
}
const first = 'new content, first part\n'.repeat(4096);
const last = 'new content, last part\n';

async function announceAndHold(): Promise<void> {
  process.stdout.write('window\n');
  await new Promise((resolve) => setTimeout(resolve, 60_000));
}

if (mode === 'atomic') {
  await writeFileAtomic(
    target,
    (async function* () {
      yield first;
      await announceAndHold();
      yield last;
    })(),
  );
} else {
  const fd = openSync(target, 'w');
  writeSync(fd, first);
  await announceAndHold();
  writeSync(fd, last);
  closeSync(fd);
}
