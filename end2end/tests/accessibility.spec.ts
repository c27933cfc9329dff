// axe-core (WCAG 2.1 A/AA rules) at phone size on the pages of the daily paths: no serious or critical
// violation on any. Each page is checked as it stands after the step that shows it.
import { expect, test } from './fixtures/journey';
import {
  demo,
  expectNoSeriousViolations,
  fillMeaslesForm,
  openForm,
  openPhone,
  receiptNumberShown,
  signedIn,
  type DemoUser,
} from './fixtures/todoke';

const manager: DemoUser = { userId: 'manager1', password: 'Riyou#Kita01', codeTo: 'manager1@kita-clinic.todoke.invalid' };

test('the login page has no serious accessibility violations', async ({ browser }) => {
  const page = await openPhone(browser);
  await expect(page.getByRole('button', { name: 'ログイン' })).toBeVisible();
  await expectNoSeriousViolations(page, 'login');
});

test("the doctor's pages from home to receipt have no serious accessibility violations", async ({ browser }) => {
  const doctor = await signedIn(browser, demo.doctor1);
  await expect(doctor.getByLabel('疾病名で探す')).toBeVisible();
  await expectNoSeriousViolations(doctor, 'doctor home');
  await doctor.getByLabel('疾病名で探す').fill('ぜんぜんない');
  await doctor.getByRole('button', { name: 'すべての疾病の一覧を開く' }).click();
  await expectNoSeriousViolations(doctor, 'doctor home, nothing found, full list open');
  await doctor.goto('/');
  await openForm(doctor, '麻しん');
  await fillMeaslesForm(doctor, { patientName: '北町 アクセス' });
  await expectNoSeriousViolations(doctor, 'measles form');
  await doctor.getByRole('button', { name: '入力内容を確認する' }).click();
  await expect(doctor.getByRole('heading', { name: '入力内容の確認' })).toBeVisible();
  await expectNoSeriousViolations(doctor, 'review');
  await doctor.getByRole('button', { name: '送信する' }).click();
  await receiptNumberShown(doctor);
  await expectNoSeriousViolations(doctor, 'receipt');
});

test("the health center's inbox and a notification have no serious accessibility violations", async ({ browser }) => {
  const north = await signedIn(browser, demo.hcNorth);
  await expect(north.getByRole('heading', { name: '受信一覧' })).toBeVisible();
  await expectNoSeriousViolations(north, 'inbox');
  // The doctor's test above filed one for this health center.
  await north.locator('a.notification-row').first().click();
  await expect(north.getByRole('region', { name: '処理の履歴' })).toBeVisible();
  await expectNoSeriousViolations(north, 'notification detail');
});

test("the sysadmin's and the user manager's tables have no serious accessibility violations", async ({ browser }) => {
  const admin = await signedIn(browser, demo.prefAdmin);
  await expect(admin.getByRole('heading', { name: '申請様式の一括登録' })).toBeVisible();
  await expectNoSeriousViolations(admin, 'sysadmin home (letters table)');
  const managerPage = await signedIn(browser, manager);
  await expect(managerPage.getByRole('heading', { name: '新しいアカウントの申請' })).toBeVisible();
  await expectNoSeriousViolations(managerPage, 'user manager home (staff table)');
});
