// The walking skeleton's journey at phone size: a doctor files a measles notification and gets a
// receipt; the responsible health center sees and opens it; the other health center cannot. Only the
// first test logs in through the screens: the others reuse the run's doctor1 session (signedIn), since
// todoke sends an account at most 10 codes an hour and the suite logs doctor1 in often.
import { expect, test } from '@playwright/test';
import { demo, fillMeaslesForm, logIn, openPhone, receiptNumberPattern, signedIn } from './fixtures/todoke';

test('a measles notification reaches the responsible health center only', async ({ browser }) => {
  const patientName = `北町 テスト${Date.now() % 100000}`;

  // A doctor of institution 1 files from a phone.
  const doctor = await openPhone(browser);
  await logIn(doctor, demo.doctor1);
  await openForm(doctor, '麻しん');
  await expect(doctor).toHaveURL(/\/notifications\/new\/measles\?draft=[0-9a-f-]{36}$/);
  await fillMeaslesForm(doctor, { patientName });
  await doctor.getByRole('button', { name: '送信する' }).click();

  await expect(doctor.getByRole('heading', { name: '受付完了' })).toBeVisible();
  const receipt = doctor.locator('main');
  await expect(receipt).toContainText('デモ県北保健所');
  await expect(receipt).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} JST/);
  const receiptNumber = (await receipt.textContent())?.match(receiptNumberPattern)?.[0];
  expect(receiptNumber, 'the receipt shows a receipt number').toBeTruthy();

  const filed = await (await doctor.request.get('/api/v1/notifications')).json();
  const notification = filed.find((row: any) => row.receipt.receipt_number === receiptNumber);
  expect(notification, 'the server stored exactly the notification on the receipt').toBeTruthy();
  const id: string = notification.receipt.notification_id;

  // The responsible health center finds it in its inbox and opens it.
  const north = await openPhone(browser);
  await logIn(north, demo.hcNorth);
  await expect(north.getByRole('heading', { name: '受信一覧' })).toBeVisible();
  const row = north.getByRole('link').filter({ hasText: receiptNumber! });
  await expect(row).toContainText('麻しん');
  await expect(row).toContainText('北町こどもクリニック');
  await row.click();
  await expect(north).toHaveURL(new RegExp(`/notifications/${id}$`));
  await expect(north.locator('main')).toContainText(patientName);
  await expect(north.locator('main')).toContainText('麻しん（検査診断例）');

  // The other health center neither lists it nor can open it by id.
  const south = await openPhone(browser);
  await logIn(south, demo.hcSouth);
  await expect(south.getByRole('heading', { name: '受信一覧' })).toBeVisible();
  await expect(south.locator('main')).not.toContainText(receiptNumber!);
  const direct = await south.request.get(`/api/v1/notifications/${id}`);
  expect(direct.status()).toBe(404);
  expect((await direct.json()).code).toBe('not_found');
  await south.goto(`/notifications/${id}`);
  await expect(south.locator('main')).toContainText('見つかりません');
  await expect(south.locator('main')).not.toContainText(patientName);
});

test('a form with mistakes is not sent and says what to fix', async ({ browser }) => {
  const doctor = await signedIn(browser, demo.doctor1);
  const before = (await (await doctor.request.get('/api/v1/notifications')).json()).length;
  await openForm(doctor, '麻しん');
  await fillMeaslesForm(doctor, { patientName: '北町 次郎' });
  await doctor.getByLabel(new RegExp('^発病年月日')).fill('2026-11-01'); // after the diagnosis date
  await doctor.getByLabel(new RegExp('^氏名')).fill('');
  await doctor.getByRole('button', { name: '送信する' }).click();

  await expect(doctor.locator('main')).toContainText('入力してください。');
  await expect(doctor.locator('main')).toContainText('発病年月日');
  await expect(doctor.getByRole('heading', { name: '受付完了' })).toHaveCount(0);
  const after = (await (await doctor.request.get('/api/v1/notifications')).json()).length;
  expect(after).toBe(before);
  // What was typed is still there to correct.
  await expect(doctor.getByLabel(new RegExp('^住所'))).toHaveValue('デモ県北町1-2-3');
});

test('a doctor finds a disease by reading, common name, English and half-width text', async ({ browser }) => {
  const doctor = await signedIn(browser, demo.doctor1);
  const search = doctor.getByLabel('疾病名で探す');
  // Not all 92 diseases as buttons: the full list is folded until asked for.
  await expect(doctor.getByRole('link', { name: 'エボラ出血熱', exact: true })).toBeHidden();
  for (const [typed, disease] of [
    ['ましん', '麻しん'],
    ['けっかく', '結核'],
    ['はしか', '麻しん'],
    ['TB', '結核'],
    ['Measles', '麻しん'],
    ['E型肝炎', 'E型肝炎'],
    ['Ｑ熱', 'Q熱'],
    ['Ｂｳｲﾙｽ病', 'Bウイルス病'],
  ]) {
    await search.fill(typed);
    const first = doctor.locator('#disease-results').getByRole('link').first();
    await expect(first, `${typed} finds ${disease} first`).toHaveText(disease);
  }
  await search.fill('ましん');
  await expect(doctor.getByRole('link', { name: '結核', exact: true })).toBeHidden();

  // COVID-19 is not filed as a notification: the search says how it is reported.
  await search.fill('コロナ');
  await expect(doctor.getByRole('note')).toContainText('定点報告');

  // Nothing found says so and opens the full list.
  await search.fill('ぜんぜんないびょうき');
  await expect(doctor.getByText('「ぜんぜんないびょうき」に一致する届出対象の疾病はありません。', { exact: false })).toBeVisible();
  await doctor.getByRole('button', { name: 'すべての疾病の一覧を開く' }).click();
  await expect(doctor.getByRole('link', { name: 'エボラ出血熱', exact: true })).toBeVisible();
  await doctor.getByRole('link', { name: 'エボラ出血熱', exact: true }).click();
  await expect(doctor).toHaveURL(/\/notifications\/new\/ebola/);
});
