// The ports of one browser-test run, all derived from E2E_PORT (scripts/test.sh picks a free one) so
// that the config and the tests agree: todoke itself, the SMTP sink, and the sink's HTTP side
// (the fake SMS/voice gateway and the read endpoint the tests use).
const base = Number(process.env.E2E_PORT ?? 8765);

export const ports = {
  todoke: base,
  smtp: Number(process.env.E2E_SMTP_PORT ?? base + 1),
  sink: Number(process.env.E2E_SINK_PORT ?? base + 2),
};

// The browser reaches todoke by host name: passkeys need one (browsers refuse an IP address as the
// WebAuthn relying party), and todoke's public URL must be the origin the browser sees. The server
// itself listens on 127.0.0.1, which is what Chromium and Playwright resolve localhost to.
export const baseURL = `http://localhost:${ports.todoke}`;
/** The same server by address, for the readiness check before any browser starts. */
export const serverURL = `http://127.0.0.1:${ports.todoke}`;
export const sinkURL = `http://127.0.0.1:${ports.sink}`;
