// Browser journeys in Debian's Chromium at phone size, against a todoke server this config starts
// (scripts/test.sh builds it and passes E2E_PORT and E2E_DATABASE_URL; nothing is downloaded).
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const root = path.resolve(__dirname, '..');
const port = Number(process.env.E2E_PORT ?? 8765);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './tests',
  workers: 1,
  retries: 0,
  reporter: [['list']],
  timeout: 60_000,
  use: {
    baseURL,
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-sync',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    },
  },
  webServer: {
    command: path.join(root, 'target/debug/todoke-server'),
    cwd: root,
    url: `${baseURL}/api/v1/openapi.json`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    env: {
      TODOKE_LISTEN: `127.0.0.1:${port}`,
      TODOKE_PUBLIC_URL: baseURL,
      TODOKE_DIST: path.join(root, 'dist'),
      TODOKE_DEMO: '1',
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? `sqlite:${path.join(root, 'target/e2e/todoke.db')}`,
      RUST_LOG: 'warn',
    },
  },
});
