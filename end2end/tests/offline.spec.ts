// Offline-first at phone size (O-1 … O-3): the app starts with no network after one visit, drafts
// survive closing the page, a notification sent offline is delivered exactly once when the network
// returns (also when the answer to the PUT is lost), so is the correction of a returned one, and logout
// wipes the device, also offline.
// The service worker's own fetches follow setOffline only with PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS=1
// (playwright.config.ts sets it).
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures/journey';
import { demo, fillMeaslesForm, logIn, openForm, openPhone, receiptNumberPattern, sendForm, serviceWorkerInControl, signedIn } from './fixtures/todoke';

/** The number of records in each object store of the app's IndexedDB database. */
async function deviceRecords(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((db) => db.name);
    if (!names.includes('todoke-offline')) return {};
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      const request = indexedDB.open('todoke-offline');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const counts: Record<string, number> = {};
    for (const name of Array.from(db.objectStoreNames)) {
      counts[name] = await new Promise((resolve) => {
        const request = db.transaction(name).objectStore(name).count();
        request.onsuccess = () => resolve(request.result);
      });
    }
    db.close();
    return counts;
  });
}

/** Notifications the doctor's institution has on the server. */
async function filedCount(page: Page): Promise<number> {
  const response = await page.request.get('/api/v1/notifications');
  expect(response.ok()).toBeTruthy();
  return ((await response.json()) as unknown[]).length;
}

const onDevice = (page: Page) => page.locator('.device-work');

/**
 * How long a new phone may take to show the doctor's home: its module is loaded after the login
 * (app/src/lazy.rs, group `filing`), and the debug build's modules weigh about 15 MB on a busy machine.
 */
const HOME_LOADED = 20_000;

let doctorSession: Awaited<ReturnType<BrowserContext['storageState']>> | undefined;
/** The session of the first test's phone (a login of its own), which the offline-logout test ends. */
let offlinePhoneSession: Awaited<ReturnType<BrowserContext['storageState']>> | undefined;

/**
 * A new phone (its own IndexedDB, no service worker) with one shared doctor1 session: the server
 * sends an account at most 10 codes an hour, and the whole suite logs doctor1 in often. The logout
 * test ends this session, so it comes last.
 */
async function signedInPhone(browser: Browser): Promise<Page> {
  if (!doctorSession) {
    const first = await browser.newContext({ serviceWorkers: 'block' });
    const page = await first.newPage();
    await page.goto('/');
    await logIn(page, demo.doctor1);
    doctorSession = await first.storageState();
    await first.close();
  }
  const context = await browser.newContext({ serviceWorkers: 'block', storageState: doctorSession });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'この端末の届出' })).toBeVisible({ timeout: HOME_LOADED });
  return page;
}

/**
 * Files a measles notification for `patientName` from the doctor's `page` and has the health center
 * return it with `comment` (hc-north's session of the run: a return needs no screen). Its id.
 */
async function filedAndReturned(browser: Browser, page: Page, patientName: string, comment: string): Promise<string> {
  await openForm(page, '麻しん');
  await fillMeaslesForm(page, { patientName });
  await sendForm(page);
  await expect(page.getByRole('heading', { name: '受付完了' })).toBeVisible();
  const id = page.url().split('/receipt/')[1];
  const staff = await signedIn(browser, demo.hcNorth);
  const returned = await staff.request.post(`/api/v1/notifications/${id}/return`, { data: { comment } });
  expect(returned.status()).toBe(200);
  await staff.context().close();
  return id;
}

test('after one visit the app starts offline, keeps the draft and delivers it once online', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/');
  await logIn(page, demo.doctor1);
  offlinePhoneSession = await context.storageState();
  // The service worker controls the page and has the app shell cached.
  await serviceWorkerInControl(page);
  const before = await filedCount(page);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'この端末の届出' })).toBeVisible();
  await expect(page.getByText('オフラインです。')).toBeVisible();

  await openForm(page, '麻しん');
  await expect(page).toHaveURL(/\/notifications\/new\/measles\?draft=/);
  await fillMeaslesForm(page, { patientName: '北町 春子' });
  await expect(page.getByRole('status').filter({ hasText: 'この端末に暗号化して保存しました' })).toBeVisible();
  expect((await deviceRecords(page)).owned_items).toBe(1);

  // Close the page and open the app again, still offline: the draft is listed and resumes as typed.
  await page.close();
  const reopened = await context.newPage();
  await reopened.goto('/');
  const draft = onDevice(reopened).getByRole('listitem');
  // The home is in the lazily loaded filing module: the worker serves it, but it is compiled first.
  await expect(draft).toContainText('下書き', { timeout: HOME_LOADED });
  await expect(draft).toContainText('麻しん');
  await expect(draft).toContainText('北・春');
  await expect(draft).not.toContainText('北町 春子');
  await draft.getByRole('link', { name: '続きを入力' }).click();
  await expect(reopened.getByLabel(new RegExp('^住所'))).toHaveValue('デモ県北町1-2-3');
  await expect(reopened.getByLabel(new RegExp('^氏名'))).toHaveValue('北町 春子');

  // Sending offline queues it.
  await sendForm(reopened);
  await expect(reopened.getByText('送信待ちにしました')).toBeVisible();
  await expect(onDevice(reopened).getByRole('listitem')).toContainText('送信待ち');
  expect(await filedCount(reopened)).toBe(before);

  // Back online: sent once, and the receipt shows on the device.
  await context.setOffline(false);
  const item = onDevice(reopened).getByRole('listitem');
  await expect(item).toContainText('受付済', { timeout: 20_000 });
  await expect(item).toContainText(receiptNumberPattern);
  await expect(item).toContainText('デモ県北保健所');
  expect(await filedCount(reopened)).toBe(before + 1);
  await context.close();
});

test('a PUT whose answer is lost is retried under the same id: one notification, one receipt', async ({ browser }) => {
  const page = await signedInPhone(browser);
  const context = page.context();
  const before = await filedCount(page);

  // The first PUT reaches the server, which stores it; then the connection drops before the answer.
  let puts = 0;
  await page.route('**/api/v1/notifications/*', async (route) => {
    if (route.request().method() !== 'PUT') return route.continue();
    puts += 1;
    if (puts > 1) return route.continue();
    const response = await route.fetch();
    expect(response.status()).toBe(201);
    await route.abort('connectionreset');
  });

  await openForm(page, '麻しん');
  await fillMeaslesForm(page, { patientName: '北町 次郎' });
  await sendForm(page);
  await expect(page.getByText('送信待ちにしました')).toBeVisible();

  // The engine retries by itself (backoff of a few seconds) and gets the original receipt back.
  const item = onDevice(page).getByRole('listitem');
  await expect(item).toContainText('受付済', { timeout: 30_000 });
  // The banner said it was waiting; sent, it goes.
  await expect(page.getByText('送信待ちにしました')).toBeHidden();
  expect(puts).toBe(2);
  const shown = (await item.textContent())?.match(receiptNumberPattern)?.[0];
  const filed = (await (await page.request.get('/api/v1/notifications')).json()) as any[];
  expect(filed.length).toBe(before + 1);
  expect(filed.filter((row) => row.receipt.receipt_number === shown)).toHaveLength(1);
  await context.close();
});

test('back and forward keep what was typed and never send twice (L-7)', async ({ browser }) => {
  const page = await signedInPhone(browser);
  const context = page.context();
  const before = await filedCount(page);
  await openForm(page, '麻しん');
  await fillMeaslesForm(page, { patientName: '北町 四郎' });
  const form = page.url();

  await page.goBack();
  await expect(page.getByRole('heading', { name: 'この端末の届出' })).toBeVisible();
  await page.goForward();
  await expect(page).toHaveURL(form);
  await expect(page.getByLabel(new RegExp('^氏名'))).toHaveValue('北町 四郎');
  await expect(page.getByLabel(new RegExp('^住所'))).toHaveValue('デモ県北町1-2-3');

  await sendForm(page);
  await expect(page.getByRole('heading', { name: '受付完了' })).toBeVisible();
  await page.goBack();
  await page.goForward();
  await expect(page.getByRole('heading', { name: '受付完了' })).toBeVisible();
  // The sent form's address shows that it was sent, not a form to send again.
  await page.goto(form);
  await expect(page.getByText('変更できません')).toBeVisible();
  await expect(page.getByRole('button', { name: '送信する' })).toHaveCount(0);
  expect(await filedCount(page)).toBe(before + 1);
  await context.close();
});

test('a return for correction reaches the device through the change feed', async ({ browser }) => {
  const page = await signedInPhone(browser);
  await openForm(page, '麻しん');
  await fillMeaslesForm(page, { patientName: '北町 五郎' });
  await sendForm(page);
  await expect(page.getByRole('heading', { name: '受付完了' })).toBeVisible();
  const id = page.url().split('/receipt/')[1];
  await page.getByRole('link', { name: 'ホームへ戻る' }).first().click();
  const item = onDevice(page).locator(`[data-id="${id}"]`);
  await expect(item).toContainText('受付済');

  const staff = await openPhone(browser);
  await logIn(staff, demo.hcNorth);
  const returned = await staff.request.post(`/api/v1/notifications/${id}/return`, { data: { comment: '発病日を確認してください' } });
  expect(returned.status()).toBe(200);
  await staff.context().close();

  // Coming back online makes the engine read the feed at once (it also does every 15 s).
  await page.context().setOffline(true);
  await page.context().setOffline(false);
  await expect(item).toContainText('差し戻し', { timeout: 20_000 });
  await expect(item.getByRole('link', { name: '差し戻し内容を見る' })).toHaveAttribute('href', `/notifications/${id}`);
  await page.context().close();
});

test('a correction made offline is sent once back online, also when the answer to its first try is lost', async ({
  browser,
}) => {
  const page = await signedInPhone(browser);
  const context = page.context();
  const id = await filedAndReturned(browser, page, '北町 六郎', '住所を確認してください');

  // The correction opens online, then the network goes: it is kept and queued on the device.
  await page.goto(`/notifications/${id}/correct`);
  await expect(page.getByLabel(/^氏名/)).toHaveValue('北町 六郎');
  await context.setOffline(true);
  await page.getByLabel(/^住所/).fill('デモ県北町9-9-9');
  await expect(page.getByRole('status').filter({ hasText: 'この端末に暗号化して保存しました' })).toBeVisible();
  await sendForm(page, '再提出する');
  await expect(page.getByText('送信待ちにしました')).toBeVisible();
  const item = onDevice(page).locator(`[data-id="${id}"]`);
  await expect(item).toContainText('送信待ち');
  const waiting = await (await page.request.get(`/api/v1/notifications/${id}`)).json();
  expect([waiting.summary.status, waiting.summary.revision]).toEqual(['returned', 1]);

  // The first try reaches the server, which takes it; the answer is lost. The retry gets the receipt.
  let delivered = 0;
  await page.route('**/api/v1/notifications/*/resubmit', async (route) => {
    let response;
    try {
      response = await route.fetch();
    } catch {
      return route.abort('internetdisconnected');
    }
    delivered += 1;
    if (delivered > 1) return route.fulfill({ response });
    expect(response.status()).toBe(200);
    await route.abort('connectionreset');
  });
  await context.setOffline(false);
  await expect(item).toContainText('受付済', { timeout: 30_000 });
  expect(delivered).toBe(2);
  const after = await (await page.request.get(`/api/v1/notifications/${id}`)).json();
  expect([after.summary.status, after.summary.revision]).toEqual(['received', 2]);
  expect(after.answers.patient_address).toBe('デモ県北町9-9-9');
  const steps = (after.history as { action: string }[]).map((entry) => entry.action);
  expect(steps).toEqual(['received', 'returned', 'resubmitted']);
  await context.close();
});

test('a returned notification seen online is corrected with no network, and the correction arrives once', async ({
  browser,
}) => {
  const page = await signedInPhone(browser);
  const context = page.context();
  const id = await filedAndReturned(browser, page, '北町 七郎', '発病日を確認してください');

  // Seen at home while online: the device keeps, sealed, what the correction needs.
  await page.goto('/');
  await expect(page.getByRole('region', { name: '差し戻された届出' })).toContainText('発病日を確認してください');
  const item = onDevice(page).locator(`[data-id="${id}"]`);
  const correct = item.getByRole('link', { name: '修正して再提出する' });
  await expect(correct).toBeVisible();
  const local = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(local).not.toContain('北町 七郎');

  // No network: the correction opens from the device, is edited and queued.
  await context.setOffline(true);
  await correct.click();
  await expect(page).toHaveURL(new RegExp(`/notifications/${id}/correct$`));
  await expect(page.getByRole('status').filter({ hasText: '発病日を確認してください' })).toBeVisible();
  await expect(page.getByLabel(/^氏名/)).toHaveValue('北町 七郎');
  await page.getByLabel(/^発病年月日/).fill('2026-10-27');
  await expect(page.getByRole('status').filter({ hasText: 'この端末に暗号化して保存しました' })).toBeVisible();
  await sendForm(page, '再提出する');
  await expect(page.getByText('送信待ちにしました')).toBeVisible();
  await expect(item).toContainText('送信待ち');

  // Back online: sent once, received as the second revision.
  let resubmits = 0;
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith(`/notifications/${id}/resubmit`)) resubmits += 1;
  });
  await context.setOffline(false);
  await expect(item).toContainText('受付済', { timeout: 30_000 });
  expect(resubmits).toBe(1);
  const after = await (await page.request.get(`/api/v1/notifications/${id}`)).json();
  expect([after.summary.status, after.summary.revision]).toEqual(['received', 2]);
  expect(after.answers.onset_date).toBe('2026-10-27');
  expect((after.history as { action: string }[]).map((entry) => entry.action)).toEqual(['received', 'returned', 'resubmitted']);
  await context.close();
});

test('a logout without network wipes the device at once and ends the session once the network returns', async ({ browser }) => {
  // The first test's session (not the one the other tests share): this test ends it.
  expect(offlinePhoneSession, 'the first test ran').toBeTruthy();
  const context = await browser.newContext({ storageState: offlinePhoneSession });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'この端末の届出' })).toBeVisible({ timeout: HOME_LOADED });
  await serviceWorkerInControl(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('button', { name: 'ログアウト' })).toBeVisible();

  await page.getByRole('button', { name: 'ログアウト' }).click();
  await expect(page).toHaveURL(/\/login/);
  expect((await deviceRecords(page)).accounts ?? 0).toBe(0);
  await page.reload();
  await expect(page).toHaveURL(/\/login/);

  // Back online, the app's first call ends the session the browser still holds a cookie for.
  await context.setOffline(false);
  await page.reload();
  await expect(page.getByLabel('ユーザID')).toBeVisible();
  expect((await context.request.get('/api/v1/me')).status()).toBe(401);
  await context.close();
});

test('logout warns about unsent work, then wipes the device', async ({ browser }) => {
  const page = await signedInPhone(browser);
  const context = page.context();
  await openForm(page, '麻しん');
  await page.getByLabel(new RegExp('^氏名')).fill('北町 三郎');
  await expect(page.getByRole('status').filter({ hasText: 'この端末に暗号化して保存しました' })).toBeVisible();
  await page.getByRole('link', { name: 'todoke 感染症発生届' }).click();
  const draft = onDevice(page).getByRole('listitem').filter({ hasText: '下書き' });
  await expect(draft).toBeVisible();

  // Declining the warning keeps everything.
  page.once('dialog', (dialog) => {
    expect(dialog.message()).toContain('送信していない届出が1件あります');
    void dialog.dismiss();
  });
  await page.getByRole('button', { name: 'ログアウト' }).click();
  await expect(draft).toBeVisible();
  expect((await deviceRecords(page)).owned_items).toBeGreaterThan(0);

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'ログアウト' }).click();
  await expect(page).toHaveURL(/\/login/);
  const left = await deviceRecords(page);
  expect(left.owned_items ?? 0).toBe(0);
  expect(left.keys ?? 0).toBe(0);
  expect(left.accounts ?? 0).toBe(0);
  const local = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(local).not.toContain('北町');
  await context.close();
});
