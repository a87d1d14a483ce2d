import { existsSync, readdirSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// One vitest project per package (and one for tools/, one for the packed-tarball test). Packages
// resolve each other through the `@mlgeo/source` export condition, so tests run against src/
// without a build. Each package's `test` script (run by nx) selects its project with `--project`
// and writes a JSON report to reports/vitest/<project root>.json; .ci/run sums those reports.
const packageNames = readdirSync('packages').filter((name) =>
  existsSync(`packages/${name}/package.json`),
);

export default defineConfig({
  resolve: { conditions: ['@mlgeo/source'] },
  ssr: { resolve: { conditions: ['@mlgeo/source'], externalConditions: ['@mlgeo/source'] } },
  test: {
    testTimeout: 60_000,
    projects: [
      ...packageNames.map((name) => ({
        extends: true as const,
        test: { name, root: `packages/${name}`, include: ['src/**/*.test.ts'] },
      })),
      {
        extends: true as const,
        test: {
          name: 'tools',
          root: 'tools',
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
          root: 'tools/pack-test',
          include: ['**/*.test.ts'],
          testTimeout: 600_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
