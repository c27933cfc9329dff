// Issue 18 at phone size: the doctor is told by e-mail when the health center returns a notification
// (read from the SMTP sink), finds it at the top of the home screen, and withdraws it (取下げ) with a
// reason after confirming; the health center sees the withdrawal and the reason in its history.
import { expect, test } from './fixtures/journey';
import {
  demo,
  fillMeaslesForm,
  messagesTo,
  notificationIdOf,
  openForm,
  receiptNumberShown,
  sendForm,
  signedIn,
} from './fixtures/todoke';

test('a returned notification is mailed to the doctor, who withdraws it with a reason', async ({ browser }) => {
  const doctor = await signedIn(browser, demo.doctor1);
  await openForm(doctor, '麻しん');
  await fillMeaslesForm(doctor, { patientName: `取下げ テスト${Date.now() % 100000}` });
  await sendForm(doctor);
  const receiptNumber = await receiptNumberShown(doctor);
  const id = await notificationIdOf(doctor, receiptNumber);

  const north = await signedIn(browser, demo.hcNorth);
  await north.goto(`/notifications/${id}`);
  const decision = north.getByRole('region', { name: '保健所の対応' });
  await decision.getByRole('button', { name: '差し戻す' }).click();
  await north.getByLabel(/^差し戻しの理由/).fill('患者の住所を確認してください。');
  await decision.getByRole('button', { name: '差し戻す' }).click();
  await decision.getByRole('alertdialog').getByRole('button', { name: '差し戻しを確定する' }).click();
  await expect(north.getByRole('status').filter({ hasText: '差し戻しました' })).toBeVisible();

  // The mail names the receipt and links the notification, without the patient or the comment.
  await expect
    .poll(async () => (await messagesTo(demo.doctor1.codeTo)).filter((m) => m.text.includes(receiptNumber)).length)
    .toBe(1);
  const mail = (await messagesTo(demo.doctor1.codeTo)).find((m) => m.text.includes(receiptNumber))!;
  expect(mail.subject).toContain('差し戻されました');
  expect(mail.text).toContain(`/notifications/${id}`);
  expect(mail.text).not.toContain('取下げ テスト');
  expect(mail.text).not.toContain('住所を確認');

  // At the top of the home screen, before the search.
  await doctor.goto('/');
  const returned = doctor.getByRole('region', { name: '差し戻された届出' });
  await expect(returned.getByRole('listitem').filter({ hasText: receiptNumber })).toBeVisible();
  const returnedTop = (await returned.boundingBox())!.y;
  const searchTop = (await doctor.getByLabel('疾病名で探す').boundingBox())!.y;
  expect(returnedTop).toBeLessThan(searchTop);

  // The doctor withdraws it: the reason is required, then a confirmation.
  await doctor.goto(`/notifications/${id}`);
  const withdrawal = doctor.getByRole('region', { name: '届出の取下げ' });
  await withdrawal.getByRole('button', { name: '届出を取り下げる' }).click();
  await withdrawal.getByRole('button', { name: '届出を取り下げる' }).click();
  await expect(doctor.locator('#step-reason-error')).toContainText('入力');
  const reason = '別の患者の届出と取り違えたため';
  await doctor.getByLabel(/^取下げの理由/).fill(reason);
  await withdrawal.getByRole('button', { name: '届出を取り下げる' }).click();
  const confirm = withdrawal.getByRole('alertdialog');
  await expect(confirm).toContainText('元に戻せません');
  await confirm.getByRole('button', { name: '取下げを確定する' }).click();
  await expect(doctor.getByRole('status').filter({ hasText: '届出を取り下げました。' })).toBeVisible();
  await expect(doctor.locator('main .badge').first()).toHaveText('取下げ');
  await expect(doctor.getByRole('region', { name: '届出の取下げ' })).toHaveCount(0);

  // No longer waiting for correction at home.
  await doctor.goto('/');
  await expect(doctor.getByRole('region', { name: '差し戻された届出' }).filter({ hasText: receiptNumber })).toHaveCount(0);

  // The health center sees it withdrawn, with who and why.
  await north.goto(`/notifications/${id}`);
  const last = north.getByRole('region', { name: '処理の履歴' }).getByRole('listitem').last();
  await expect(last).toContainText('取下げ');
  await expect(last).toContainText('doctor1');
  await expect(last).toContainText(reason);
  await expect(north.getByRole('region', { name: '保健所の対応' })).toHaveCount(0);
});
