import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// One vitest project per package (and one for tools/, one for the packed-tarball test). Packages
// resolve each other through the `@mlgeo/source` export condition, so tests run against src/
// without a build. Each package's `test` script (run by nx) selects its project with `--project`
// and writes a JSON report to reports/vitest/<project root>.json; .ci/run sums those reports.
// (paths from this file: the nx targets run vitest from each package's directory with --root)
const repoRoot = fileURLToPath(new URL('.', import.meta.url));
const packageNames = readdirSync(join(repoRoot, 'packages')).filter((name) =>
  existsSync(join(repoRoot, 'packages', name, 'package.json')),
);

export default defineConfig({
  resolve: { conditions: ['@mlgeo/source'] },
  ssr: { resolve: { conditions: ['@mlgeo/source'], externalConditions: ['@mlgeo/source'] } },
  test: {
    testTimeout: 60_000,
    projects: [
      ...packageNames.map((name) => ({
        extends: true as const,
        test: { name, root: join(repoRoot, 'packages', name), include: ['src/**/*.test.ts'] },
      })),
      {
        extends: true as const,
        test: {
          name: 'tools',
          root: join(repoRoot, 'tools'),
          include: ['**/*.test.ts'],
          exclude: ['**/node_modules/**', 'pack-test/**'],
        },
      },
      {
        // packs every package, installs the tarballs outside the repository and runs the README
        // examples and the mlgeo command against them (`npm run test:pack`; .ci/run runs it)
        extends: true as const,
        test: {
          name: 'pack-test',
          root: join(repoRoot, 'tools/pack-test'),
          include: ['**/*.test.ts'],
          testTimeout: 600_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
