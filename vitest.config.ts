import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['simulation/**/*.test.ts', 'main/**/*.test.ts', 'contract/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'tests/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['tests/helpers/propertySeed.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
