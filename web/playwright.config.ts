// The browser tests: Debian's chromium (never a downloaded browser), one worker (one chain), the
// stack from tests/browser/stack.ts, and a reporter that prints a plain `N passed, N failed` line.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/browser',
  workers: 1,
  timeout: 6 * 60_000,
  expect: { timeout: 60_000 },
  globalSetup: './tests/browser/stack.ts',
  reporter: [['list'], ['./tests/browser/summary.ts']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] },
    viewport: { width: 1280, height: 900 },
    trace: 'off',
  },
});
