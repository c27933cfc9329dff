// A measurement, not a test (left out of the suite unless E2E_BENCH=1): what a doctor does on a phone
// (390×844) from the home screen to the receipt of a complete 麻しん notification. Every tap and every
// typed field goes through `tap` and `type` below, which count them; the screens are each visited page's
// full height divided by the viewport's, summed (home, form, review). Figures in docs/performance.md.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures/journey';
import { demo, logIn } from './fixtures/todoke';

const effort = { taps: 0, typed: 0, screens: [] as number[] };

async function tap(target: Locator) {
  effort.taps += 1;
  await target.click();
}

/** Typing into a field takes a tap to focus it as well. */
async function type(target: Locator, text: string) {
  effort.taps += 1;
  effort.typed += 1;
  await target.fill(text);
}

async function choose(page: Page, group: string, option: string, role: 'radio' | 'checkbox' = 'radio') {
  await tap(page.getByRole('group', { name: group }).getByRole(role, { name: option, exact: true }));
}

/** The page's height in phone screens, as it stands (after filling, the form at its longest). */
async function screensOf(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollHeight / window.innerHeight);
}

test('taps, typed fields and screens from home to the receipt of a measles notification', async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await page.goto('/');
  await logIn(page, demo.doctor1);
  await expect(page.getByRole('heading', { name: '届出を作成' })).toBeVisible();

  effort.screens.push(await screensOf(page));
  await type(page.getByLabel('疾病名で探す'), 'ましん');
  await tap(page.getByRole('link', { name: '麻しん', exact: true }));
  await expect(page).toHaveURL(/\/notifications\/new\/measles/);

  await choose(page, '類型', '麻しん（検査診断例）');
  await type(page.getByLabel(/^氏名/), '北町 計測');
  await choose(page, '性別', '女');
  await type(page.getByLabel(/^生年月日/), '2020-05-01');
  await type(page.getByLabel(/^住所/), 'デモ県北町1-2-3');
  await choose(page, '症状', '発熱', 'checkbox');
  await choose(page, '症状', '発しん', 'checkbox');
  await choose(page, '症状', 'コプリック斑', 'checkbox');
  await choose(page, '診断方法', '血清IgM抗体の検出', 'checkbox');
  await type(page.getByLabel(/^初診年月日/), '2026-10-30');
  await type(page.getByLabel(/^診断（検案）年月日/), '2026-10-31');
  await type(page.getByLabel(/^発病年月日/), '2026-10-28');
  await choose(page, '転帰', '生存');
  await choose(page, '感染経路', '空気・飛沫感染');
  await choose(page, '感染地域', '国内');
  await choose(page, '1回目の接種', '無');
  await choose(page, '2回目の接種', '無');
  effort.screens.push(await screensOf(page));

  await tap(page.getByRole('button', { name: '入力内容を確認する' }));
  await expect(page.getByRole('heading', { name: '入力内容の確認' })).toBeVisible();
  effort.screens.push(await screensOf(page));
  await tap(page.getByRole('button', { name: '送信する' }));
  await expect(page.getByRole('heading', { name: '受付完了' })).toBeVisible();

  console.log(
    `filing effort (measles, 390×844): ${effort.taps} taps, ${effort.typed} typed fields, ` +
      `${effort.screens.reduce((a, b) => a + b, 0).toFixed(1)} screens ` +
      `(home ${effort.screens[0].toFixed(1)} + form ${effort.screens[1].toFixed(1)} + review ${effort.screens[2].toFixed(1)})`,
  );
});
