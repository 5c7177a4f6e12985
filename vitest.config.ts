import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Real fonts, real rendering: a cold satori/resvg start takes a moment on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Encoding a video costs ~10 s of CPU per article: only tests/video/ (which asks for them) makes videos.
    env: { FACET_VIDEO: 'off' },
  },
});
