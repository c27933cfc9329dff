// Screens loaded when first opened (issue 17): the screens of administrators, health centers and
// sentinel sites are modules of their own (app/src/lazy.rs, split by scripts/wasm-split/ in the builds
// of scripts/test.sh and scripts/run.sh). A doctor's phone fetches none of them; a sentinel site's
// phone fetches its module once, and after that one visit the service worker has it, so the site's
// screens open with no network (sentinel sites file offline like doctors).
import type { Page, Request } from '@playwright/test';
import { expect, test } from './fixtures/journey';
import { demo, openForm, signedIn, type DemoUser } from './fixtures/todoke';

/** The lazily loaded modules the page fetches from now on (through its service worker or not). */
function lazyModules(page: Page): string[] {
  const fetched: string[] = [];
  page.context().on('request', (request: Request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/lazy/')) fetched.push(path);
  });
  return fetched;
}

/** Waits until the service worker controls the page (so that what the page fetches passes through it). */
async function serviceWorkerInControl(page: Page) {
  await page.waitForFunction(async () => (await navigator.serviceWorker.ready) && navigator.serviceWorker.controller !== null);
}

// A plain `trunk build` (without scripts/wasm-split/ on its PATH) makes one module, and these journeys
// would prove nothing: they fail rather than pass unseen. Build as scripts/test.sh does.
test.beforeEach(async ({ request }) => {
  const split = (await request.get('/__wasm_split.js')).ok();
  expect(split, 'the app was built without the split: PATH="$PWD/scripts/wasm-split:$PATH" TODOKE_WASM_SPLIT=1 trunk build').toBe(true);
});

test("a doctor's phone does not fetch the administrators' screens", async ({ browser }) => {
  const doctor = await signedIn(browser, demo.doctor1);
  const fetched = lazyModules(doctor);
  await doctor.reload();
  await expect(doctor.getByRole('heading', { name: 'この端末の届出' })).toBeVisible();
  await openForm(doctor, '麻しん');
  await expect(doctor).toHaveURL(/\/notifications\/new\/measles/);
  expect(fetched).toEqual([]);
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
