// 疑似症サーベイランス (issue 15) at phone size: the manager of a hospital designated for 疑似症
// (sentinel2, 南町総合病院) fills the short form while offline; the report waits on the device and, once
// the network returns, arrives exactly once. The health center responsible (hc-south) sees it at the
// top of its home flagged 直ちに, opens it and accepts it.
import { expect, test } from './fixtures/journey';
import { demo, expectNoSeriousViolations, serviceWorkerInControl, signedIn, type DemoUser } from './fixtures/todoke';

const sentinel2: DemoUser = {
  userId: 'sentinel2',
  password: 'Teiten#Mnm2',
  codeTo: 'sentinel2@minami-hospital.todoke.invalid',
};

test('a designated hospital files a 疑似症 report offline, it arrives once, and the health center accepts it as urgent', async ({
  browser,
}) => {
  const page = await signedIn(browser, sentinel2);
  const section = page.getByRole('region', { name: '疑似症報告', exact: true });
  await expect(section.getByRole('link', { name: '疑似症を報告する' })).toBeVisible();
  await serviceWorkerInControl(page);

  // Offline from here: the form opens, checks and queues without the server.
  await page.context().setOffline(true);
  await section.getByRole('link', { name: '疑似症を報告する' }).click();
  await expect(page).toHaveURL(/\/syndromic\/new\?draft=/);

  // Nothing chosen yet: each required item says so.
  await page.getByRole('button', { name: '送信する' }).click();
  await expect(page.locator('#symptoms-error')).toContainText('入力してください');
  await expect(page.locator('#sex-error')).toBeVisible();

  await page.getByLabel('発熱').check();
  await page.getByLabel('神経症状').check();
  await page.getByLabel('年齢区分').selectOption('5-9y');
  await page.getByLabel('女', { exact: true }).check();
  await page.getByLabel('集中治療（ICU等）').check();
  await page.getByLabel('備考（渡航歴・接触歴など）').fill('渡航歴なし。意識障害あり。');
  await expectNoSeriousViolations(page, 'syndromic form');
  await page.getByRole('button', { name: '送信する' }).click();

  // Queued on the device, home again.
  await expect(page).toHaveURL(/\/$/);
  const item = page.locator('.device-item').filter({ hasText: '疑似症報告' });
  await expect(item).toContainText('送信待ち');

  // The network returns: the outbox sends it once, and the receipt replaces the content.
  await page.context().setOffline(false);
  await expect(item).toContainText('受付済', { timeout: 30_000 });
  await item.getByRole('link', { name: '受付内容' }).click();
  await expect(page).toHaveURL(/\/syndromic\/reports\/[0-9a-f-]{36}$/);
  await expect(page.locator('.receipt-number')).toHaveText(/^G\d{8}-\d{6,}$/);
  const reportId = page.url().split('/').pop()!;
  const reports = (await (await page.request.get('/api/v1/syndromic/reports')).json()) as Array<{
    receipt: { report_id: string };
  }>;
  expect(reports.map((report) => report.receipt.report_id)).toEqual([reportId]);

  // The health center: at the top of its home, flagged 直ちに; opened and accepted.
  const hc = await signedIn(browser, demo.hcSouth);
  const inbox = hc.getByRole('region', { name: '疑似症報告', exact: true });
  const row = inbox.locator('li.syndromic-row').first();
  await expect(row).toContainText('直ちに');
  await expect(row).toContainText('発熱・神経症状');
  await expect(row).toContainText('南町総合病院');
  await expectNoSeriousViolations(hc, 'health center home with a 疑似症 report');
  await row.getByRole('link', { name: '発熱・神経症状' }).click();
  await expect(hc).toHaveURL(new RegExp(`/syndromic/reports/${reportId}$`));
  hc.once('dialog', (dialog) => dialog.accept());
  await hc.getByRole('button', { name: '受理する' }).click();
  await expect(hc.locator('.syndromic-report .badge').first()).toHaveText('受理');
  await expect(hc.getByRole('button', { name: '受理する' })).toHaveCount(0);
  const detail = await (await hc.request.get(`/api/v1/syndromic/reports/${reportId}`)).json();
  expect(detail.report.status).toBe('accepted');
  expect(detail.history.map((entry: { action: string }) => entry.action)).toEqual(['received', 'accepted']);
});
