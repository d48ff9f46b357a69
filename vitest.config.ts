import { configDefaults, defineConfig } from 'vitest/config';

// The parser tests are pure functions over the same 270-module registry: they share one module graph per worker
// (no isolation), which saves re-importing the registry for each of their ~250 files. Everything else runs
// isolated, as usual.
const PARSERS = 'test/intake/parsers/**/*.test.ts';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      { extends: true, test: { name: 'parsers', include: [PARSERS], isolate: false } },
      {
        extends: true,
        test: { name: 'app', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, PARSERS] },
      },
    ],
  },
});
