// One account's lifecycle and the masters, at tablet size. デモ市's sysadmin finds doctor3, changes
// its contact (a foreign number is refused at the field), suspends it (doctor3's login is refused
// and says why), resumes it and resets its password: shown once, doctor3 logs in with it and must
// change it first. The national administrator imports a small master and reads the report, then a
// broken one and reads every problem.
import { expect, test } from './fixtures/journey';
import { enterCode, enterPassword, lifecycleDemo as demo, logIn, openTablet } from './fixtures/todoke';

test('a sysadmin changes, suspends, resumes and resets one account', async ({ browser }) => {
  const admin = await openTablet(browser);
  await logIn(admin, demo.cityAdmin);

  await admin.getByLabel('ユーザID・利用者名・所属で探す').fill('中央三郎');
  const rows = admin.locator('table.accounts tbody').getByRole('row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('利用中');
  await rows.first().getByRole('link', { name: 'doctor3' }).click();
  await expect(admin).toHaveURL(/\/admin\/accounts\/doctor3$/);
  const facts = admin.locator('.account-facts');
  await expect(facts).toContainText('中央 三郎');

  // Checked in the browser by the server's rules, and shown at the field.
  await admin.getByLabel('連絡先電話番号').fill('+1 415 555 0100');
  await admin.getByRole('button', { name: '変更を保存' }).click();
  await expect(admin.locator('#account-contact_phone-error')).toHaveText(/海外の電話番号は登録できません/);

  await admin.getByLabel('連絡先電話番号').fill('090-1234-5678');
  await admin.getByLabel('連絡先メールアドレス').fill('chuo3@city-hospital.todoke.invalid');
  await admin.getByRole('button', { name: '変更を保存' }).click();
  await expect(admin.getByRole('status').filter({ hasText: '変更を保存しました' })).toBeVisible();
  await expect(facts).toContainText('090-1234-5678');
  await expect(facts).toContainText('chuo3@city-hospital.todoke.invalid');

  // Suspended after a confirmation: doctor3 can no longer log in, and is told why.
  await admin.getByRole('button', { name: '利用停止する' }).click();
  await admin.getByRole('alertdialog').getByRole('button', { name: '利用停止する' }).click();
  await expect(admin.getByRole('status').filter({ hasText: '利用停止しました' })).toBeVisible();
  await expect(facts.locator('.account-state')).toHaveText('利用停止中');

  const doctor = await openTablet(browser);
  await doctor.getByLabel('ユーザID').fill(demo.doctor3.userId);
  await doctor.getByLabel('パスワード', { exact: true }).fill(demo.doctor3.password);
  await doctor.getByRole('button', { name: 'ログイン' }).click();
  await expect(doctor.getByRole('alert')).toContainText('このアカウントは利用停止中です');
  await expect(doctor).not.toHaveURL(/\/login\/code/);

  await admin.getByRole('button', { name: '利用を再開する' }).click();
  await admin.getByRole('alertdialog').getByRole('button', { name: '利用を再開する' }).click();
  await expect(admin.getByRole('status').filter({ hasText: '利用を再開しました' })).toBeVisible();
  await expect(facts.locator('.account-state')).toHaveText('利用中');

  // The reset's new password is on screen once; doctor3 logs in with it and must change it.
  await admin.getByRole('button', { name: 'パスワードを初期化する' }).click();
  await admin.getByRole('alertdialog').getByRole('button', { name: 'パスワードを初期化する' }).click();
  const shown = admin.locator('.initial-password');
  await expect(shown).toBeVisible();
  await expect(admin.getByText('今だけ表示され、サーバには残りません')).toBeVisible();
  const password = (await shown.textContent())!.trim();
  expect(password.length).toBeGreaterThanOrEqual(8);
  await admin.reload();
  await expect(facts).toContainText('中央 三郎');
  await expect(admin.locator('.initial-password')).toHaveCount(0);

  const code = await enterPassword(doctor, demo.doctor3, password);
  await enterCode(doctor, code);
  await expect(doctor).toHaveURL(/\/password/);
});

test('the national administrator imports a master, or reads every problem of a broken one', async ({ browser }) => {
  const page = await openTablet(browser);
  await logIn(page, demo.nationalAdmin);
  await expect(page.getByRole('heading', { name: 'マスタの取込み' })).toBeVisible();
  await page.getByRole('radio', { name: '動物診療施設マスタ' }).check();
  const header = '動物診療施設コード,施設名,施設名カナ,郵便番号,住所,電話番号,保健所コード';
  await expect(page.locator('.master-columns code')).toHaveText(header);

  // A new clinic each run, so the report always counts one added.
  const code = `E2E${Date.now() % 10_000_000}`;
  const good = [header, `${code},e2e動物病院,イーツーイードウブツビョウイン,100-0001,デモ県北町9-9,03-1234-5678,9901`];
  const file = page.getByLabel('マスタファイル（CSV）');
  await file.setInputFiles({ name: 'animal.csv', mimeType: 'text/csv', buffer: Buffer.from(good.join('\r\n')) });
  await page.getByRole('button', { name: '取り込む' }).click();
  await expect(page.getByRole('status').filter({ hasText: '動物診療施設マスタを取り込みました' })).toContainText(
    '追加 1件、更新 0件、変更なし 0件',
  );

  // A name missing and a health center that does not exist: nothing imported, both named.
  const broken = [header, `${code}A,,,,,,9901`, `${code}B,e2e第二動物病院,,,,,9999`];
  await file.setInputFiles({ name: 'animal.csv', mimeType: 'text/csv', buffer: Buffer.from(broken.join('\r\n')) });
  await page.getByRole('button', { name: '取り込む' }).click();
  await expect(page.getByRole('alert')).toContainText('2件の誤りがあるため、取り込みませんでした');
  const problems = page.locator('table.problems');
  await expect(problems.getByRole('row')).toHaveCount(3);
  await expect(problems.getByRole('row').nth(1)).toContainText('入力されていません');
  await expect(problems.getByRole('row').nth(2)).toContainText('保健所マスタにない保健所コードです');
});
