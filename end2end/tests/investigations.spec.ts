// ID management (issue 19), the health center's screens at phone size: from a notification it accepted
// the health center starts the investigation, records an entry, adds a contact, starts the contact's
// health observation (the period filled in from measles' 21 days), records a report taken by telephone
// (a fever), sends the subject's link by SMS (read from the SMS sink), and finds the contact on today's
// follow-up list reached from the home screen, flagged for the fever.
import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { demo, expectNoSeriousViolations, measlesNotification, messagesTo, signedIn } from './fixtures/todoke';

/** A day in Japan `days` from today, as an ISO date. */
function dayInJapan(days: number): string {
  return new Date(Date.now() + 9 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** Sends the open form by its submit button (its title, which opens it, says the same). */
async function submit(page: Page, name: string) {
  await page.locator('button[type="submit"]', { hasText: name }).click();
}

test('a health center opens a case, adds a contact, observes them, takes a report by telephone and follows up', async ({ browser }) => {
  const id = randomUUID();
  const doctor = (await signedIn(browser, demo.doctor1)).context().request;
  const filed = await doctor.put(`/api/v1/notifications/${id}`, { data: measlesNotification });
  expect(filed.status(), await filed.text()).toBe(201);
  const page = await signedIn(browser, demo.hcNorth);
  const accepted = await page.context().request.post(`/api/v1/notifications/${id}/accept`, { data: {} });
  expect(accepted.status(), await accepted.text()).toBeLessThan(300);
  await page.setViewportSize({ width: 320, height: 640 });

  await page.goto(`/notifications/${id}`);
  await page.getByRole('button', { name: '調査を開始' }).click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('症例 K-');
  await expect(page.locator('.case-subject')).toHaveText('北町 一郎');

  // An exposure needs its day: refused on the screen, then recorded.
  await page.getByText('調査記録を追加', { exact: true }).first().click();
  await page.getByLabel('種類').selectOption('exposure');
  await page.getByLabel('内容').fill('11月15日 家族で会食');
  await submit(page, '調査記録を追加');
  await expect(page.locator('#entry-date-error')).not.toBeEmpty();
  await page.getByRole('textbox', { name: '日付' }).fill(dayInJapan(-5));
  await submit(page, '調査記録を追加');
  await expect(page.getByRole('status').filter({ hasText: '調査記録を追加しました' })).toBeVisible();
  await expect(page.locator('.investigation-entry')).toContainText('家族で会食');

  const mobile = `090${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  // The case page was drawn anew when the entry was added: the closed form's date and phone fields
  // must still be there once it opens (they once had no box in Chromium: style/main.css, details).
  await page.getByText('接触者を追加', { exact: true }).first().click();
  await page.getByLabel('氏名').fill('北町 花子');
  await page.getByLabel('最終接触日').fill(dayInJapan(-1));
  await page.getByLabel('生年月日').fill('1990-04-01');
  await page.getByLabel('電話番号').fill(mobile);
  await submit(page, '接触者を追加');
  await expect(page.getByRole('status').filter({ hasText: '接触者を追加しました' })).toBeVisible();
  const contact = page.locator('.investigation-contact');
  await expect(contact).toContainText('北町 花子');
  await expect(contact).toContainText(/K-\d{8}-\d{6,}-01/);
  await expectNoSeriousViolations(page, 'the case page');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

  // The contact's period: from the day after the last exposure, measles' 21 days.
  await page.getByText('健康観察を開始', { exact: true }).first().click();
  const subject = await page.locator('#observation-subject option', { hasText: '北町 花子' }).getAttribute('value');
  await page.getByLabel('対象').selectOption(subject!);
  await expect(page.getByLabel('開始日')).toHaveValue(dayInJapan(0));
  await expect(page.getByLabel('終了日')).toHaveValue(dayInJapan(20));
  await submit(page, '健康観察を開始');
  await expect(page).toHaveURL(/\/observations\/[0-9a-f-]{36}$/);
  const observation = page.url().split('/').pop();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('健康観察：北町 花子');
  await expect(page.getByText('まだ報告はありません。')).toBeVisible();

  // A temperature out of range is refused on the screen; the fever is recorded.
  await page.getByText('電話で聞き取った報告を記録', { exact: true }).click();
  await page.getByLabel('体温').fill('45');
  await submit(page, '報告を記録する');
  await expect(page.locator('#report-temperature-error')).not.toBeEmpty();
  await page.getByLabel('体温').fill('38.2');
  await page.getByLabel('発しん').check();
  await submit(page, '報告を記録する');
  await expect(page.getByRole('status').filter({ hasText: '報告を記録しました' })).toBeVisible();
  const report = page.locator('.investigation-report');
  await expect(report).toHaveCount(1);
  await expect(report).toContainText('38.2 ℃');
  await expect(report).toContainText('電話');

  await page.getByText('本人に報告用リンクを送る', { exact: true }).click();
  await submit(page, 'リンクを送る');
  await expect(page.getByRole('status').filter({ hasText: 'リンクを送りました' })).toBeVisible();
  let sms = '';
  await expect.poll(async () => (sms = (await messagesTo(mobile)).pop()?.text ?? '')).toContain('/o/');
  await expectNoSeriousViolations(page, 'the observation page');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

  // The link reached the wrong phone: the health center revokes it, and it opens nothing any more.
  await page.getByText('報告用リンクを無効にする', { exact: true }).click();
  await submit(page, '無効にする');
  await expect(page.getByRole('status').filter({ hasText: '報告用リンクを無効にしました' })).toBeVisible();
  const link = /https?:\/\/\S+\/o\/[A-Za-z0-9_-]+/.exec(sms)![0];
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(link);
  await expect(stranger.locator('body')).toContainText('このリンクは無効か');

  await page.goto('/');
  await page.getByRole('link', { name: '積極的疫学調査・健康観察' }).click();
  await expect(page).toHaveURL(/\/investigations$/);
  const row = page.locator('.follow-up-row').filter({ has: page.locator(`a[href="/observations/${observation}"]`) });
  await expect(row).toContainText('北町 花子');
  await expect(row.locator('.badge.investigation-fever')).toHaveText('発熱');
  await expect(row.locator('.badge.investigation-symptoms')).toHaveText('症状あり');
  await expect(row.locator('.badge.investigation-not-reported')).toHaveCount(0);
  await expectNoSeriousViolations(page, 'the follow-up list');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});
