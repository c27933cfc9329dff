// The walking skeleton's journey at phone size: a doctor files a measles notification and gets a
// receipt; the responsible health center sees and opens it; the other health center cannot. Only the
// first test logs in through the screens: the others reuse the run's doctor1 session (signedIn), since
// todoke sends an account at most 10 codes an hour and the suite logs doctor1 in often.
import { expect, test } from './fixtures/journey';
import { demo, fillMeaslesForm, logIn, openForm, openPhone, receiptNumberPattern, sendForm, signedIn } from './fixtures/todoke';

test('a measles notification reaches the responsible health center only', async ({ browser }) => {
  const patientName = `北町 テスト${Date.now() % 100000}`;

  // A doctor of institution 1 files from a phone.
  const doctor = await openPhone(browser);
  await logIn(doctor, demo.doctor1);
  await openForm(doctor, '麻しん');
  await expect(doctor).toHaveURL(/\/notifications\/new\/measles\?draft=[0-9a-f-]{36}$/);
  await fillMeaslesForm(doctor, { patientName });
  // The age at diagnosis is computed from the birth and diagnosis dates, not typed.
  const age = doctor.locator('output#field-patient_age');
  await expect(age).toHaveText('6');
  await doctor.getByLabel(new RegExp('^生年月日')).fill('2020-11-01');
  await expect(age).toHaveText('5');
  await doctor.getByLabel(new RegExp('^生年月日')).fill('2020-05-01');
  await expect(age).toHaveText('6');

  // 47 prefectures are a select, not 47 radio buttons.
  await expect(doctor.getByRole('group', { name: '都道府県' })).toHaveCount(0);
  await doctor.getByRole('combobox', { name: '都道府県', exact: true }).selectOption({ label: '北海道' });

  // The review screen lists everything entered; 送信 is there, and 修正する goes back to the inputs.
  await doctor.getByRole('button', { name: '入力内容を確認する' }).click();
  const review = doctor.getByRole('region', { name: '入力内容の確認' });
  await expect(review).toContainText(patientName);
  await expect(review).toContainText('麻しん（検査診断例）');
  await expect(review).toContainText('デモ県北町1-2-3');
  await expect(review).toContainText('北海道');
  // Items left blank are named on one line per section, not listed one by one as （未記入）.
  await expect(review).toContainText('未記入：フリガナ、職業');
  await expect(review).not.toContainText('（未記入）');
  await expect(doctor.getByLabel(new RegExp('^氏名'))).toBeHidden();
  await review.getByRole('button', { name: '修正する' }).click();
  await expect(doctor.getByLabel(new RegExp('^氏名'))).toHaveValue(patientName);
  await sendForm(doctor);

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
  await doctor.getByRole('button', { name: '入力内容を確認する' }).click();

  await expect(doctor.locator('main')).toContainText('入力してください。');
  // The contradiction is reported at the estimated onset, the date to check, naming the other.
  await expect(doctor.locator('#field-onset_date-error')).toHaveText('発病年月日は診断（検案）年月日以前の日付にしてください。');
  await expect(doctor.getByRole('heading', { name: '入力内容の確認' })).toBeHidden();
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
  // Nor is it offered as the 新型インフルエンザ等感染症 it was until 2023-05-07.
  await expect(doctor.getByRole('link', { name: '新型コロナウイルス感染症', exact: true })).toBeHidden();
  await expect(doctor.getByRole('link', { name: '再興型コロナウイルス感染症', exact: true })).toBeVisible();

  // Nothing found says so and opens the full list.
  await search.fill('ぜんぜんないびょうき');
  await expect(doctor.getByText('「ぜんぜんないびょうき」に一致する届出対象の疾病はありません。', { exact: false })).toBeVisible();
  await doctor.getByRole('button', { name: 'すべての疾病の一覧を開く' }).click();
  await expect(doctor.getByRole('link', { name: 'エボラ出血熱', exact: true })).toBeVisible();
  await doctor.getByRole('link', { name: 'エボラ出血熱', exact: true }).click();
  await expect(doctor).toHaveURL(/\/notifications\/new\/ebola/);
});

test('a field is checked as the doctor leaves it, naming every bad character and offering the standard form', async ({
  browser,
}) => {
  const doctor = await signedIn(browser, demo.doctor1);
  await openForm(doctor, '麻しん');
  const name = doctor.getByLabel(new RegExp('^氏名'));
  await name.fill('髙橋 ①郎');
  await doctor.getByLabel(new RegExp('^住所')).focus();
  const errors = doctor.locator('#field-patient_name-error');
  await expect(errors).toContainText('「髙」「①」は使用できません');
  await expect(errors).toContainText('「髙」は「高」');
  // Never silently: the doctor chooses the replacement.
  await expect(name).toHaveValue('髙橋 ①郎');
  await errors.getByRole('button', { name: '「高橋 1郎」に置き換える' }).click();
  await expect(name).toHaveValue('高橋 1郎');
  await expect(errors).toBeEmpty();
  // Leaving a required field empty is not yet a mistake.
  await doctor.getByLabel(new RegExp('^住所')).focus();
  await doctor.getByLabel(new RegExp('^生年月日')).focus();
  await expect(doctor.locator('#field-patient_address-error')).toBeEmpty();
});

test('a date is typed as people write it, or picked from the calendar, and read back in both calendars', async ({ browser }) => {
  const doctor = await signedIn(browser, demo.doctor1);
  await openForm(doctor, '麻しん');
  const birth = doctor.getByLabel(/^生年月日/);
  const reading = doctor.locator('#field-patient_birth_date-reading');
  const calendar = doctor.getByLabel('カレンダーから選ぶ（生年月日）');
  await birth.fill('令和2年5月1日');
  await expect(reading).toHaveText('令和2年5月1日（2020-05-01）');
  await expect(calendar).toHaveValue('2020-05-01');
  await birth.fill('R2.5.2');
  await expect(reading).toHaveText('令和2年5月2日（2020-05-02）');
  // 7/5/1 is read in the era chosen beside the field (令和 unless another is chosen).
  await birth.fill('2/5/3');
  await expect(reading).toHaveText('令和2年5月3日（2020-05-03）');
  await doctor.getByLabel('元号（生年月日）').selectOption('平成');
  await expect(reading).toHaveText('平成2年5月3日（1990-05-03）');
  // The calendar writes the box.
  await calendar.fill('2019-05-01');
  await expect(birth).toHaveValue('2019-05-01');
  await expect(reading).toHaveText('令和元年5月1日（2019-05-01）');
  // A date outside the chosen era is named as such when the doctor leaves the field.
  await birth.fill('31/5/1');
  await doctor.getByLabel(/^住所/).focus();
  await expect(doctor.locator('#field-patient_birth_date-error')).toContainText('平成にこの日付はありません');
});
