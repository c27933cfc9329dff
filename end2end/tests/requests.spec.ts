// 利用管理: an institution's user manager applies online for a new member of staff; a mistake is
// shown at its row; the sysadmin approves, the letter goes out and the manager sees the new ID. Then
// the manager asks to suspend that account; the sysadmin rejects with a reason the manager reads; a
// request sent by mistake is withdrawn.
// Run at phone and tablet size (sysadmins and managers work on both).
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/journey';
import { demo, messagesTo, signedIn, type DemoUser } from './fixtures/todoke';

const manager: DemoUser = { userId: 'manager1', password: 'Riyou#Kita01', codeTo: 'manager1@kita-clinic.todoke.invalid' };

/** Fills the `n`-th row of the online application form. */
async function fillRow(page: Page, n: number, name: string, email: string, phone: string) {
  const row = page.getByRole('group', { name: `${n}行目` });
  await row.getByLabel('利用者名').fill(name);
  await row.getByLabel('連絡先電話番号').fill(phone);
  await row.getByLabel('連絡先メールアドレス').fill(email);
  await row.getByLabel('確認コードの送り先').fill(email);
}

test('a user manager applies online, the sysadmin approves, and a later request is rejected with a reason', async ({ browser }) => {
  const stamp = `${Date.now() % 1000000}`;
  const name = `申請 ${stamp}`;
  const email = `apply${stamp}@kita.todoke.invalid`;

  const managerPage = await signedIn(browser, manager);
  await expect(managerPage.getByRole('heading', { name: '新しいアカウントの申請' })).toBeVisible();
  await fillRow(managerPage, 1, name, email, '03-1234-5678');
  await managerPage.getByRole('button', { name: '行を追加' }).click();
  await fillRow(managerPage, 2, `海外 ${stamp}`, `abroad${stamp}@kita.todoke.invalid`, '+1 415 555 0100');
  await managerPage.getByRole('button', { name: '申請を送信' }).click();
  // The mistake is shown at its row; nothing was sent.
  await expect(managerPage.getByRole('alert').filter({ hasText: '1件の誤り' })).toBeVisible();
  await expect(managerPage.getByRole('group', { name: '2行目' })).toContainText('海外の電話番号は登録できません');
  await managerPage.getByRole('group', { name: '2行目' }).getByRole('button', { name: 'この行を削除' }).click();
  await managerPage.getByRole('button', { name: '申請を送信' }).click();
  await expect(managerPage.getByRole('status').filter({ hasText: '申請を送信しました' })).toBeVisible();
  const sent = managerPage.locator('article.request').filter({ hasText: name });
  await expect(sent).toContainText('審査待ち');

  // The sysadmin of デモ県 reviews and approves: the account is issued and its letter goes out.
  const admin = await signedIn(browser, demo.prefAdmin);
  const waiting = admin.locator('article.request').filter({ hasText: name });
  await expect(waiting).toContainText('新規アカウント（1名）');
  await waiting.getByRole('button', { name: '承認する' }).click();
  await waiting.getByRole('button', { name: '承認して実行する' }).click();
  await expect(admin.getByRole('status').filter({ hasText: '申請を承認し、実行しました' })).toBeVisible();
  await expect(admin.getByRole('button', { name: /初期パスワードのCSVを保存/ })).toBeVisible();
  await expect.poll(async () => (await messagesTo(email)).some((m) => m.text.includes('初期パスワード')), { timeout: 15_000 }).toBe(true);

  // The manager sees the outcome and the new member of staff.
  const reload = managerPage.getByRole('region', { name: '申請の状況' }).getByRole('button', { name: '最新の状況に更新' });
  await reload.click();
  await expect(sent).toContainText('承認済み');
  const letter = (await messagesTo(email)).find((m) => m.text.includes('初期パスワード'))!;
  const userId = /ユーザID\D{0,3}([a-z0-9]{10})/.exec(letter.text)?.[1];
  expect(userId, letter.text).toBeTruthy();
  await expect(sent).toContainText(userId!);

  // A request to suspend the new account, rejected with a reason.
  await managerPage.reload();
  await managerPage.getByRole('button', { name: `申請… ${userId}` }).click();
  await managerPage.getByRole('radio', { name: '利用停止' }).check();
  await managerPage.getByRole('button', { name: '申請を送信' }).last().click();
  const suspension = managerPage.locator('article.request').filter({ hasText: `利用停止：${userId}` });
  await expect(suspension).toContainText('審査待ち');

  await admin.getByRole('region', { name: '利用管理者からの申請' }).getByRole('button', { name: '最新の状況に更新' }).click();
  const asked = admin.locator('article.request').filter({ hasText: `利用停止：${userId}` });
  await asked.getByRole('button', { name: '却下する' }).click();
  await asked.getByLabel('却下の理由').fill('本人の同意を確認できません。');
  await asked.getByRole('button', { name: '却下を確定' }).click();
  await expect(admin.getByRole('status').filter({ hasText: '申請を却下しました' })).toBeVisible();

  await reload.click();
  await expect(suspension).toContainText('却下');
  await expect(suspension).toContainText('本人の同意を確認できません。');
  await expect(managerPage.locator('table.staff').getByRole('row').filter({ hasText: userId! })).toContainText('利用中');

  // A request sent by mistake is taken back before review.
  await managerPage.getByRole('button', { name: `申請… ${userId}` }).click();
  await managerPage.getByRole('radio', { name: /^パスワード再発行/ }).check();
  await managerPage.getByRole('button', { name: '申請を送信' }).last().click();
  const reset = managerPage.locator('article.request').filter({ hasText: `パスワード再発行：${userId}` });
  await reset.getByRole('button', { name: '申請を取り下げる' }).click();
  await expect(reset).toContainText('取り下げ');
  await expect(reset.getByRole('button', { name: '申請を取り下げる' })).toHaveCount(0);
});
