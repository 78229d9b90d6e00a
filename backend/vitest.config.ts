import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'local/**/*.test.ts',
      'scripts/**/*.test.ts',
      'infra/**/*.test.ts',
      'test/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    // Integration tests start real servers (dynalite, cognito-local, the gateway) on free ports.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: files run two at a time, each with its own local stack.
    maxWorkers: 2,
  },
});
