/** The Markdown files whose examples the tests check: docs/**, packages/<name>/README.md, README.md. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../testing/run-cli.js';

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(join(REPO_ROOT, dir))) {
    const rel = join(dir, name);
    if (statSync(join(REPO_ROOT, rel)).isDirectory()) walk(rel, out);
    else if (name.endsWith('.md')) out.push(rel);
  }
}

/** Repository-relative paths, sorted. */
export function markdownFiles(): string[] {
  const out: string[] = [];
  if (existsSync(join(REPO_ROOT, 'docs'))) walk('docs', out);
  for (const pkg of readdirSync(join(REPO_ROOT, 'packages'))) {
    if (existsSync(join(REPO_ROOT, 'packages', pkg, 'README.md')))
      out.push(join('packages', pkg, 'README.md'));
  }
  if (existsSync(join(REPO_ROOT, 'README.md'))) out.push('README.md');
  return out.sort();
}
