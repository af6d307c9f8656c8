import { defineConfig } from 'vitest/config';

// Two projects: everything against the release build that ships, and the unit suites again against
// the debug build, whose assertions catch out-of-range inputs inside the kernels.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'release',
          include: ['test/**/*.test.ts'],
          setupFiles: ['test/setup/release.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'debug',
          include: ['test/*.test.ts'],
          exclude: ['test/cli.test.ts', 'test/esp-allocation.test.ts'],
          setupFiles: ['test/setup/debug.ts'],
        },
      },
    ],
  },
});
