// The operator's screens (issue 20) at tablet width: a sysadmin issues a health-center staff member
// with the download flag from 職員アカウントの発行 — a row naming no health center is refused and
// nothing is issued, the corrected one issues the account, the initial passwords are saved once and
// the letter arrives — then finds the refusal and the issuance in 監査ログ with the chain verified.
import { expect, test } from './fixtures/journey';
import { demo, logIn, messagesTo, openTablet } from './fixtures/todoke';

test('a sysadmin issues a staff account and finds it in the audit log', async ({ browser }) => {
  const stamp = Date.now() % 100000;
  const email = `hc${stamp}@kita-hc.todoke.invalid`;
  const admin = await openTablet(browser);
  await logIn(admin, demo.prefAdmin);
  await admin.getByRole('navigation', { name: '管理メニュー' }).getByRole('link', { name: '職員アカウントの発行' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: '職員アカウントの発行' })).toBeVisible();

  const row = admin.getByRole('group', { name: '1行目' });
  await row.getByLabel('役割').selectOption({ label: '保健所職員' });
  await row.getByLabel('利用者名').fill(`北保健 ${stamp}`);
  await row.getByLabel('連絡先電話番号').fill('03-1234-5678');
  await row.getByLabel('連絡先メールアドレス').fill(email);
  await row.getByLabel('確認コードの送り先').fill(email);
  await row.getByLabel(/ダウンロード/).check();

  // No health center chosen: refused at its row, nothing issued.
  await admin.getByRole('button', { name: '発行する' }).click();
  await expect(admin.getByRole('alert').filter({ hasText: '何も発行されていません' })).toBeVisible();
  await expect(row.locator('.field-error').first()).toBeVisible();

  await row.getByLabel('保健所', { exact: true }).selectOption('9901');
  await admin.getByRole('button', { name: '発行する' }).click();
  await expect(admin.getByRole('status').filter({ hasText: '1件のアカウントを発行しました' })).toBeVisible();
  const download = admin.waitForEvent('download');
  await admin.getByRole('button', { name: /初期パスワードのCSVを保存/ }).click();
  const saved = await download;
  const csv = await (await saved.createReadStream())!.toArray();
  const [, line] = Buffer.concat(csv).toString('utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const [, userId, password] = line.split(',');
  await expect.poll(async () => (await messagesTo(email)).some((m) => m.text.includes(password)), { timeout: 15_000 }).toBe(true);

  // The audit log shows the refusal and the issuance, with the chain verified.
  await admin.getByRole('navigation', { name: '管理メニュー' }).getByRole('link', { name: '監査ログ' }).click();
  await admin.getByLabel('操作の種類').selectOption('issue_staff_accounts');
  await admin.getByLabel('利用者（ユーザID）').fill('pref-admin');
  await admin.getByRole('button', { name: '検索' }).click();
  const records = admin.locator('table.audit-records tbody tr');
  await expect(records.filter({ hasText: 'success' })).toHaveCount(1);
  await expect(records.filter({ hasText: 'failure' }).first()).toBeVisible();
  await expect(admin.locator('.chain-state')).toContainText('改ざんは検出されていません');

  // The issued account is in the jurisdiction's list, with its page.
  await admin.goto(`/admin/accounts/${userId}`);
  await expect(admin.getByText(`北保健 ${stamp}`)).toBeVisible();
});
