/**
 * Issue 11 (s18-young): what a finished float complex keeps is born young — no object it keeps is
 * old while pointing to a young one (V8 pretenured object-literal sites: an old record then kept
 * each finished run alive through every scavenge). Runs complex-old-young.ts in a child process
 * (it needs --allow-natives-syntax) on the 3-D bench net after 60 warm runs, when V8 has made its
 * pretenuring decisions; a record kind made by a literal again (`{ … }` kept by the complex, or a
 * pointer list from `new Array(n)`) shows up with old→young > 0 — when V8 pretenures that site in
 * this process: with the facet rows made by a literal again it failed in 2 of 3 runs ("544 ×
 * Object {h, ints, …}"). The check is only valid when no scavenge fell between the census's `walk`
 * and `group` lines, which the test checks too.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TOOL = fileURLToPath(new URL('./complex-old-young.ts', import.meta.url));

describe('complex-old-young.ts on the 3→16→16→1 float complex', () => {
  it('finds no kept object that is old and points to a young one', () => {
    const args = ['--allow-natives-syntax', '--expose-gc', '--trace-gc'];
    args.push('--conditions=@mlgeo/source', '--import', 'tsx', TOOL, '--net', '3-16-16-1');
    const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    const walk = lines.indexOf('walk');
    const group = lines.indexOf('group');
    expect(walk).toBeGreaterThan(0);
    expect(group).toBeGreaterThan(walk);
    // no collection during the walk (it would promote the run's objects)
    expect(lines.slice(walk, group).some((l) => /Scavenge|Mark-Compact/.test(l))).toBe(false);
    expect(r.stdout).toMatch(/3→16→16→1 \(float\): \d+ objects reached/);
    const rows = lines
      .slice(lines.findIndex((l) => l.includes('old→young')) + 1)
      .map((l) => /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.+)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null);
    const oldToYoung = rows.filter((m) => Number(m[2]) > 0).map((m) => `${m[2]} × ${m[4]}`);
    expect(oldToYoung).toEqual([]);
  });
});
