// Part of the Trunk post_build hook (scripts/post-build.sh), run in Trunk's staging folder before the
// service worker's list is written: minifies the stylesheets that index.html links (comments and
// whitespace, a third of their bytes as sent: docs/performance.md) with lightningcss from tools/
// (scripts/install-tools.sh). Trunk's own `minify` cannot do it alone: it would minify the app's JS too,
// which drops wasm-bindgen's class getters (trunk-rs/trunk#761), and index.html. Each stylesheet is
// then named after its final bytes, as the app's JS and wasm are (the server lets a browser keep a
// hashed file for good: the same name must never be other bytes), and index.html's `href` and
// `integrity` follow (a browser refuses a stylesheet whose hash is not the one its link names).
import { createHash } from 'node:crypto';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

function fail(message) {
  console.error(`minify-css.mjs: ${message}`);
  process.exit(1);
}

const tools = createRequire(new URL('../tools/package.json', import.meta.url));
let transform;
try {
  ({ transform } = tools('lightningcss'));
} catch {
  fail('no lightningcss in tools/: run scripts/install-tools.sh system');
}

const staging = process.env.TRUNK_STAGING_DIR ?? fail('run by Trunk as a post_build hook');
const page = join(staging, 'index.html');
let html = readFileSync(page, 'utf8');
// Trunk writes `<link rel="stylesheet" href="/main-<its hash>.css" … integrity="sha384-…"/>`.
const links = [...html.matchAll(/<link rel="stylesheet" href="\/([^"/]+)-[0-9a-f]+\.css"[^>]*>/g)];
if (links.length === 0) fail('index.html links no stylesheet of Trunk\'s');

for (const [link, stem] of links) {
  const built = /href="\/([^"]+)"/.exec(link)[1];
  if (!/ integrity="sha384-[^"]*"/.test(link)) fail(`${built}: its link has no sha384 integrity`);
  const { code } = transform({ filename: built, code: readFileSync(join(staging, built)), minify: true });
  const name = `${stem}-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.css`;
  const integrity = `sha384-${createHash('sha384').update(code).digest('base64')}`;
  writeFileSync(join(staging, name), code);
  if (name !== built) unlinkSync(join(staging, built));
  html = html.replace(link, () =>
    link.replace(`href="/${built}"`, `href="/${name}"`).replace(/ integrity="[^"]*"/, ` integrity="${integrity}"`),
  );
}
writeFileSync(page, html);
