// The outside world todoke talks to during the browser tests, on 127.0.0.1 only:
// - an SMTP server that accepts every mail (the "mail server"),
// - a fake SMS / voice-call gateway: POST /sms or /voice with JSON {channel, to, message},
// - GET /messages?to=<e-mail address or phone number> → every message received for it, oldest first:
//   [{id, channel, to, subject, text, receivedAt}], with mail bodies decoded (base64 or
//   quoted-printable, then UTF-8) so the tests read the text a person would.
// Ports: SINK_SMTP_PORT and SINK_HTTP_PORT. Nothing is kept after the process ends.
import http from 'node:http';
import { SMTPServer } from 'smtp-server';

const smtpPort = Number(process.env.SINK_SMTP_PORT ?? 2525);
const httpPort = Number(process.env.SINK_HTTP_PORT ?? 2526);
const host = '127.0.0.1';

/** @type {{id: number, channel: string, to: string, subject: string, text: string, receivedAt: string}[]} */
const messages = [];

function keep(channel, to, subject, text) {
  messages.push({ id: messages.length + 1, channel, to, subject, text, receivedAt: new Date().toISOString() });
}

/** One spelling per address: e-mail lowercased, phone numbers in E.164 (`090-0000-0002` → `+819000000002`). */
function addressKey(address) {
  const trimmed = String(address).trim();
  if (trimmed.includes('@')) return trimmed.toLowerCase();
  const digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+')) return `+${digits}`;
  if (digits.startsWith('0')) return `+81${digits.slice(1)}`;
  return `+${digits}`;
}

// ---- MIME, as much as a one-part (or first text part of a multipart) mail needs ----

function splitHeaders(raw) {
  const end = raw.search(/\r?\n\r?\n/);
  const head = end < 0 ? raw : raw.slice(0, end);
  const body = end < 0 ? '' : raw.slice(end).replace(/^\r?\n\r?\n/, '');
  const headers = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function parameter(headerValue, name) {
  const match = new RegExp(`${name}\\s*=\\s*"?([^";]+)"?`, 'i').exec(headerValue ?? '');
  return match ? match[1] : undefined;
}

function quotedPrintableBytes(text) {
  const bytes = [];
  const soft = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    const c = soft[i];
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(c, 'latin1'));
    }
  }
  return Buffer.from(bytes);
}

function decodeBody(headers, body) {
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const charset = (parameter(headers['content-type'], 'charset') ?? 'utf-8').toLowerCase();
  let bytes;
  if (encoding === 'base64') bytes = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  else if (encoding === 'quoted-printable') bytes = quotedPrintableBytes(body);
  else bytes = Buffer.from(body, 'latin1');
  return new TextDecoder(charset === 'us-ascii' ? 'utf-8' : charset).decode(bytes);
}

/** `=?utf-8?b?…?=` and `=?utf-8?q?…?=` words of a header. */
function decodeWords(value) {
  return (value ?? '')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_, charset, kind, text) => {
      const bytes =
        kind.toLowerCase() === 'b'
          ? Buffer.from(text, 'base64')
          : quotedPrintableBytes(text.replace(/_/g, ' '));
      return new TextDecoder(charset.toLowerCase()).decode(bytes);
    });
}

function readMail(rawBytes) {
  const { headers, body } = splitHeaders(rawBytes.toString('latin1'));
  const subject = decodeWords(headers['subject']);
  const type = headers['content-type'] ?? 'text/plain';
  if (/^multipart\//i.test(type)) {
    const boundary = parameter(type, 'boundary');
    const parts = boundary ? body.split(`--${boundary}`).slice(1, -1) : [];
    for (const part of parts) {
      const inner = splitHeaders(part.replace(/^\r?\n/, ''));
      if (/^text\/plain/i.test(inner.headers['content-type'] ?? 'text/plain')) {
        return { subject, text: decodeBody(inner.headers, inner.body) };
      }
    }
    return { subject, text: '' };
  }
  return { subject, text: decodeBody(headers, body) };
}

// ---- SMTP ----

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => {
      const { subject, text } = readMail(Buffer.concat(chunks));
      for (const recipient of session.envelope.rcptTo) keep('email', recipient.address, subject, text);
      callback();
    });
  },
});
smtp.on('error', (error) => console.error('smtp sink:', error.message));

// ---- HTTP: the SMS/voice gateway and the read endpoint ----

function reply(response, status, body) {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

const web = http.createServer((request, response) => {
  const url = new URL(request.url ?? '/', `http://${host}`);
  if (request.method === 'POST' && (url.pathname === '/sms' || url.pathname === '/voice')) {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      try {
        const { channel, to, message } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        if (typeof to !== 'string' || typeof message !== 'string') return reply(response, 400, { error: 'to and message' });
        keep(channel ?? url.pathname.slice(1), to, '', message);
        reply(response, 200, { status: 'queued' });
      } catch {
        reply(response, 400, { error: 'JSON body expected' });
      }
    });
    return;
  }
  if (request.method === 'GET' && url.pathname === '/messages') {
    const to = url.searchParams.get('to');
    const found = to === null ? messages : messages.filter((m) => addressKey(m.to) === addressKey(to));
    return reply(response, 200, found);
  }
  reply(response, 404, { error: 'not found' });
});

smtp.listen(smtpPort, host, () => {
  web.listen(httpPort, host, () => console.log(`message sink: SMTP ${host}:${smtpPort}, HTTP ${host}:${httpPort}`));
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    web.close();
    smtp.close(() => process.exit(0));
  });
}
