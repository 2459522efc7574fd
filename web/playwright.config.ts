import { defineConfig } from '@playwright/test';

// Unit tests of the pure modules, and browser tests that drive Debian's chromium (never a browser
// downloaded by Playwright) against a dev node they start themselves.
export default defineConfig({
  outputDir: 'test-results/playwright',
  reporter: [['list']],
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  projects: [
    {
      name: 'unit',
      testDir: 'tests/unit',
      testMatch: /.*\.test\.ts$/,
      timeout: 30_000,
    },
    {
      name: 'browser',
      testDir: 'tests/browser',
      testMatch: /.*\.spec\.ts$/,
      timeout: 240_000,
      expect: { timeout: 30_000 },
      use: {
        browserName: 'chromium',
        headless: true,
        launchOptions: {
          executablePath: process.env.LINEAGE_CHROMIUM ?? '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-dev-shm-usage'],
        },
        viewport: { width: 1280, height: 900 },
        trace: 'retain-on-failure',
        screenshot: 'only-on-failure',
      },
    },
  ],
});
