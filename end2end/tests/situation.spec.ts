// The situation at a glance (issue 16) at phone size: the prefecture's staff opens 発生状況 from the
// home screen, sees the week (its area at 警報 from a sentinel report), the epidemic curve with its
// table and its CSV, the tile map of Japan shaded by each indicator and its own health-center areas with their
// sentinel rate, taps an area to open its curve, then writes the weekly report with its sentinel
// chart, prints it (the print style sheet is checked with emulateMedia: window.print would open a
// dialog) and publishes it with a comment.
import type { Browser } from '@playwright/test';
import { expect, test } from './fixtures/journey';
import { prefDemo, signedIn, type DemoUser } from './fixtures/todoke';

const sentinel1: DemoUser = {
  userId: 'sentinel1',
  password: 'Teiten#Kita1',
  codeTo: 'sentinel1@kita-clinic.todoke.invalid',
};

/** sentinel1 (デモ県北保健所's ARI site) reports 30 influenza cases for the week now owed: 30 per
 * reporting site puts the area at 警報. sentinel.spec.ts (which runs first in scripts/test.sh) files
 * that week's report itself, so an existing one (409) is kept: the area is at 警報 either way. */
async function influenzaReported(browser: Browser) {
  const site = await signedIn(browser, sentinel1);
  const period = await site.locator('li.due-report[data-kind="respiratory_weekly"]').getAttribute('data-period');
  const cells = [{ disease: 'influenza', age_band: '20-29y', sex: 'female', count: 30 }];
  const body = { kind: 'respiratory_weekly', period, no_patients: false, cells };
  const filed = await site.request.put(`/api/v1/sentinel/reports/${crypto.randomUUID()}`, { data: body });
  expect([201, 409]).toContain(filed.status());
  await site.context().close();
}

test('the prefecture opens the map, taps a health-center area, then prints and publishes the weekly report', async ({
  browser,
}) => {
  await influenzaReported(browser);
  const page = await signedIn(browser, prefDemo);
  await page.getByRole('link', { name: '発生状況（流行曲線・地図）を見る' }).click();
  await expect(page).toHaveURL(/\/situation$/);
  await expect(page.getByRole('heading', { name: '発生状況', level: 1 })).toBeVisible();

  // This week: the area at 警報 (last week's sentinel reports) and the open alarms beside the changes.
  const week = page.locator('.situation-week');
  await expect(week.locator('.week-alerts')).toContainText('デモ県北保健所：インフルエンザ 警報');
  await expect(week.getByRole('heading', { name: /^未対応のアラーム（\d+件）$/ })).toBeVisible();

  // The curve of the whole prefecture, drawn and as a table (a row per ISO week).
  const curve = page.locator('figure.epi-curve');
  await expect(curve.locator('figcaption')).toContainText('デモ県');
  await expect(curve.getByRole('img')).toBeVisible();
  const weeks = page.getByRole('region', { name: '週別の届出数（表）' }).locator('tbody tr');
  expect(await weeks.count()).toBeGreaterThanOrEqual(52);
  // Its CSV from the server through the link: UTF-8 with a byte-order mark, the documented header,
  // and every week's figures as the table shows them (plus the empty replaced_characters).
  const saving = page.waitForEvent('download');
  await page.locator('section.situation-curve').getByRole('link', { name: 'CSV（UTF-8）をダウンロード' }).click();
  const saved = await saving;
  expect(saved.suggestedFilename()).toMatch(/^todoke-epidemic-curve-99-\d{4}\.csv$/);
  const bytes = Buffer.concat(await (await saved.createReadStream())!.toArray());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString('utf8').split('\r\n');
  expect(lines[0]).toBe('週,週の始め,患者,無症状病原体保有者,疑似症患者,死亡,計,過去5年平均,replaced_characters');
  const table = await weeks.evaluateAll((rows) =>
    rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent!.trim()).join(',') + ','),
  );
  expect(lines.slice(1, -1)).toEqual(table);
  // Week 1's figures: its Monday, the four case groups' counts, their total and the five-year mean.
  expect(lines[1]).toMatch(/^1,\d{4}-\d{2}-\d{2},(\d+,){5}(\d+\.\d)?,$/);

  // The tile map of the 47 prefectures, legible at 390 px: a tile is big enough to tap; its label is
  // the indicator's value (notifications per 100,000 first).
  const tokyo = page.getByRole('button', { name: /^東京都 \d+\.\d\d$/ });
  const box = await tokyo.boundingBox();
  expect(box!.width).toBeGreaterThanOrEqual(24);
  await expect(page.locator('.tile')).toHaveCount(47);

  // The prefecture's own health-center areas are listed; tapping one opens its curve.
  const areas = page.locator('.situation-areas');
  await expect(areas.getByRole('heading', { name: '保健所別（デモ県）' })).toBeVisible();
  await expect(areas.getByRole('link')).toHaveCount(2);

  // The map by a sentinel indicator: each tile's label and the areas carry the sentinel figures.
  await page.getByLabel('地図の指標').selectOption('sentinel_rate');
  await expect(page.getByLabel('定点把握疾患')).toHaveValue('influenza');
  await expect(page.getByRole('button', { name: /^東京都 \d+\.\d\d$/ })).toBeVisible();
  await expect(areas.locator('li').filter({ hasText: 'デモ県北保健所' })).toContainText(
    /インフルエンザ 定点当たり 3\d\.\d\d（警報）/,
  );
  await expect(page.locator('.map-table thead')).toContainText('定点当たり');
  await page.getByLabel('地図の指標').selectOption('alert_level');
  await expect(page.getByRole('button', { name: '東京都 なし' })).toBeVisible();
  await expect(page.locator('.tile')).toHaveCount(47);
  await page.getByLabel('地図の指標').selectOption('per_100k');
  await expect(tokyo).toBeVisible();
  await areas.getByRole('link', { name: 'デモ県北保健所' }).click();
  await expect(page).toHaveURL(/health_center=9901/);
  await expect(curve.locator('figcaption')).toContainText('デモ県北保健所');
  // Another prefecture's areas are not the prefecture's to see.
  await tokyo.click();
  await expect(areas).toContainText('表示できません');

  // The weekly report, printed: the document stays, the publishing form and buttons go.
  await page.getByRole('link', { name: '週報を作成・印刷する' }).click();
  await expect(page).toHaveURL(/\/situation\/report$/);
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toContainText('感染症発生動向調査週報　デモ県');
  await expect(page.getByRole('heading', { name: '注目すべき動き（数値から作成）' })).toBeVisible();
  const publish = page.getByRole('button', { name: 'この週報を公開する' });
  await expect(page.getByRole('button', { name: '印刷' })).toBeVisible();
  // The sentinel part: the rates drawn with their table beside, and the area at 警報.
  const sentinel = page.locator('.report-sentinel');
  await expect(sentinel.getByRole('heading', { level: 2 })).toContainText('定点把握疾患');
  await expect(sentinel.locator('figure.sentinel-rates').getByRole('img')).toBeVisible();
  await expect(sentinel.locator('.chart-with-table table')).toContainText('インフルエンザ');
  await expect(sentinel).toContainText('デモ県北保健所');
  await expect(page.locator('.report-notes')).toContainText('定点当たり報告数が最も多いのは');
  await page.emulateMedia({ media: 'print' });
  await expect(heading).toBeVisible();
  await expect(publish).toBeHidden();
  await expect(page.getByRole('button', { name: '印刷' })).toBeHidden();
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(sentinel.locator('figure.sentinel-rates')).toBeVisible();
  // On A4 the chart and its table stand side by side, and no table scrolls inside a box.
  const tracks = await sentinel
    .locator('.chart-with-table')
    .evaluate((element) => getComputedStyle(element).gridTemplateColumns.split(' ').length);
  expect(tracks).toBe(2);
  const scrolling = await page
    .locator('.weekly-report .table-scroll')
    .evaluateAll((boxes) => boxes.filter((box) => getComputedStyle(box).overflowX !== 'visible').length);
  expect(scrolling).toBe(0);
  await page.emulateMedia({ media: 'screen' });

  // Published with a comment, it is kept and listed.
  const comment = `デモ県北保健所管内に注意（${Date.now() % 100000}）`;
  await page.getByLabel('担当者のコメント').fill(comment);
  await publish.click();
  await expect(page).toHaveURL(/\/situation\/reports\/[0-9a-f-]{36}$/);
  await expect(page.locator('.report-comment')).toContainText(comment);
  await expect(page.locator('.report-publication')).toContainText('pref-demo');
  await page.getByRole('link', { name: '週報に戻る' }).click();
  await expect(page.getByRole('region', { name: '公開済みの週報' }).getByRole('link').first()).toContainText('デモ県');
});
