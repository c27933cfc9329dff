// The health center's inbox (issue 18). At tablet size (820 × 1180): a table (receipt number,
// disease, urgency, patient, institution, received, state) searched by the patient's reading and sorted
// by its headers, the search and order kept in the address through a reload, and a notification filed
// meanwhile appearing without a reload; no table header is empty (axe `empty-table-header`). At phone
// size (390 × 844): the same rows as cards, the order as a choice.
import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/journey';
import { demo, expectNoSeriousViolations, measlesNotification, signedIn } from './fixtures/todoke';

const KATAKANA = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ';

/** A reading no other test's patient has: the search then finds this test's notifications only. */
function uniqueReading(): string {
  const pick = () => KATAKANA[Math.floor(Math.random() * KATAKANA.length)];
  return `タブレ ${Array.from({ length: 6 }, pick).join('')}`;
}

/** Katakana as hiragana: the search folds either kana. */
function hiragana(text: string): string {
  return text.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

function measles(reading: string) {
  const { answers } = measlesNotification;
  return {
    disease: measlesNotification.disease,
    answers: {
      ...answers,
      patient_name: '北町 表子',
      patient_name_kana: reading,
      patient_sex: 'female',
      patient_birth_date: '2019-04-01',
      patient_age: '7',
      vaccination_1: 'no',
      vaccination_1_date: undefined,
    },
  };
}

/** Files a measles notification for 北町 (health center 9901) through the API; its receipt number. */
async function file(doctor: Page, reading: string): Promise<string> {
  const filed = await doctor.request.put(`/api/v1/notifications/${randomUUID()}`, { data: measles(reading) });
  expect(filed.status(), await filed.text()).toBe(201);
  return (await filed.json()).receipt_number;
}

async function search(page: Page, text: string) {
  await page.getByText('絞り込み', { exact: true }).click();
  await page.getByLabel('検索（受付番号・医療機関名・患者の氏名またはフリガナ）').fill(text);
  await page.getByRole('button', { name: 'この条件で表示' }).click();
}

test.describe('tablet', () => {
  test.use({ viewport: { width: 820, height: 1180 } });

  test('at tablet size the inbox is a table, sorted by its headers, and a new notification appears', async ({ browser }) => {
    const reading = uniqueReading();
    const doctor = await signedIn(browser, demo.doctor1);
    const first = await file(doctor, reading);
    const second = await file(doctor, reading);

    const north = await signedIn(browser, demo.hcNorth);
    await search(north, hiragana(reading));
    await expect(north).toHaveURL(/\?q=/);
    const table = north.getByRole('table', { name: '届出の一覧（表）' });
    await expect(table).toBeVisible();
    await expect(north.locator('.inbox-cards')).toBeHidden();
    for (const column of ['受付番号', '疾病', '緊急度', '患者', '医療機関', '受付日時', '状態']) {
      await expect(table.getByRole('columnheader', { name: column })).toBeVisible();
    }
    const receipts = table.locator('tbody .receipt-number');
    const row = table.locator('tbody tr').filter({ hasText: first });
    await expect(row).toContainText('麻しん');
    await expect(row).toContainText('直ちに');
    await expect(row).toContainText('タ・');
    await expect(row).toContainText('北町こどもクリニック');
    await expect(row).toContainText('受付済');

    // The inbox's own order first (both are waiting 直ちに cases: newest first), then by the headers.
    const received = table.getByRole('columnheader', { name: '受付日時' });
    await expect(table.getByRole('columnheader', { name: '緊急度' })).toHaveAttribute('aria-sort', 'descending');
    await expect(receipts).toHaveText([second, first]);
    await received.getByRole('button').click();
    await expect(north).toHaveURL(/order=newest/);
    await expect(received).toHaveAttribute('aria-sort', 'descending');
    await expect(receipts).toHaveText([second, first]);
    await received.getByRole('button').click();
    await expect(north).toHaveURL(/order=oldest/);
    await expect(received).toHaveAttribute('aria-sort', 'ascending');
    await expect(receipts).toHaveText([first, second]);

    // The search and the order are in the address: a reload keeps them.
    await north.reload();
    await expect(receipts).toHaveText([first, second]);
    await expect(north.getByLabel('検索（受付番号・医療機関名・患者の氏名またはフリガナ）')).toHaveValue(hiragana(reading));

    await expectNoSeriousViolations(north, 'inbox table');
    const headers = await new AxeBuilder({ page: north }).withRules(['empty-table-header']).analyze();
    expect(headers.violations, 'no empty table header').toEqual([]);

    // Filed while the inbox is open: it appears without a reload (the inbox follows the change feed).
    const third = await file(doctor, reading);
    await expect(receipts).toHaveText([first, second, third], { timeout: 20_000 });
    await expect(north.getByRole('status').filter({ hasText: '新しい届出があります' })).toBeAttached();
    await row.click();
    await expect(north.getByRole('heading', { level: 1 })).toHaveText('麻しん発生届');
  });
});

test.describe('phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('at phone size the inbox shows the same rows as cards, in the order chosen', async ({ browser }) => {
    const reading = uniqueReading();
    const doctor = await signedIn(browser, demo.doctor1);
    const first = await file(doctor, reading);
    const second = await file(doctor, reading);

    const north = await signedIn(browser, demo.hcNorth);
    await search(north, reading);
    const cards = north.locator('.inbox-cards .receipt-number');
    await expect(cards).toHaveText([second, first]);
    await expect(north.getByRole('table', { name: '届出の一覧（表）' })).toBeHidden();
    await north.getByLabel('並び順').selectOption({ label: '受付の古い順' });
    await expect(north).toHaveURL(/order=oldest/);
    await expect(cards).toHaveText([first, second]);
    await expectNoSeriousViolations(north, 'inbox cards');
  });
});
