// ID management (issue 19) at phone size (the chain also on a tablet), after the first journey (investigations.spec.ts): a contact
// falls ill — her own notification opens her case named by her contact number, and both records
// link to each other; the chain of transmission draws the cluster; another contact is closed with a
// reason; the follow-up list's filters are kept in the address.
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import { test, expect } from './fixtures/journey';
import { demo, expectNoSeriousViolations, measlesNotification, signedIn } from './fixtures/todoke';

/** A day in Japan `days` from today, as an ISO date. */
function dayInJapan(days: number): string {
  return new Date(Date.now() + 9 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** doctor1's measles notification, accepted by hc-north (through the API: the screens are other journeys'). */
async function acceptedNotification(browser: Browser, north: Page): Promise<string> {
  const id = randomUUID();
  const doctor = (await signedIn(browser, demo.doctor1)).context().request;
  const filed = await doctor.put(`/api/v1/notifications/${id}`, { data: measlesNotification });
  expect(filed.status(), await filed.text()).toBe(201);
  const accepted = await north.context().request.post(`/api/v1/notifications/${id}/accept`, { data: {} });
  expect(accepted.status(), await accepted.text()).toBeLessThan(300);
  return id;
}

async function fitsThePhone(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
}

test('a contact becomes a case by her number, the chain shows both, a contact is closed, filters stay in the address', async ({ browser }) => {
  const page = await signedIn(browser, demo.hcNorth);
  const first = await acceptedNotification(browser, page);
  const api = page.context().request;
  const opened = await api.post(`/api/v1/notifications/${first}/case`, { data: {} });
  const firstCase = (await opened.json()).case;
  const contact = (name: string) => ({
    name, relation: 'household', contact_type: 'close', last_exposure: dayInJapan(-2), birth_date: '1990-04-01',
  });
  const hanako = await (await api.post(`/api/v1/cases/${firstCase.id}/contacts`, { data: contact('北町 花子') })).json();
  await api.post(`/api/v1/cases/${firstCase.id}/contacts`, { data: contact('北町 次郎') });
  await page.setViewportSize({ width: 320, height: 640 });

  // Her own notification: 調査を開始 with her contact number links both records.
  const hers = await acceptedNotification(browser, page);
  await page.goto(`/notifications/${hers}`);
  await page.getByLabel(/^接触者番号/).fill('K-00000000-000000-99');
  await page.getByRole('button', { name: '調査を開始' }).click();
  await expect(page.locator('#case-contact-number-error')).not.toBeEmpty();
  await page.getByLabel(/^接触者番号/).fill(hanako.contact_number);
  await page.getByRole('button', { name: '調査を開始' }).click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  await expect(page.locator('.case-from-contact')).toContainText(hanako.contact_number);
  await page.locator('.case-from-contact a').click();
  await expect(page).toHaveURL(new RegExp(`/cases/${firstCase.id}$`));
  const listed = page.locator('.investigation-contact').filter({ hasText: '北町 花子' });
  await expect(listed.locator('.badge.investigation-became_case')).toBeVisible();

  // Another contact is closed with a reason (the reason is required).
  await page.locator('summary', { hasText: '接触者の対応を終了する' }).click();
  await page.locator('#contact-close-which').selectOption({ label: `${hanako.contact_number.replace(/01$/, '02')}　北町 次郎` });
  await page.locator('button[type="submit"]', { hasText: '接触者の対応を終了する' }).click();
  await expect(page.locator('#contact-close-reason-error')).not.toBeEmpty();
  await page.locator('#contact-close-reason').fill('健康観察期間を発症なく終了');
  await page.locator('button[type="submit"]', { hasText: '接触者の対応を終了する' }).click();
  await expect(page.getByRole('status').filter({ hasText: '接触者の対応を終了しました' })).toBeVisible();
  const jiro = page.locator('.investigation-contact').filter({ hasText: '北町 次郎' });
  await expect(jiro).toContainText('健康観察期間を発症なく終了');
  await fitsThePhone(page);

  // The chain: the first case, its two contacts, and her case under her.
  await page.getByRole('link', { name: '感染連鎖を見る' }).click();
  await expect(page).toHaveURL(new RegExp(`/cases/${firstCase.id}/chain$`));
  const graph = page.locator('svg.chain-graph');
  await expect(graph).toBeVisible();
  await expect(graph.locator('.chain-case')).toHaveCount(2);
  await expect(graph.locator('.chain-contact')).toHaveCount(2);
  await expect(graph.locator('.chain-edge-became')).toHaveCount(1);
  await expect(graph).toContainText('北町 花子');
  await expect(page.getByRole('img', { name: /症例 2 件、接触者 2 人/ })).toBeVisible();
  await expectNoSeriousViolations(page, 'the chain of transmission');
  await fitsThePhone(page);
  // On a tablet the cluster is drawn whole: no sideways scrolling of the page or of the graph's frame.
  await page.setViewportSize({ width: 820, height: 1180 });
  await expect(graph).toBeInViewport({ ratio: 1 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(820);
  await page.setViewportSize({ width: 320, height: 640 });

  // The follow-up list's filters go into the address and survive a reload.
  await page.goto('/investigations');
  await page.getByText('絞り込み').first().click();
  await page.getByLabel('状態').selectOption('not_reported');
  await page.getByLabel('氏名・症例番号で検索').fill('北町');
  await page.getByRole('button', { name: 'この条件で表示' }).click();
  await expect(page).toHaveURL(/\/investigations\?attention=not_reported&q=%E5%8C%97%E7%94%BA$/);
  await page.reload();
  await expect(page.getByLabel('状態')).toHaveValue('not_reported');
  await expect(page.getByLabel('氏名・症例番号で検索')).toHaveValue('北町');
  await expectNoSeriousViolations(page, 'the filtered follow-up list');
  await fitsThePhone(page);
});
