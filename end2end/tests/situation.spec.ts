// The situation at a glance (issue 16) at phone size: the prefecture's staff opens 発生状況 from the
// home screen, sees the epidemic curve with its table, the tile map of Japan and its own health-center
// areas, taps an area to open its curve, then writes the weekly report, prints it (the print style
// sheet is checked with emulateMedia: window.print would open a dialog) and publishes it with a comment.
import { expect, test } from '@playwright/test';
import { prefDemo, signedIn } from './fixtures/todoke';

test('the prefecture opens the map, taps a health-center area, then prints and publishes the weekly report', async ({
  browser,
}) => {
  const page = await signedIn(browser, prefDemo);
  await page.getByRole('link', { name: '発生状況（流行曲線・地図）を見る' }).click();
  await expect(page).toHaveURL(/\/situation$/);
  await expect(page.getByRole('heading', { name: '発生状況', level: 1 })).toBeVisible();

  // The curve of the whole prefecture, drawn and as a table (a row per ISO week).
  const curve = page.locator('figure.epi-curve');
  await expect(curve.locator('figcaption')).toContainText('デモ県');
  await expect(curve.getByRole('img')).toBeVisible();
  const weeks = page.getByRole('region', { name: '週別の届出数（表）' }).locator('tbody tr');
  expect(await weeks.count()).toBeGreaterThanOrEqual(52);

  // The tile map of the 47 prefectures, legible at 390 px: a tile is big enough to tap.
  const tokyo = page.getByRole('button', { name: /^東京都 \d+$/ });
  const box = await tokyo.boundingBox();
  expect(box!.width).toBeGreaterThanOrEqual(24);
  await expect(page.locator('.tile')).toHaveCount(47);

  // The prefecture's own health-center areas are listed; tapping one opens its curve.
  const areas = page.locator('.situation-areas');
  await expect(areas.getByRole('heading', { name: '保健所別（デモ県）' })).toBeVisible();
  await expect(areas.getByRole('link')).toHaveCount(2);
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
  await page.emulateMedia({ media: 'print' });
  await expect(heading).toBeVisible();
  await expect(publish).toBeHidden();
  await expect(page.getByRole('button', { name: '印刷' })).toBeHidden();
  await expect(page.locator('.site-header')).toBeHidden();
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
