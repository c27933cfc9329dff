// Sentinel surveillance (定点報告, issue 14) at phone size: the site's manager (sentinel1, 北町こども
// クリニック, ARI and 小児科定点) enters this week's ARI report while offline, with the steppers and by
// typing; it waits on the device (the week's due report says so instead of offering 「入力する」
// again) and, once the network returns, arrives exactly once (the receipt on the phone; one report
// with one revision on the server). Its influenza count puts the area at the
// 警報 level (30 per reporting site; the spec files it itself, as the e2e server has no history). The
// health center (hc-north) then sees the report in its week, the site's 小児科 report in the late or
// missing list, the area in 警報 and the season chart; it sends a reminder after confirming.
// The week owed turns at Monday 00:00 in Japan. The journey reads the week it files once, from the
// site's home, and the health center's and prefecture's pages are pinned to it (`?week=`); only the
// site's home shows nothing but the week owed now, so its part does not start just before the turn.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/journey';
import { demo, expectNoSeriousViolations, prefDemo, serviceWorkerInControl, signedIn, type DemoUser } from './fixtures/todoke';

const sentinel1: DemoUser = {
  userId: 'sentinel1',
  password: 'Teiten#Kita1',
  codeTo: 'sentinel1@kita-clinic.todoke.invalid',
};

/** The due entry of a report form on the site's home (of one period, when named). */
function dueEntry(page: Page, kind: string, period?: string) {
  const ofPeriod = period === undefined ? '' : `[data-period="${period}"]`;
  return page.locator(`li.due-report[data-kind="${kind}"]${ofPeriod}`);
}

/** The site's part of the journey takes well under this (offline, then two waits for the outbox). */
const SITE_PART_MS = 150_000;

/** Milliseconds until the week owed turns: the next Monday 00:00 in Japan (Sunday 15:00 UTC). */
function untilWeekTurns(now: number = Date.now()): number {
  const week = 7 * 24 * 3600_000;
  // 1970-01-04 15:00 UTC was a Monday 00:00 in Japan.
  const turn = Date.UTC(1970, 0, 4, 15);
  return week - ((((now - turn) % week) + week) % week);
}

test('a sentinel site files this week\'s report offline, it arrives once, and the health center sees it', async ({
  browser,
}) => {
  const turn = untilWeekTurns();
  if (turn < SITE_PART_MS) {
    test.setTimeout(test.info().timeout + turn);
    await new Promise((resolve) => setTimeout(resolve, turn + 1_000));
  }
  const page = await signedIn(browser, sentinel1);
  await expect(page.getByRole('heading', { name: '定点報告', level: 1 })).toBeVisible();
  await expect(dueEntry(page, 'respiratory_weekly')).toContainText('未報告');
  await expect(dueEntry(page, 'pediatric_weekly')).toBeVisible();
  await expectNoSeriousViolations(page, 'sentinel site home');
  const period = (await dueEntry(page, 'respiratory_weekly').getAttribute('data-period'))!;
  expect(period).toMatch(/^\d{4}-W\d{2}$/);
  const ari = dueEntry(page, 'respiratory_weekly', period);

  // Offline from here: the form opens, checks and queues without the server.
  await page.context().setOffline(true);
  await ari.getByRole('link', { name: '入力する' }).click();
  await expect(page).toHaveURL(/\/sentinel\/file\/respiratory_weekly\/\d{4}-W\d{2}\?draft=/);

  // 「患者なし」 is a report of its own, not a blank form: an empty report is refused at it.
  await page.getByRole('button', { name: '入力内容を確認する' }).click();
  await expect(page.locator('#sentinel-problem')).toContainText('患者なし');

  // ARI cases and influenza among them: typed, and with the steppers (one tap each).
  await page.getByLabel('急性呼吸器感染症（ARI） 1歳 男', { exact: true }).fill('20');
  await page.locator('summary', { hasText: 'インフルエンザ' }).click();
  await page.getByLabel('インフルエンザ 1歳 男', { exact: true }).fill('18');
  await page.getByLabel('インフルエンザ 2歳 女', { exact: true }).fill('10');
  const more = page.getByRole('button', { name: 'インフルエンザ 2歳 女を1増やす' });
  await more.click();
  await more.click();
  await expect(page.getByLabel('インフルエンザ 2歳 女', { exact: true })).toHaveValue('12');
  await expect(page.locator('summary', { hasText: 'インフルエンザ' })).toContainText('30人');
  // A count that is not a whole number is named at its cell.
  await page.getByLabel('インフルエンザ 3歳 男', { exact: true }).fill('1.5');
  await page.getByRole('button', { name: '入力内容を確認する' }).click();
  await expect(page.getByLabel('インフルエンザ 3歳 男', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('インフルエンザ 3歳 男', { exact: true }).fill('');
  await expect(page.locator('.sentinel-total')).toContainText('合計 50人');
  await expectNoSeriousViolations(page, 'sentinel report form');

  await page.getByRole('button', { name: '入力内容を確認する' }).click();
  const review = page.getByRole('region', { name: '送信内容の確認' });
  await expect(review).toContainText('インフルエンザ');
  await expectNoSeriousViolations(page, 'sentinel review');
  await review.getByRole('button', { name: '送信する' }).click();

  // Queued on the device, home again.
  await expect(page).toHaveURL(/\/$/);
  const item = page.locator('.device-item').filter({ hasText: '急性呼吸器感染症等 週報' });
  await expect(item).toContainText('送信待ち');

  // The network returns but the filing gets no answer yet: the week's due report shows that it waits
  // on this device, and offers no 「入力する」 (a second report of the same week).
  let held = true;
  await page.route('**/api/v1/sentinel/reports/*', (route) =>
    held && route.request().method() === 'PUT' ? route.abort('connectionrefused') : route.continue(),
  );
  await page.context().setOffline(false);
  await expect(ari).toContainText('送信待ち', { timeout: 30_000 });
  await expect(ari).not.toContainText('未報告');
  await expect(ari.getByRole('link', { name: '入力する' })).toHaveCount(0);

  // Answers again: the outbox sends it, and the receipt replaces the content.
  held = false;
  await expect(item).toContainText('受付済', { timeout: 30_000 });
  await expect(ari.getByRole('link', { name: '修正する' })).toBeVisible();
  await page.unroute('**/api/v1/sentinel/reports/*');
  await item.getByRole('link', { name: '受付内容' }).click();
  await expect(page).toHaveURL(/\/sentinel\/reports\/[0-9a-f-]{36}$/);
  await expect(page.locator('.receipt-number')).toHaveText(/\S+/);
  const reportId = page.url().split('/').pop()!;

  // Exactly one report on the server, with one revision, as filed.
  const reports = (await (await page.request.get('/api/v1/sentinel/reports')).json()) as Array<{
    receipt: { kind: string; period: string; revision: number; report_id: string };
    cells: Array<{ disease: string; count: number }>;
  }>;
  const filed = reports.filter((report) => report.receipt.kind === 'respiratory_weekly' && report.receipt.period === period);
  expect(filed).toHaveLength(1);
  expect(filed[0].receipt.revision).toBe(1);
  expect(filed[0].receipt.report_id).toBe(reportId);
  const influenza = filed[0].cells.filter((cell) => cell.disease === 'influenza').reduce((sum, cell) => sum + cell.count, 0);
  expect(influenza).toBe(30);
  const detail = await (await page.request.get(`/api/v1/sentinel/reports/${reportId}`)).json();
  expect(detail.history).toHaveLength(1);
  await page.goto('/');
  await expect(ari).toContainText('報告');
  await expect(ari).not.toContainText('未報告');

  // The health center's week, the one filed: the report, the late or missing list, the area in 警報,
  // the chart.
  const hc = await signedIn(browser, demo.hcNorth);
  await hc.getByRole('link', { name: '定点報告（報告状況・警報・集計）を見る' }).click();
  await expect(hc).toHaveURL(/\/sentinel$/);
  await hc.goto(`/sentinel?week=${period}`);
  const alerts = hc.locator('table.area-alerts');
  await expect(alerts.locator('tr', { hasText: 'インフルエンザ' })).toContainText('警報');
  const overview = hc.locator('table.sentinel-overview');
  await expect(overview.locator('tr', { hasText: '急性呼吸器感染症等 週報' }).filter({ hasText: '北町こどもクリニック' })).toContainText('報告');
  await expect(hc.locator('.late-or-missing')).toContainText('北町こどもクリニック');
  await expect(hc.locator('.late-or-missing')).toContainText('小児科定点 週報');
  await expect(hc.locator('figure.season-chart').getByRole('img')).toBeVisible();
  const chartWeeks = hc.getByRole('region', { name: '週別の定点当たり報告数（表）' }).locator('tbody tr');
  expect(await chartWeeks.count()).toBeGreaterThanOrEqual(52);

  await expectNoSeriousViolations(hc, 'health center sentinel page');

  // A reminder to the sites not reported goes only after confirming.
  await hc.getByRole('button', { name: /^未報告の定点に督促メールを送る（小児科定点 週報/ }).click();
  const confirm = hc.getByRole('alertdialog');
  await expect(confirm).toContainText('督促メールを送ります');
  await confirm.getByRole('button', { name: '送る' }).click();
  await expect(hc.getByRole('status').filter({ hasText: '督促メールを送りました' })).toBeVisible();
  // A second press mails nobody twice and says so; the page then shows when the sites were reminded.
  await hc.getByRole('button', { name: /^未報告の定点に督促メールを送る（小児科定点 週報/ }).click();
  await hc.getByRole('alertdialog').getByRole('button', { name: '送る' }).click();
  await expect(hc.getByText(/督促済みのため送らなかった定点：北町こどもクリニック/)).toBeVisible();
  await hc.reload();
  await expect(hc.locator('.sentinel-reminded', { hasText: '小児科定点 週報' })).toContainText('送信済み');
  await expect(hc.getByRole('button', { name: /^未報告の定点に督促メールを送る（小児科定点 週報/ })).toHaveCount(0);
  const pediatricRow = overview.locator('tr', { hasText: '小児科定点 週報' }).filter({ hasText: '北町こどもクリニック' });
  await expect(pediatricRow).toContainText('督促済');
  // Each site's designations, with their periods.
  const designations = hc.locator('table.sentinel-designations');
  await expect(designations.locator('tr', { hasText: '北町眼科クリニック' })).toContainText('眼科定点（2024-01-01から）');

  // The prefecture sees which of its areas is in 警報, and picks any of its areas, in 警報 or not.
  const pref = await signedIn(browser, prefDemo);
  await pref.goto(`/sentinel?week=${period}`);
  await expect(pref.locator('table.area-alerts tr', { hasText: 'インフルエンザ' })).toContainText('警報');
  await pref.getByRole('combobox', { name: '保健所', exact: true }).selectOption({ label: 'デモ県南保健所' });
  await expect(pref).toHaveURL(new RegExp(`/sentinel\\?health_center=9902&week=${period}$`));
  await expect(pref.locator('table.sentinel-overview')).toContainText('南町総合病院');
  await expect(pref.locator('table.sentinel-designations')).toContainText('基幹定点');
});

test('a second report of a filed period shows the current version, and the correction from it is a new revision', async ({
  browser,
}) => {
  const page = await signedIn(browser, sentinel1);
  // The period the journey above filed (the site's newest report; the week owed may have turned since).
  const listed = (await (await page.request.get('/api/v1/sentinel/reports')).json()) as Array<{
    receipt: { kind: string; period: string };
  }>;
  const period = listed.find((report) => report.receipt.kind === 'respiratory_weekly')!.receipt.period;

  // Another report for the same period, not naming a revision: refused with the current version.
  // (A page load while the service worker still fetches the app for its cache can lose the wasm.)
  await serviceWorkerInControl(page);
  await page.goto(`/sentinel/file/respiratory_weekly/${period}`);
  await page.getByLabel('患者なし（0人で報告する）').check();
  await page.getByRole('button', { name: '入力内容を確認する' }).click();
  await page.getByRole('region', { name: '送信内容の確認' }).getByRole('button', { name: '送信する' }).click();
  const current = page.getByRole('region', { name: '現在の内容' });
  await expect(current).toContainText('第1版');
  await expect(current).toContainText('インフルエンザ');

  // Corrected from the current version: one more influenza case in 1歳 男, sent as revision 2.
  await current.getByRole('link', { name: '現在の内容から修正する' }).click();
  await expect(page).toHaveURL(/\/sentinel\/reports\/[0-9a-f-]{36}\/correct\?draft=/);
  await expect(page.getByText('第1版')).toBeVisible();
  await page.getByRole('button', { name: 'インフルエンザ 1歳 男を1増やす' }).click();
  await expect(page.getByLabel('インフルエンザ 1歳 男', { exact: true })).toHaveValue('19');
  await page.getByRole('button', { name: '入力内容を確認する' }).click();
  await page.getByRole('region', { name: '送信内容の確認' }).getByRole('button', { name: '送信する' }).click();
  await expect(page).toHaveURL(/\/sentinel\/reports\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('region', { name: '履歴' }).locator('tbody tr')).toHaveCount(2);

  const reports = (await (await page.request.get('/api/v1/sentinel/reports')).json()) as Array<{
    receipt: { kind: string; period: string; revision: number };
    cells: Array<{ disease: string; count: number }>;
  }>;
  const filed = reports.filter((report) => report.receipt.kind === 'respiratory_weekly' && report.receipt.period === period);
  expect(filed).toHaveLength(1);
  expect(filed[0].receipt.revision).toBe(2);
  expect(filed[0].cells.filter((cell) => cell.disease === 'influenza').reduce((sum, cell) => sum + cell.count, 0)).toBe(31);
});
