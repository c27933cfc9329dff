// アカウント管理 at phone size: a sysadmin uploads an application form with mistakes and sees every
// problem in a table (nothing registered), then a correct one; saves the initial-password CSV once;
// the new user's letter arrives and shows as sent; the user logs in with it.
import { expect, test } from './fixtures/journey';
import { demo, enterCode, enterPassword, logIn, messagesTo, openPhone } from './fixtures/todoke';

/** An application form as CSV: title, header, then one row per [name, e-mail, phone]. */
function form(rows: [string, string, string][]): string {
  const line = ([name, email, phone]: [string, string, string]) => {
    const cells = Array(40).fill('');
    Object.assign(cells, { 1: name, 2: phone, 3: email, 4: '09', 10: '9901', 32: '0', 35: '9910000001', 38: email, 39: '1' });
    return cells.join(',');
  };
  const header = Array(40).fill('');
  header[1] = '利用者名';
  return ['システム利用申請様式', header.join(','), ...rows.map(line)].join('\r\n') + '\r\n';
}

test('a sysadmin registers users from the application form and the letters go out', async ({ browser }) => {
  const stamp = Date.now() % 100000;
  const email = `e2e${stamp}@kita.todoke.invalid`;
  const admin = await openPhone(browser);
  await logIn(admin, demo.prefAdmin);
  await expect(admin.getByRole('heading', { name: '申請様式の一括登録' })).toBeVisible();

  // A file with two problems: nothing is registered, and the table names row and column.
  const wrong = form([[`北町 ${stamp}`, email, '+1 415 555 0100'], ['①', `x${email}`, '03-1234-5678']]);
  await admin.getByLabel('申請様式ファイル').setInputFiles({ name: 'form.csv', mimeType: 'text/csv', buffer: Buffer.from(wrong) });
  await admin.getByRole('button', { name: '登録する' }).click();
  await expect(admin.getByRole('alert')).toContainText('2件の誤り');
  const problems = admin.locator('table.problems');
  await expect(problems).toContainText('海外の電話番号は登録できません');
  await expect(problems).toContainText('「①」は使用できません');
  await expect(problems.getByRole('row')).toHaveCount(3);

  // The corrected file registers the user.
  const right = form([[`北町 ${stamp}`, email, '03-1234-5678']]);
  await admin.getByLabel('申請様式ファイル').setInputFiles({ name: 'form.csv', mimeType: 'text/csv', buffer: Buffer.from(right) });
  await admin.getByRole('button', { name: '登録する' }).click();
  await expect(admin.getByRole('status').filter({ hasText: '1件のアカウントを発行しました' })).toBeVisible();

  // The CSV of IDs and initial passwords, saved once.
  const download = admin.waitForEvent('download');
  await admin.getByRole('button', { name: /初期パスワードのCSVを保存/ }).click();
  const saved = await download;
  const csv = await (await saved.createReadStream())!.toArray();
  const [, row] = Buffer.concat(csv).toString('utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const [, userId, password] = row.split(',');
  await expect(admin.getByText('サーバには残っていません')).toBeVisible();

  // The letter arrives with the same ID and password, and the table says it was sent.
  await expect.poll(async () => (await messagesTo(email)).some((m) => m.text.includes(password)), { timeout: 15_000 }).toBe(true);
  await admin.getByRole('region', { name: '通知メールの状況' }).getByRole('button', { name: '最新の状況に更新' }).click();
  const letter = admin.locator('table.letters').getByRole('row').filter({ hasText: userId });
  await expect(letter).toContainText('送信済み');
  // A card at phone width: a sent letter has no failure, and its card has no 失敗の理由 line left blank.
  await expect(letter.locator('.cell-label').filter({ hasText: '状態' })).toBeVisible();
  await expect(letter.locator('.cell-label').filter({ hasText: '失敗の理由' })).toBeHidden();

  // The new user logs in with it and must choose a password first.
  const user = await openPhone(browser);
  const code = await enterPassword(user, { userId, password, codeTo: email });
  await enterCode(user, code);
  await expect(user).toHaveURL(/\/password/);
});
