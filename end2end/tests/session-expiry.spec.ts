// An ended session on the administrators' and user managers' screens (issue 13): the next call a screen
// makes sends the user to log in instead of showing an error. The cookie is cleared in the browser, as
// when the session expired and the server no longer knows it. Every authenticated call goes through
// the app's one API client, which tells the session of such an answer (app/src/api/mod.rs).
// The problem table (a refused upload's problems) makes no call of its own: the upload covers it.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/journey';
import { demo, lifecycleDemo, signedIn, type DemoUser } from './fixtures/todoke';

const manager: DemoUser = { userId: 'manager1', password: 'Riyou#Kita01', codeTo: 'manager1@kita-clinic.todoke.invalid' };

/** Once the screen has loaded, the session ends behind its back; `act` then makes it call the server. */
async function expiresThen(page: Page, act: () => Promise<void>) {
  await expect(page.getByText('読み込み中…')).toHaveCount(0);
  await page.context().clearCookies();
  await act();
  await expect(page).toHaveURL(/\/login/);
}

test('a sysadmin whose session ended is sent to log in by the form upload', async ({ browser }) => {
  const admin = await signedIn(browser, demo.prefAdmin);
  await expect(admin.getByRole('heading', { name: '申請様式の一括登録' })).toBeVisible();
  const csv = 'システム利用申請様式\r\n' + Array(40).fill('').join(',') + '\r\n';
  await expiresThen(admin, async () => {
    await admin.getByLabel('申請様式ファイル').setInputFiles({ name: 'form.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await admin.getByRole('button', { name: '登録する' }).click();
  });
});

test('a sysadmin whose session ended is sent to log in by opening an account, and by the account list', async ({
  browser,
}) => {
  const admin = await signedIn(browser, lifecycleDemo.cityAdmin);
  // The account's page loads it from the server.
  await expiresThen(admin, () => admin.getByRole('link', { name: 'doctor3', exact: true }).click());

  // The list loads the jurisdiction's accounts when the home page comes back.
  const again = await signedIn(browser, lifecycleDemo.cityAdmin);
  await again.getByRole('link', { name: 'doctor3', exact: true }).click();
  await expect(again).toHaveURL(/\/admin\/accounts\/doctor3$/);
  await expiresThen(again, () => again.getByRole('link', { name: 'アカウント一覧へ戻る' }).click());
});

test("a sysadmin whose session ended is sent to log in by refreshing the user managers' requests", async ({ browser }) => {
  const admin = await signedIn(browser, demo.prefAdmin);
  const review = admin.getByRole('region', { name: '利用管理者からの申請' });
  // The home has loaded: the account list is there.
  await expect(admin.getByRole('link', { name: 'doctor1', exact: true })).toBeVisible();
  await expiresThen(admin, () => review.getByRole('button', { name: '最新の状況に更新' }).click());
});

test('the national administrator whose session ended is sent to log in by a master import', async ({ browser }) => {
  const page = await signedIn(browser, lifecycleDemo.nationalAdmin);
  await expect(page.getByRole('heading', { name: 'マスタの取込み' })).toBeVisible();
  await page.getByRole('radio', { name: '保健所マスタ' }).check();
  const csv = '保健所コード,保健所名,都道府県等コード,都道府県等名\r\n9901,デモ県北保健所,99,デモ県\r\n';
  await expiresThen(page, async () => {
    await page.getByLabel('マスタファイル（CSV）').setInputFiles({ name: 'hc.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: '取り込む' }).click();
  });
});

test('a user manager whose session ended is sent to log in by sending an application', async ({ browser }) => {
  const page = await signedIn(browser, manager);
  await expect(page.getByRole('heading', { name: '新しいアカウントの申請' })).toBeVisible();
  const row = page.getByRole('group', { name: '1行目' });
  await row.getByLabel('利用者名').fill('期限切れ 太郎');
  await row.getByLabel('連絡先電話番号').fill('03-1234-5678');
  await row.getByLabel('連絡先メールアドレス').fill('expired@kita.todoke.invalid');
  await row.getByLabel('確認コードの送り先').fill('expired@kita.todoke.invalid');
  await expiresThen(page, () => page.getByRole('button', { name: '申請を送信' }).click());
});

test("a user manager whose session ended is sent to log in by a request about a staff member's account", async ({
  browser,
}) => {
  const page = await signedIn(browser, manager);
  await page.getByRole('button', { name: /^申請… doctor1$/ }).click();
  const form = page.locator('form.staff-request');
  await form.getByLabel('備考（任意）').fill('期限切れの確認');
  await expiresThen(page, () => form.getByRole('button', { name: '申請を送信' }).click());
});

test("a user manager whose session ended is sent to log in by refreshing the institution's requests", async ({
  browser,
}) => {
  const page = await signedIn(browser, manager);
  const requests = page.getByRole('region', { name: '申請の状況' });
  // The home has loaded: the staff list is there.
  await expect(page.getByRole('button', { name: /^申請… doctor1$/ })).toBeVisible();
  await expiresThen(page, () => requests.getByRole('button', { name: '最新の状況に更新' }).click());
});
