// Screens loaded when first opened (issue 17): every screen behind the login is in a module of its own
// (app/src/lazy.rs, split by scripts/wasm-split/ in the builds of scripts/test.sh and scripts/run.sh),
// and so is a session's outbox (group `sync`), with their stylesheets, which the login form does not wait
// for (every stylesheet minified by the build, scripts/minify-css.mjs). The doctors' screens (groups
// `filing`, the filing path, and `filing_later`, after it), the forms (a module a family: the filing
// path's family with it, the others after it) and the outbox are precached by the service worker, so a
// doctor files any form offline, and the outbox syncs, after one visit; a doctor's phone fetches
// none of the other roles' modules. A sentinel site's phone fetches its module once, and after that one
// visit the service worker has it, so the site's screens open with no network (sentinel sites file
// offline like doctors), also when it was fetched before the worker took over.
import { createHash } from 'node:crypto';
import type { Page, Request } from '@playwright/test';
import { expect, test } from './fixtures/journey';
import {
  demo,
  fillMeaslesForm,
  logIn,
  openForm,
  phoneAfterFirstVisit,
  sendForm,
  serviceWorkerInControl,
  signedIn,
  type DemoUser,
} from './fixtures/todoke';

/**
 * The lazily loaded modules the page fetches from now on (through its service worker or not; not the
 * worker's own fetches, its precache).
 */
function lazyModules(page: Page): string[] {
  const fetched: string[] = [];
  page.on('request', (request: Request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/lazy/')) fetched.push(path);
  });
  return fetched;
}

/**
 * The files under `under` (the lazily loaded modules unless told) of one of the service worker's precache
 * lists (written by scripts/sw-precache.sh): `PRECACHE`, the shell's, the filing path's and the outbox's,
 * or `PRECACHE_LATER`, the filers' other screens' and the other roles' stylesheets.
 */
async function precachedFiles(
  page: Page,
  list: 'PRECACHE' | 'PRECACHE_LATER' = 'PRECACHE',
  under = '/lazy/',
): Promise<string[]> {
  const worker = await (await page.request.get('/sw.js')).text();
  const paths = new RegExp(`^const ${list} = (\\[.*\\]);$`, 'm').exec(worker)?.[1];
  expect(paths, `sw.js has its list ${list}`).toBeTruthy();
  return (JSON.parse(paths!) as string[]).filter((path) => path.startsWith(under));
}

/**
 * The lazily loaded screens' stylesheets (app/index.html: `data-lazy-style`, every such screen's, or
 * `data-lazy-style-<group>`, those groups' screens'): the groups (none: every screen), and whether it is
 * enabled and loaded (its rules are there).
 */
async function lazyStyles(page: Page): Promise<{ href: string; groups: string[]; loaded: boolean }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLLinkElement>('link')]
      .map((link) => ({ link, names: link.getAttributeNames().filter((name) => name.startsWith('data-lazy-style')) }))
      .filter(({ names }) => names.length > 0)
      .map(({ link, names }) => ({
        href: new URL(link.href).pathname,
        groups: names.filter((name) => name !== 'data-lazy-style').map((name) => name.slice('data-lazy-style-'.length)),
        loaded: !link.disabled && (link.sheet?.cssRules.length ?? 0) > 0,
      })),
  );
}

/** Each of `styles`, loaded exactly when it is every screen's or one of `group`'s. */
function loadedFor(styles: { href: string; groups: string[] }[], group: string) {
  return styles.map(({ href, groups }) => ({ href, groups, loaded: groups.length === 0 || groups.includes(group) }));
}

/** For each path, whether the service worker's cache holds it. */
async function inWorkerCache(page: Page, paths: string[]): Promise<boolean[]> {
  return page.evaluate(async (paths) => Promise.all(paths.map(async (path) => (await caches.match(path)) !== undefined)), paths);
}

// A plain `trunk build` (without scripts/wasm-split/ on its PATH) makes one module, and these journeys
// would prove nothing: they fail rather than pass unseen. Build as scripts/test.sh does.
test.beforeEach(async ({ request }) => {
  const split = (await request.get('/__wasm_split.js')).ok();
  expect(split, 'the app was built without the split: PATH="$PWD/scripts/wasm-split:$PATH" TODOKE_WASM_SPLIT=1 trunk build').toBe(true);
});

test("the login form waits for the shell's styles only; a lazily loaded screen comes with its group's", async ({ browser }) => {
  const context = await browser.newContext();
  const phone = await context.newPage();
  const styles: string[] = [];
  phone.on('request', (request) => {
    if (request.resourceType() === 'stylesheet') styles.push(new URL(request.url()).pathname);
  });
  await phone.goto('/login');
  await expect(phone.getByLabel('ユーザID')).toBeEditable();
  const lazy = await lazyStyles(phone);
  expect(lazy.length).toBeGreaterThan(0);
  expect(lazy.filter((style) => style.loaded)).toEqual([]);
  expect(styles.length).toBeGreaterThan(0);
  for (const path of styles) expect(lazy.map((style) => style.href)).not.toContain(path);

  await context.close();

  // The doctor's home is lazily loaded (group `filing`): it shows once every screen's and its group's are
  // there, without the other roles' (health centers', administrators'), which the worker precaches after
  // the filing path's modules.
  const doctor = await signedIn(browser, demo.doctor1);
  await expect(doctor.getByRole('heading', { name: 'この端末の届出' })).toBeVisible();
  const others = lazy.filter(({ groups }) => groups.length > 0 && !groups.includes('filing')).map(({ href }) => href);
  expect(others.length).toBeGreaterThan(0);
  expect(await lazyStyles(doctor)).toEqual(loadedFor(lazy, 'filing'));
  expect(await precachedFiles(doctor, 'PRECACHE_LATER', '/')).toEqual(expect.arrayContaining(others));
  for (const href of others) expect(await precachedFiles(doctor, 'PRECACHE', '/')).not.toContain(href);

  // A health center's home (group `health_center`) comes with its group's.
  const healthCenter = await signedIn(browser, demo.hcNorth);
  await expect(healthCenter.getByRole('link', { name: /発生状況/ })).toBeVisible();
  expect(await lazyStyles(healthCenter)).toEqual(loadedFor(lazy, 'health_center'));
});

test('every stylesheet comes minified, with the integrity of its bytes', async ({ browser }) => {
  // The doctor's home, every stylesheet enabled: the other roles' by hand.
  const doctor = await signedIn(browser, demo.doctor1);
  await expect(doctor.getByRole('heading', { name: 'この端末の届出' })).toBeVisible();
  await doctor.evaluate(() =>
    Promise.all(
      [...document.querySelectorAll<HTMLLinkElement>('link[disabled]')].map(
        (link) =>
          new Promise((loaded) => {
            link.addEventListener('load', loaded);
            link.addEventListener('error', loaded);
            link.disabled = false;
          }),
      ),
    ),
  );
  const styles = await doctor.evaluate(() =>
    [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].map((link) => ({
      href: new URL(link.href).pathname,
      integrity: link.integrity,
      loaded: (link.sheet?.cssRules.length ?? 0) > 0,
    })),
  );
  expect(styles.length).toBeGreaterThan(0);
  for (const { href, integrity, loaded } of styles) {
    const bytes = await (await doctor.request.get(href)).body();
    // Renamed and relinked after scripts/minify-css.mjs, or the browser would refuse it.
    expect(integrity, href).toBe(`sha384-${createHash('sha384').update(bytes).digest('base64')}`);
    expect(loaded, href).toBe(true);
    expect(bytes.toString(), `${href}: minified (no comment, no line break)`).not.toMatch(/\/\*|\n/);
  }
});

test("a doctor's phone fetches only the doctors' screens, not the administrators'", async ({ browser }) => {
  const doctor = await signedIn(browser, demo.doctor1);
  const fetched = lazyModules(doctor);
  await doctor.reload();
  await expect(doctor.getByRole('heading', { name: 'この端末の届出' })).toBeVisible();
  await openForm(doctor, '麻しん');
  await expect(doctor).toHaveURL(/\/notifications\/new\/measles/);
  // The home and the form are lazily loaded (group `filing`), the home's lists of the doctor's own
  // notifications (returned, on this device, submitted) and its notices' list from modules precached
  // after the filing path's (`filing_later`, `notices`): only modules of the doctors' precache lists came.
  expect(fetched.length).toBeGreaterThan(0);
  const precached = [...(await precachedFiles(doctor)), ...(await precachedFiles(doctor, 'PRECACHE_LATER'))];
  for (const path of fetched) expect(precached).toContain(path);
});

test('after one visit a doctor opens the app offline and files into the outbox: the filing screens are precached', async ({
  browser,
}) => {
  // The session of an earlier login, on a new phone: no service worker and no cache yet.
  const signed = await signedIn(browser, demo.doctor1);
  const session = await signed.context().storageState();
  await signed.context().close();
  const context = await browser.newContext({ storageState: session });
  const phone = await context.newPage();
  const fetched = lazyModules(phone);

  // First visit online, on a screen that shows no lazily loaded screen (the help guide), until the
  // service worker controls the page: it has precached the doctors' modules without the page asking for
  // them, those of the filing path and then those of a notification's detail and correction. The page
  // fetched only the session's outbox (group `sync`, precached too), which remembers the account for an
  // offline start.
  await phone.goto('/help/doctor');
  await serviceWorkerInControl(phone);
  const precached = [...(await precachedFiles(phone)), ...(await precachedFiles(phone, 'PRECACHE_LATER'))];
  expect(precached.length).toBeGreaterThan(0);
  expect(await precachedFiles(phone, 'PRECACHE_LATER')).not.toEqual([]);
  expect(await inWorkerCache(phone, precached)).toEqual(precached.map(() => true));
  await expect.poll(() => fetched.length).toBeGreaterThan(0);
  for (const path of fetched) expect(precached).toContain(path);

  // No network: the app starts with the remembered account, the home and the form open (styled: their
  // stylesheets come from the worker's cache too), and the notification goes into the outbox.
  await context.setOffline(true);
  await phone.goto('/');
  await expect(phone.getByRole('heading', { name: 'この端末の届出' })).toBeVisible();
  await expect(phone.getByText('オフラインです。')).toBeVisible();
  const styles = await lazyStyles(phone);
  expect(styles).toEqual(loadedFor(styles, 'filing'));
  await openForm(phone, '麻しん');
  await expect(phone).toHaveURL(/\/notifications\/new\/measles/);
  await fillMeaslesForm(phone, { patientName: '北町 遅延' });
  await sendForm(phone);
  await expect(phone.getByText('送信待ちにしました')).toBeVisible();
  await expect(phone.locator('.device-work').getByRole('listitem')).toContainText('送信待ち');

  // Back online, it is delivered.
  await context.setOffline(false);
  await expect(phone.locator('.device-work').getByRole('listitem')).toContainText('受付済', { timeout: 20_000 });

  // A device that remembered its account before the app kept a note of it (or whose note went): the
  // app cannot tell without a look, so it looks, starts the account offline as before, and notes it.
  await context.setOffline(true);
  expect(await accountNote(phone)).toBe('1');
  await phone.evaluate(() => localStorage.removeItem('todoke.account_remembered'));
  await phone.goto('/');
  await expect(phone.getByRole('heading', { name: 'この端末の届出' })).toBeVisible();
  expect(await accountNote(phone)).toBe('1');

  // Any form opens offline: each family of forms is a module of its own (app/src/lazy.rs), the filing
  // path's (measles's) precached with it, the others after it; 結核's family is one of those.
  await openForm(phone, '結核');
  await expect(phone).toHaveURL(/\/notifications\/new\/tuberculosis/);
  await expect(phone.getByText('BCG接種歴')).toBeVisible();
  await context.setOffline(false);
  await context.close();
});

/** The app's note of whether an account is remembered on this device (app/src/offline/store.rs). */
async function accountNote(page: Page): Promise<string | null> {
  return page.evaluate(() => localStorage.getItem('todoke.account_remembered'));
}

test('offline on a device that remembers no account, the login form comes without the outbox\'s module', async ({
  browser,
}) => {
  // One visit online, without logging in, until the service worker has the app (and `sync`, precached).
  const { context, phone } = await phoneAfterFirstVisit(browser);
  expect(await inWorkerCache(phone, await precachedFiles(phone))).not.toContain(false);

  // No network, no session: the login form takes input, and no lazily loaded module was asked for (the
  // outbox's `sync` only reads a remembered account, and this device has none: nothing to look up).
  const fetched = lazyModules(phone);
  await context.setOffline(true);
  await phone.goto('/login');
  await phone.getByLabel('ユーザID').fill('doctor1');
  await expect(phone.getByLabel('ユーザID')).toHaveValue('doctor1');
  await phone.goto('/');
  // The home needs a session: the server cannot be reached, and the page says so.
  await expect(phone.getByRole('button', { name: '再読み込み' })).toBeVisible();
  expect(fetched).toEqual([]);
  await context.setOffline(false);
  await context.close();
});

const sentinel1: DemoUser = {
  userId: 'sentinel1',
  password: 'Teiten#Kita1',
  codeTo: 'sentinel1@kita-clinic.todoke.invalid',
};

test("a sentinel site's screens open offline after one visit", async ({ browser }) => {
  const site = await signedIn(browser, sentinel1);
  const context = site.context();
  const fetched = lazyModules(site);
  // The first visit once the service worker is there (as on a phone, where logging in takes longer
  // than the worker's start): the site's home, a lazily loaded screen.
  await serviceWorkerInControl(site);
  await site.reload();
  await expect(site.getByRole('heading', { name: '定点報告', level: 1 })).toBeVisible();
  expect(fetched.length).toBeGreaterThan(0);

  // No network: the app starts from the service worker, and the home and the syndromic report's form
  // (the same module) open from its cache.
  await context.setOffline(true);
  await site.reload();
  await expect(site.getByRole('heading', { name: '定点報告', level: 1 })).toBeVisible();
  await site.getByRole('link', { name: '疑似症を報告する' }).click();
  await expect(site).toHaveURL(/\/syndromic\/new/);
  await expect(site.getByRole('heading', { name: '疑似症報告', level: 1 })).toBeVisible();
  await context.setOffline(false);
});

test('a screen opened before the service worker took over opens offline too', async ({ browser }) => {
  const context = await browser.newContext();
  // The first visit has no service worker yet (its script does not arrive): the site's home, a lazily
  // loaded screen, comes past any worker, as on a phone whose login was quicker than the worker's start.
  await context.route('**/sw.js', (route) => route.abort());
  const site = await context.newPage();
  const fetched = lazyModules(site);
  await site.goto('/');
  await logIn(site, sentinel1);
  await expect(site.getByRole('heading', { name: '定点報告', level: 1 })).toBeVisible();
  expect(fetched.length).toBeGreaterThan(0);
  expect(await site.evaluate(() => navigator.serviceWorker.getRegistrations().then((all) => all.length))).toBe(0);

  // The worker arrives (the app registers it at every start) and keeps what the browser already has:
  // in its own cache, not only in the browser's HTTP cache, which may drop it at any time.
  await context.unroute('**/sw.js');
  await site.goto('/help/sentinel');
  await serviceWorkerInControl(site);
  expect(await inWorkerCache(site, fetched)).toEqual(fetched.map(() => true));
  await context.setOffline(true);
  await site.goto('/');
  await expect(site.getByRole('heading', { name: '定点報告', level: 1 })).toBeVisible();
  await context.setOffline(false);
  await context.close();
});
