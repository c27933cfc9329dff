// A-5 at phone size, from the application itself: a sysadmin uploads a form whose row has AJ blank
// and the sentinel clinic's particulars in AO … AY; the row is refused as not in the master, and its
// link opens 未登録の医療機関等の登録 with everything the row says filled in (nothing typed); the
// sysadmin registers it, goes back and uploads the same file, which now issues the account there.
import { expect, test } from './fixtures/journey';
import { demo, logIn, openPhone } from './fixtures/todoke';

/** The form as CSV: title, header, then one row of a sentinel clinic missing from the master. */
function form(user: string, email: string, clinic: string): string {
  const cells = Array(51).fill('');
  Object.assign(cells, { 1: user, 2: '03-1234-5678', 3: email, 4: '16', 10: '9901', 32: '0', 38: email, 39: '1' });
  // AO … AY: name, kana (half-width, as typed), postal code, address, phone, beds, insurance code,
  // non-insurance, 1 hospital / 2 clinic, main department, pediatrics.
  const particulars = [clinic, 'ﾋｶﾞｼﾏﾁｺﾄﾞﾓｸﾘﾆｯｸ', '', 'デモ県東町2-2', '０３－２２２２－３３３３', '0', '', '', '2', '小児科', '1'];
  particulars.forEach((value, i) => (cells[40 + i] = value));
  const header = Array(51).fill('');
  header[1] = '利用者名';
  return ['システム利用申請様式', header.join(','), cells.join(',')].join('\r\n') + '\r\n';
}

test('a sysadmin registers an institution missing from the master from the application row, then issues its account', async ({ browser }) => {
  const stamp = Date.now() % 100000;
  const email = `teiten${stamp}@higashi.todoke.invalid`;
  const clinic = `東町こどもクリニック${stamp}`;
  const file = { name: 'form.csv', mimeType: 'text/csv', buffer: Buffer.from(form(`東町 ${stamp}`, email, clinic)) };
  const admin = await openPhone(browser);
  await logIn(admin, demo.prefAdmin);

  await admin.getByLabel('申請様式ファイル').setInputFiles(file);
  await admin.getByRole('button', { name: '登録する' }).click();
  await expect(admin.getByRole('alert')).toContainText('1件の誤り');
  const problems = admin.locator('table.problems');
  await expect(problems).toContainText('所属機関コードが空欄です');
  await problems.getByRole('link', { name: '未登録の医療機関等の登録' }).click();

  // Everything the row says is filled in, normalised as it will be stored.
  await expect(admin.getByRole('heading', { level: 1, name: '未登録の医療機関等の登録' })).toBeVisible();
  await expect(admin.getByRole('status').filter({ hasText: '3行目' })).toBeVisible();
  await expect(admin.getByLabel('種別')).toHaveValue('sentinel');
  await expect(admin.getByLabel('名称', { exact: true })).toHaveValue(clinic);
  await expect(admin.getByLabel('名称（カナ）')).toHaveValue('ヒガシマチコドモクリニック');
  await expect(admin.getByLabel('電話番号')).toHaveValue('0322223333');
  await expect(admin.getByLabel('施設の種類')).toHaveValue('clinic');
  await expect(admin.getByLabel('主たる診療科目')).toHaveValue('小児科');
  await expect(admin.getByLabel('診療科目に小児科がある')).toBeChecked();
  await expect(admin.getByLabel('保健所', { exact: true })).toHaveValue('9901');

  await admin.getByRole('button', { name: '登録する' }).click();
  const registered = admin.getByRole('status').filter({ hasText: '登録しました' });
  await expect(registered).toContainText(/R16\d{7}/);
  const code = (await registered.textContent())!.match(/R16\d{7}/)![0];

  // The same file, unchanged, now issues the account at the registered institution.
  await admin.getByRole('link', { name: 'アカウント管理に戻る' }).click();
  await admin.getByLabel('申請様式ファイル').setInputFiles(file);
  await admin.getByRole('button', { name: '登録する' }).click();
  await expect(admin.getByRole('status').filter({ hasText: '1件のアカウントを発行しました' })).toBeVisible();
  const download = admin.waitForEvent('download');
  await admin.getByRole('button', { name: /初期パスワードのCSVを保存/ }).click();
  const saved = await (await (await download).createReadStream())!.toArray();
  const [, line] = Buffer.concat(saved).toString('utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  expect(line.split(',')[4]).toBe(code);
});
