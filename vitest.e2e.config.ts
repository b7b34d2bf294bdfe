import { defineConfig } from 'vitest/config';

// End-to-end tests: the built extension in Debian's Chromium, one browser per spec file, files one at a time.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
