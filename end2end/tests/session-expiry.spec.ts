// An ended session on the administrators' and user managers' screens (issue 13): the next action
// sends the user to log in instead of showing an error. The cookie is cleared in the browser, as
// when the session expired and the server no longer knows it.
import { expect, test } from '@playwright/test';
import { demo, signedIn, type DemoUser } from './fixtures/todoke';

const manager: DemoUser = { userId: 'manager1', password: 'Riyou#Kita01', codeTo: 'manager1@kita-clinic.todoke.invalid' };

test('a sysadmin whose session ended is sent to log in by the form upload', async ({ browser }) => {
  const admin = await signedIn(browser, demo.prefAdmin);
  await expect(admin.getByRole('heading', { name: '申請様式の一括登録' })).toBeVisible();
  await admin.context().clearCookies();
  const csv = 'システム利用申請様式\r\n' + Array(40).fill('').join(',') + '\r\n';
  await admin.getByLabel('申請様式ファイル').setInputFiles({ name: 'form.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await admin.getByRole('button', { name: '登録する' }).click();
  await expect(admin).toHaveURL(/\/login/);
});

test('a user manager whose session ended is sent to log in by sending an application', async ({ browser }) => {
  const page = await signedIn(browser, manager);
  await expect(page.getByRole('heading', { name: '新しいアカウントの申請' })).toBeVisible();
  await page.context().clearCookies();
  const row = page.getByRole('group', { name: '1行目' });
  await row.getByLabel('利用者名').fill('期限切れ 太郎');
  await row.getByLabel('連絡先電話番号').fill('03-1234-5678');
  await row.getByLabel('連絡先メールアドレス').fill('expired@kita.todoke.invalid');
  await row.getByLabel('確認コードの送り先').fill('expired@kita.todoke.invalid');
  await page.getByRole('button', { name: '申請を送信' }).click();
  await expect(page).toHaveURL(/\/login/);
});
