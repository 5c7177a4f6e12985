import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Real fonts, real rendering, real builds on 2 shared cores: these only catch a hang.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    // Encoding a video costs ~10 s of CPU per article: only tests/video/ (which asks for them) makes videos.
    env: { FACET_VIDEO: 'off' },
  },
});
