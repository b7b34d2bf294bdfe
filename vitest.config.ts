import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit and component tests: next to their code, in happy-dom with WXT's fake browser and fake-indexeddb.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    globals: true,
    environment: 'happy-dom',
    setupFiles: ['./test/setup-unit.ts'],
    include: ['core/**/*.test.ts', 'adapters/**/*.test.ts', 'components/**/*.test.tsx', 'components/**/*.test.ts', 'entrypoints/**/*.test.ts', 'test/simulator/**/*.test.ts', 'test/faults/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
