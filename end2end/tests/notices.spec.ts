// Notices (お知らせ) and the help guide (issue 20) at phone size: デモ県's sysadmin publishes a notice for
// デモ県 on its publishing screen; a doctor of デモ県 finds it on the home screen marked new, opens it,
// and it stays read after a reload; デモ市's staff (another 都道府県等) are not shown it; the ? in the
// header opens the help guide at the section of the screen it was pressed on; the guide's pages, files
// beside the app rather than part of its wasm (issue 17), read offline once the app has been opened.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/journey';
import { demo, openForm, phoneAfterFirstVisit, signedIn } from './fixtures/todoke';

// Unique per attempt: a retry's notice must not be confused with the one the failed attempt published.
const STAMP = Date.now();
const TITLE = `年末年始の受付について（E2E ${STAMP}）`;
const BODY = `12月29日から1月3日も届出を受け付けます（${STAMP}）。`;

function notice(page: Page) {
  return page.locator('.notice').filter({ hasText: TITLE });
}

test('a notice for デモ県 reaches its doctors, new until read, and nobody elsewhere', async ({ browser }) => {
  const admin = await signedIn(browser, demo.prefAdmin);
  await admin.getByRole('link', { name: 'お知らせの掲載' }).click();
  await expect(admin).toHaveURL(/\/admin\/notices$/);
  await expect(admin.locator('strong.notice-audience')).toHaveText('デモ県');
  await admin.getByLabel('件名').fill(TITLE);
  await admin.getByLabel('本文').fill(BODY);
  await admin.getByRole('button', { name: '掲載する' }).click();
  await expect(admin.getByText('お知らせを保存しました。')).toBeVisible();
  const published = admin.locator('.published-notice').filter({ hasText: TITLE });
  await expect(published).toContainText('掲載中');
  await expect(published).toContainText('99 / すべての利用者');

  const doctor = await signedIn(browser, demo.doctor1);
  await expect(notice(doctor)).toContainText('新着');
  await expect(doctor.getByText(BODY)).toBeHidden();
  await notice(doctor).getByRole('button', { name: TITLE }).click();
  await expect(doctor.getByText(BODY)).toBeVisible();
  await expect(notice(doctor)).not.toContainText('新着');
  await doctor.reload();
  await expect(notice(doctor)).toBeVisible();
  await expect(notice(doctor)).not.toContainText('新着');

  // デモ市's staff (another 都道府県等; doctor3 of デモ市 is admin-accounts.spec's, whose password it resets).
  const elsewhere = await signedIn(browser, demo.cityStaff);
  const theirs = await elsewhere.context().request.get('/api/v1/notices');
  expect(theirs.ok()).toBe(true);
  expect(await theirs.text()).not.toContain(TITLE);
  await expect(elsewhere.locator('main')).toBeVisible();
  await expect(elsewhere.getByText(TITLE)).toHaveCount(0);
});

test('the ? opens the help guide at the section of the screen', async ({ browser }) => {
  const doctor = await signedIn(browser, demo.doctor1);
  await doctor.getByRole('link', { name: 'この画面のヘルプ' }).click();
  await expect(doctor).toHaveURL(/\/help\/doctor#home$/);
  await expect(doctor.getByRole('heading', { name: '医師のヘルプ' })).toBeVisible();
  await expect(doctor.getByRole('heading', { name: 'ホーム画面' })).toBeInViewport();

  await doctor.goto('/');
  await openForm(doctor, '麻しん');
  await doctor.getByRole('link', { name: 'この画面のヘルプ' }).click();
  await expect(doctor).toHaveURL(/\/help\/doctor#filing$/);
  await expect(doctor.getByRole('heading', { name: '届出の作成' })).toBeInViewport();
  // A link between pages of the guide.
  await doctor.getByRole('link', { name: '共通の操作' }).first().click();
  await expect(doctor).toHaveURL(/\/help\/common$/);
  await expect(doctor.getByRole('heading', { name: 'ログイン', exact: true })).toBeVisible();

  const login = await browser.newPage();
  await login.goto('/login');
  await login.getByRole('link', { name: 'この画面のヘルプ' }).click();
  await expect(login).toHaveURL(/\/help\/common#login$/);
  await expect(login.getByRole('heading', { name: 'ログイン', exact: true })).toBeInViewport();
});

test('the help guide reads offline after one visit, every page in both languages, though not in the wasm', async ({
  browser,
}) => {
  // One visit to the login form, until the service worker controls the page: no help page opened.
  const { context, phone } = await phoneAfterFirstVisit(browser);

  // The main wasm does not carry the guide (a heading's anchor as the guide's HTML writes it).
  const index = await (await phone.request.get('/')).text();
  const wasm = /(\/app-[0-9a-f]+_bg\.wasm)/.exec(index)?.[1];
  expect(wasm, 'index.html names the main wasm').toBeTruthy();
  const module = Buffer.from(await (await phone.request.get(wasm!)).body()).toString('latin1');
  expect(module).not.toContain('<h2 id="filing">');

  await context.setOffline(true);
  await phone.goto('/help/doctor#filing');
  await expect(phone.getByRole('heading', { name: '届出の作成' })).toBeInViewport();
  await phone.getByRole('button', { name: 'English' }).click();
  await expect(phone.getByRole('heading', { name: 'Filing a notification' })).toBeVisible();
  await phone.goto('/help/sysadmin');
  await expect(phone.getByRole('heading', { name: 'Help for administrators', level: 1 })).toBeVisible();
  await expect(phone.getByRole('alert')).toHaveCount(0);
  await context.setOffline(false);
  await context.close();
});
