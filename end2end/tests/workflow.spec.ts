// The health-center workflow (N-5) in the browser, at phone and tablet size (two Playwright projects):
// a tuberculosis notification returned for correction, corrected, resubmitted and accepted, with the
// history of every step and the CSV download; a resubmission that meets a newer version; a transfer
// between health centers; and a veterinarian's report (N-7) reaching the health center, returned,
// corrected and resubmitted by the veterinarian. A resubmitted notification shows what changed (old →
// new) to the health center and the filer. Printed, a notification names its doctor (veterinarian)
// and institution with address and telephone, as the legal form does, and 結核 fits on two A4 pages.
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/journey';
import {
  demo,
  inboxRow,
  fillMeaslesForm,
  fillTuberculosisForm,
  notificationIdOf,
  openForm,
  receiptNumberShown,
  signedIn,
  sendForm,
} from './fixtures/todoke';

/** Takes a health center's step on the open notification: the button, the inputs, then the confirmation. */
async function takeStep(page: Page, step: '受理する' | '差し戻す' | '移送する', fill?: () => Promise<void>) {
  const panel = page.getByRole('region', { name: '保健所の対応' });
  await panel.getByRole('button', { name: step }).click();
  if (fill) {
    await fill();
    await panel.getByRole('button', { name: step }).click();
  }
  const confirm = panel.getByRole('alertdialog');
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: /を確定する$/ }).click();
}

function history(page: Page) {
  return page.getByRole('region', { name: '処理の履歴' }).getByRole('listitem');
}

test('a tuberculosis notification is returned, corrected, resubmitted and accepted', async ({ browser }) => {
  const patientName = `結核 テスト${Date.now() % 100000}`;
  const comment = '住所の番地を確認してください。';

  // The doctor files.
  const doctor = await signedIn(browser, demo.doctor1);
  await openForm(doctor, '結核');
  await expect(doctor).toHaveURL(/\/notifications\/new\/tuberculosis(\?|$)/);
  await fillTuberculosisForm(doctor, { patientName });
  await sendForm(doctor);
  const receiptNumber = await receiptNumberShown(doctor);
  const id = await notificationIdOf(doctor, receiptNumber);

  // The health center finds it flagged 直ちに, narrows the inbox to 結核 (kept in the address through
  // reload, back and forward), opens it and returns it with a comment.
  const north = await signedIn(browser, demo.hcNorth);
  const row = inboxRow(north, receiptNumber);
  await expect(row).toContainText('直ちに');
  await north.getByText('絞り込み', { exact: true }).click();
  await north.getByLabel('疾病').selectOption({ label: '結核' });
  await north.getByRole('button', { name: 'この条件で表示' }).click();
  await expect(north).toHaveURL(/\?disease=tuberculosis$/);
  await north.reload();
  await expect(north.getByLabel('疾病')).toHaveValue('tuberculosis');
  await north.goBack();
  await expect(north).toHaveURL(/\/$/);
  await expect(north.getByLabel('疾病')).toHaveValue('');
  await north.goForward();
  await expect(north.getByLabel('疾病')).toHaveValue('tuberculosis');
  await expect(row).toBeVisible();
  await expect(inboxRow(north, '麻しん')).toHaveCount(0);
  await row.click();
  await expect(north).toHaveURL(new RegExp(`/notifications/${id}$`));
  await takeStep(north, '差し戻す', () => north.getByLabel(/^差し戻しの理由/).fill(comment));
  await expect(north.getByRole('status').filter({ hasText: '差し戻しました' })).toBeVisible();
  await expect(history(north).last()).toContainText(comment);

  // The doctor sees it returned, with the comment, on the home screen, and corrects it in the same
  // form filled with the current answers.
  await doctor.goto('/');
  const returned = doctor.getByRole('region', { name: '差し戻された届出' });
  const returnedItem = returned.getByRole('listitem').filter({ hasText: receiptNumber });
  await expect(returnedItem).toContainText(comment);
  await returnedItem.getByRole('link', { name: '修正して再提出する' }).click();
  await expect(doctor).toHaveURL(new RegExp(`/notifications/${id}/correct$`));
  await expect(doctor.locator('main')).toContainText(comment);
  await expect(doctor.getByLabel(/^氏名/)).toHaveValue(patientName);
  await doctor.getByLabel(/^住所/).fill('デモ県北町4-5-7');
  await sendForm(doctor, '再提出する');
  expect(await receiptNumberShown(doctor), 'a resubmission keeps the receipt').toBe(receiptNumber);

  // The health center sees revision 2, what the resubmission changed (the address only, old → new),
  // and accepts it.
  await north.goto(`/notifications/${id}`);
  await expect(north.locator('main')).toContainText('デモ県北町4-5-7');
  await expect(north.locator('main')).toContainText('第2版');
  await expectChangedAddress(north, 'デモ県北町4-5-6', 'デモ県北町4-5-7');
  await takeStep(north, '受理する');
  await expect(north.getByRole('status').filter({ hasText: '受理しました' })).toBeVisible();
  // Accepted is final but for a transfer (an open case moves with it): only 移送 is left to take.
  const left = north.getByRole('region', { name: '保健所の対応' });
  await expect(left.getByRole('button', { name: '移送する' })).toBeVisible();
  await expect(left.getByRole('button', { name: /受理する|差し戻す/ })).toHaveCount(0);
  await expectPrintedFiler(north, '第12条第1項', '届出医師', ['北町 花子', '北町こどもクリニック', 'デモ県北町1-2-3', '0123-45-6701']);
  // The paper 発生届 of 結核 is two A4 pages; printed, the notification is no longer.
  expect(await printedPages(north)).toBeLessThanOrEqual(2);

  // Both see every step with who did it.
  for (const page of [north, doctor]) {
    await page.goto(`/notifications/${id}`);
    const steps = history(page);
    await expect(steps).toHaveCount(4);
    await expect(steps.nth(0)).toContainText('受付');
    await expect(steps.nth(0)).toContainText('doctor1');
    await expect(steps.nth(0)).toContainText('初版');
    await expect(steps.nth(1)).toContainText('差し戻し');
    await expect(steps.nth(1)).toContainText('hc-north');
    await expect(steps.nth(1)).toContainText(comment);
    await expect(steps.nth(2)).toContainText('再提出');
    await expect(steps.nth(2)).toContainText('第2版');
    await expect(steps.nth(3)).toContainText('受理');
    await expect(page.getByRole('button', { name: '印刷' })).toBeVisible();
  }
  await expectChangedAddress(doctor, 'デモ県北町4-5-6', 'デモ県北町4-5-7');

  // hc-north holds the download flag: the inbox filtered to 結核 downloads as CSV.
  await north.goto('/?disease=tuberculosis');
  const [download] = await Promise.all([
    north.waitForEvent('download'),
    north.getByRole('link', { name: 'CSV（UTF-8）をダウンロード', exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^todoke-tuberculosis-.*\.csv$/);
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  expect(csv).toContain(receiptNumber);
  expect(csv).toContain('デモ県北町4-5-7');
});

test('a resubmission that meets a newer version shows it and starts again from it, keeping what was typed', async ({
  browser,
}) => {
  const doctor = await signedIn(browser, demo.doctor1);
  await openForm(doctor, '結核');
  await fillTuberculosisForm(doctor, { patientName: '版 テスト' });
  await sendForm(doctor);
  const id = await notificationIdOf(doctor, await receiptNumberShown(doctor));
  const north = await signedIn(browser, demo.hcNorth);
  const returnIt = (comment: string) =>
    north.request.post(`/api/v1/notifications/${id}/return`, { data: { comment } });
  expect((await returnIt('氏名を確認してください。')).status()).toBe(200);

  // The doctor starts correcting; meanwhile a colleague's resubmission is returned again.
  await doctor.goto(`/notifications/${id}/correct`);
  await doctor.getByLabel(/^氏名/).fill('版 テスト訂正');
  const current = await (await doctor.request.get(`/api/v1/notifications/${id}`)).json();
  const resubmitted = await doctor.request.post(`/api/v1/notifications/${id}/resubmit`, {
    data: { based_on_revision: 1, submission: { disease: 'tuberculosis', answers: current.answers } },
  });
  expect(resubmitted.status()).toBe(200);
  expect((await returnIt('住所も確認してください。')).status()).toBe(200);

  await sendForm(doctor, '再提出する');
  const stale = doctor.getByRole('alert').filter({ hasText: '届出は既に更新されています' });
  await expect(stale).toContainText('第2版');
  await expect(stale).toContainText('住所も確認してください。');
  await expect(stale.getByRole('row').filter({ hasText: '氏名' })).toContainText('版 テスト訂正');
  await expect(doctor.getByLabel(/^氏名/)).toHaveValue('版 テスト訂正');

  await stale.getByRole('button', { name: '最新の版から修正し直す' }).click();
  await expect(doctor.getByLabel(/^氏名/)).toHaveValue('版 テスト');
  await expect(doctor.getByRole('alert').filter({ hasText: '以前に入力した内容' })).toContainText('版 テスト訂正');
  await doctor.getByLabel(/^氏名/).fill('版 テスト訂正');
  await sendForm(doctor, '再提出する');
  await receiptNumberShown(doctor);
  const after = await (await doctor.request.get(`/api/v1/notifications/${id}`)).json();
  expect(after.summary.revision).toBe(3);
  expect(after.answers.patient_name).toBe('版 テスト訂正');
});

test('a health center transfers a notification to another with a reason', async ({ browser }) => {
  const reason = '患者の居住地がデモ県南保健所の管轄のため';
  const doctor = await signedIn(browser, demo.doctor1);
  await openForm(doctor, '麻しん');
  await fillMeaslesForm(doctor, { patientName: '移送 テスト' });
  await sendForm(doctor);
  const receiptNumber = await receiptNumberShown(doctor);
  const id = await notificationIdOf(doctor, receiptNumber);

  const north = await signedIn(browser, demo.hcNorth);
  await north.getByRole('link').filter({ hasText: receiptNumber }).click();
  await takeStep(north, '移送する', async () => {
    const target = north.getByLabel(/^移送先の保健所/);
    await expect(target.getByRole('option', { name: 'デモ県北保健所' })).toHaveCount(0);
    await target.selectOption({ label: 'デモ県南保健所' });
    await north.getByLabel(/^移送の理由/).fill(reason);
  });
  await expect(north).toHaveURL(/\/$/);
  await expect(north.getByRole('status').filter({ hasText: '移送しました' })).toBeVisible();
  await expect(north.getByRole('heading', { name: '受信一覧' })).toBeVisible();
  await expect(north.locator('main')).not.toContainText(receiptNumber);

  const south = await signedIn(browser, demo.hcSouth);
  await south.getByRole('link').filter({ hasText: receiptNumber }).click();
  await expect(south).toHaveURL(new RegExp(`/notifications/${id}$`));
  const transferStep = history(south).last();
  await expect(transferStep).toContainText('移送');
  await expect(transferStep).toContainText('デモ県北保健所 → デモ県南保健所');
  await expect(transferStep).toContainText(reason);
  await expect(south.getByRole('region', { name: '保健所の対応' })).toBeVisible();
});

/** 「再提出で変わった項目」 lists the address alone, with its answer before and after the resubmission. */
async function expectChangedAddress(page: Page, before: string, after: string) {
  const changed = page.getByRole('region', { name: '再提出で変わった項目' });
  await expect(changed).toContainText('初版');
  const rows = changed.getByRole('rowgroup').last().getByRole('row');
  await expect(rows).toHaveCount(1);
  await expect(rows.getByRole('rowheader')).toHaveText('住所');
  await expect(rows.getByRole('cell').nth(0)).toContainText(before);
  await expect(rows.getByRole('cell').nth(1)).toContainText(after);
}

/** How many A4 pages the open page prints on (Chromium's PDF of it, with the print style sheet). */
async function printedPages(page: Page): Promise<number> {
  // page.pdf lays out with the emulated media: print, whatever an earlier step emulated.
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)\b/g) ?? []).length;
}

/** The printed page (print style sheet) cites `article` and shows `texts` in the filer's section. */
async function expectPrintedFiler(page: Page, article: string, heading: string, texts: string[]) {
  // An item not answered: 「（未記入）」 on screen, blank on paper as on the official form.
  const sheet = page.locator('.notification-sheet');
  await expect(sheet).toContainText('（未記入）', { useInnerText: true });
  await page.emulateMedia({ media: 'print' });
  await expect(sheet).not.toContainText('未記入', { useInnerText: true });
  const filer = page.getByRole('region', { name: heading });
  await expect(filer).toBeVisible();
  for (const text of texts) {
    await expect(filer).toContainText(text);
  }
  await expect(page.getByText('感染症発生届', { exact: true })).toBeVisible();
  await expect(page.locator('.print-statute')).toContainText(article);
  await expect(page.getByRole('button', { name: '印刷' })).toBeHidden();
  await page.emulateMedia({ media: 'screen' });
}

test('a veterinarian reports tuberculosis in a monkey, corrects it when returned, and the health center accepts it', async ({
  browser,
}) => {
  const vet = await signedIn(browser, demo.vet1);
  await expect(vet.getByRole('heading', { name: '獣医師の届出を作成' })).toBeVisible();
  await vet.getByRole('link', { name: '結核（サル）', exact: true }).click();
  await expect(vet).toHaveURL(/\/animal-reports\/new\/tuberculosis_monkey(\?|$)/);
  await expect(vet.getByRole('heading', { level: 1 })).toHaveText('結核（サル）獣医師届出');
  await vet.getByRole('group', { name: '類型' }).getByRole('radio', { name: '感染動物（確定）' }).check();
  await vet.getByLabel(/^動物の種類/).fill('カニクイザル');
  await vet.getByLabel(/^頭羽数/).fill('1');
  await vet.getByLabel(/^動物の所在地/).fill('デモ県北町どうぶつ園');
  await vet.getByRole('group', { name: /^所有者の有無/ }).getByRole('radio', { name: '有', exact: true }).check();
  await vet.getByLabel(/^所有者氏名/).fill('デモ県北町どうぶつ園');
  await vet.getByLabel(/^所有者住所/).fill('デモ県北町7-8-9');
  await vet.getByLabel(/^所有者電話番号/).fill('03-1234-5678');
  await vet
    .getByRole('group', { name: '診断方法' })
    .getByRole('checkbox', { name: '検体から病原体遺伝子の検出（PCR法等）' })
    .check();
  await vet.getByLabel(/^診断（検案）年月日/).fill('2026-11-20');
  await vet.getByRole('group', { name: '転帰' }).getByRole('radio', { name: '生存' }).check();
  await sendForm(vet);
  const receiptNumber = await receiptNumberShown(vet);
  await expect(vet.locator('main')).toContainText('デモ県北保健所');

  const north = await signedIn(browser, demo.hcNorth);
  const row = inboxRow(north, receiptNumber);
  await expect(row).toContainText('結核（サル）');
  await expect(row).toContainText('直ちに');
  await row.click();
  await expect(north.getByRole('heading', { level: 1 })).toHaveText('結核（サル）獣医師届出');
  await expect(north.locator('main')).toContainText('カニクイザル');
  const comment = '動物の所在地の番地を記入してください。';
  await takeStep(north, '差し戻す', () => north.getByLabel(/^差し戻しの理由/).fill(comment));
  await expect(north.getByRole('status').filter({ hasText: '差し戻しました' })).toBeVisible();

  // The veterinarian finds it returned at home and corrects it (the server and the app agree the
  // veterinarian may: domain::workflow).
  await vet.goto('/');
  const returnedItem = vet.getByRole('region', { name: '差し戻された届出' }).getByRole('listitem').filter({ hasText: receiptNumber });
  await expect(returnedItem).toContainText(comment);
  await returnedItem.getByRole('link', { name: '修正して再提出する' }).click();
  await expect(vet).toHaveURL(/\/correct$/);
  await expect(vet.getByLabel(/^動物の種類/)).toHaveValue('カニクイザル');
  await vet.getByLabel(/^動物の所在地/).fill('デモ県北町どうぶつ園 1-2-3');
  await sendForm(vet, '再提出する');
  expect(await receiptNumberShown(vet), 'a resubmission keeps the receipt').toBe(receiptNumber);

  await north.reload();
  await expect(north.locator('main')).toContainText('第2版');
  await expect(north.locator('main')).toContainText('デモ県北町どうぶつ園 1-2-3');
  await expectPrintedFiler(north, '第13条第1項', '届出獣医師', ['北町 獣医師', '北町どうぶつ病院', 'デモ県北町2-3-4', '0123-45-6704']);
  await takeStep(north, '受理する');
  await expect(north.getByRole('status').filter({ hasText: '受理しました' })).toBeVisible();

  // The veterinarians' reports of 結核 have their own CSV (the animal form's columns).
  await north.goto('/?disease=tuberculosis');
  const [download] = await Promise.all([
    north.waitForEvent('download'),
    north.getByRole('link', { name: '獣医師の届出：結核（サル） CSV（UTF-8）をダウンロード' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^todoke-tuberculosis_monkey-.*\.csv$/);
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  expect(csv).toContain(receiptNumber);
  expect(csv).toContain('カニクイザル');
});
