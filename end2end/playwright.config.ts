// Browser journeys in Debian's Chromium at phone size (the workflow journeys at tablet size too), against
// a todoke server this config starts (scripts/test.sh builds it and passes E2E_PORT and E2E_DATABASE_URL;
// nothing is downloaded).
// Before todoke, the message sink starts: the SMTP server and SMS/voice gateway todoke sends one-time
// codes to, which the tests read back (support/message-sink.mjs; ports in support/ports.ts).
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { baseURL, ports, serverURL, sinkURL } from './support/ports';

const root = path.resolve(__dirname, '..');

// Without this, context.setOffline does not reach the service worker's own fetches, and an "offline"
// test would still load the app from the network (tests/offline.spec.ts).
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';

export default defineConfig({
  testDir: './tests',
  // Benchmarks (*.bench.spec.ts) print figures and are run by scripts, not by the test command.
  testIgnore: process.env.E2E_BENCH ? [] : /\.bench\.spec\.ts$/,
  workers: 1,
  // One retry: a journey that fails once and then passes is listed as flaky, with what its page showed
  // (support/failure-context.ts), instead of failing the run; one that fails twice fails it.
  retries: 1,
  // The list, and the failing page's snapshot printed (support/failure-context.ts).
  reporter: [['list'], ['./support/failure-context.ts']],
  timeout: 60_000,
  use: {
    baseURL,
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
  projects: [
    { name: 'phone', use: { viewport: { width: 390, height: 844 } } },
    // Health-center staff, sysadmins and user managers work on tablets too: their screens are checked at that size as well.
    { name: 'tablet', use: { viewport: { width: 820, height: 1180 } }, testMatch: /(workflow|requests)\.spec\.ts$/ },
  ],
  webServer: [
    {
      command: `node ${path.join(__dirname, 'support/message-sink.mjs')}`,
      cwd: __dirname,
      url: `${sinkURL}/messages`,
      reuseExistingServer: false,
      timeout: 15_000,
      stdout: 'pipe',
      env: { SINK_SMTP_PORT: String(ports.smtp), SINK_HTTP_PORT: String(ports.sink) },
    },
    {
      // The build of `cargo build -p server`, wherever CARGO_TARGET_DIR puts it.
      command: path.join(process.env.CARGO_TARGET_DIR ?? path.join(root, 'target'), 'debug/todoke-server'),
      cwd: root,
      url: `${serverURL}/api/v1/openapi.json`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      env: {
        TODOKE_LISTEN: `127.0.0.1:${ports.todoke}`,
        TODOKE_PUBLIC_URL: baseURL,
        // The built app; E2E_DIST for another build (scripts/pwa-figures.sh times the release build).
        TODOKE_DIST: process.env.E2E_DIST ?? path.join(root, 'dist'),
        TODOKE_DEMO: '1',
        // The journeys run the alarm detection themselves (todoke-server detect-alarms, alarms.spec.ts).
        TODOKE_ALARM_DETECTION: '0',
        TODOKE_SMTP_URL: `smtp://127.0.0.1:${ports.smtp}`,
        TODOKE_SMS_GATEWAY_URL: `${sinkURL}/sms`,
        TODOKE_VOICE_GATEWAY_URL: `${sinkURL}/voice`,
        DATABASE_URL: process.env.E2E_DATABASE_URL ?? `sqlite:${path.join(root, 'target/e2e/todoke.db')}`,
        RUST_LOG: 'warn',
      },
    },
  ],
});
