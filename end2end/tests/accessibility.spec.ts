// axe-core (WCAG 2.1 A/AA rules) at phone size on the pages of the daily paths: no serious or critical
// violation on any. Each page is checked as it stands after the step that shows it.
import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures/journey';
import {
  demo,
  expectNoSeriousViolations,
  fillMeaslesForm,
  measlesNotification,
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

test("a resubmitted notification's changed items have no serious accessibility violations", async ({ browser }) => {
  const doctor = await signedIn(browser, demo.doctor1);
  const id = randomUUID();
  const filed = await doctor.request.put(`/api/v1/notifications/${id}`, { data: measlesNotification });
  expect(filed.status(), await filed.text()).toBe(201);
  const north = await signedIn(browser, demo.hcNorth);
  const returned = await north.request.post(`/api/v1/notifications/${id}/return`, { data: { comment: '住所を確認してください。' } });
  expect(returned.status()).toBe(200);
  const answers = { ...measlesNotification.answers, patient_address: 'デモ県北町1-2-4' };
  const resubmitted = await doctor.request.post(`/api/v1/notifications/${id}/resubmit`, {
    data: { based_on_revision: 1, submission: { disease: 'measles', answers } },
  });
  expect(resubmitted.status()).toBe(200);
  await north.goto(`/notifications/${id}`);
  await expect(north.getByRole('region', { name: '再提出で変わった項目' })).toContainText('デモ県北町1-2-4');
  await expectNoSeriousViolations(north, 'notification detail with changed items (cards at phone width)');
});

test("the sysadmin's and the user manager's tables have no serious accessibility violations", async ({ browser }) => {
  const admin = await signedIn(browser, demo.prefAdmin);
  await expect(admin.getByRole('heading', { name: '申請様式の一括登録' })).toBeVisible();
  // The accounts as cards at phone width, their cells still a table's.
  await expect(admin.locator('table.accounts').getByRole('row').nth(1).getByRole('cell').first()).toBeVisible();
  await expectNoSeriousViolations(admin, 'sysadmin home (letters and accounts tables)');
  const managerPage = await signedIn(browser, manager);
  await expect(managerPage.getByRole('heading', { name: '新しいアカウントの申請' })).toBeVisible();
  await expectNoSeriousViolations(managerPage, 'user manager home (staff table)');
});
