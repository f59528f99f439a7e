import { defineConfig } from 'vitest/config';

// Tests are pinned to UTC so that nothing depends on the machine's zone.
process.env.TZ = 'UTC';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: { TZ: 'UTC', LOG_LEVEL: 'silent' },
  },
});
