import { existsSync, readdirSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// One vitest project per package (and one for tools/). Packages resolve each other through the
// `source` export condition, so tests run against src/ without a build.
const packageNames = readdirSync('packages').filter((name) =>
  existsSync(`packages/${name}/package.json`),
);

export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: 'reports/vitest.json' }]]
      : ['default'],
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
          exclude: ['**/node_modules/**'],
        },
      },
    ],
  },
});
