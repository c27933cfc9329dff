// Aberration alarms (issue 15) at phone size: doctor2 (南町総合病院, health center 9902) files six
// measles notifications dated in the last complete week through the API, the server's own detection
// (`todoke-server detect-alarms --week`, as the operators run it) raises the alarms, and hc-south sees
// the open count on its home screen, opens the Farrington alarm, reads the chart and its table, and
// marks it 調査中 with a comment, kept in the history; the health center's address gets the mail.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures/journey';
import { baseURL } from '../support/ports';
import { demo, expectNoSeriousViolations, messagesTo, signedIn } from './fixtures/todoke';

const root = path.resolve(__dirname, '../..');
/** The server's database and binary, as playwright.config.ts gives them to the server. */
const databaseURL = process.env.E2E_DATABASE_URL ?? `sqlite:${path.join(root, 'target/e2e/todoke.db')}`;
const serverBinary = path.join(process.env.CARGO_TARGET_DIR ?? path.join(root, 'target'), 'debug/todoke-server');
const DAY = 24 * 60 * 60 * 1000;

/** The last complete week (Monday to Sunday in Japan): its Monday (UTC midnight) and ISO number. */
function lastCompleteWeek(): { monday: Date; year: number; week: number } {
  const japan = new Date(Date.now() + 9 * 60 * 60 * 1000);
  const today = Date.UTC(japan.getUTCFullYear(), japan.getUTCMonth(), japan.getUTCDate());
  const sinceMonday = (new Date(today).getUTCDay() + 6) % 7;
  const monday = new Date(today - (sinceMonday + 7) * DAY);
  // An ISO week belongs to the year of its Thursday and is numbered from that year's first Thursday.
  const thursday = new Date(monday.getTime() + 3 * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY / 7) + 1;
  return { monday, year, week };
}

function day(monday: Date, offset: number): string {
  return new Date(monday.getTime() + offset * DAY).toISOString().slice(0, 10);
}

/** A measles case as the doctor's form sends it: onset on the week's Monday, diagnosis on its Wednesday. */
function measlesCase(monday: Date) {
  return {
    disease: 'measles',
    answers: {
      case_type: 'lab_confirmed',
      patient_name: '南町 花子',
      patient_sex: 'female',
      patient_birth_date: '2019-04-01',
      patient_age: '7',
      patient_address: 'デモ県南町2-3-4',
      symptoms: ['fever', 'rash', 'koplik_spots'],
      diagnosis_methods: ['pcr'],
      first_visit_date: day(monday, 1),
      diagnosis_date: day(monday, 2),
      onset_date: day(monday, 0),
      outcome: 'alive',
      infection_route: 'airborne',
      infection_area: 'domestic',
      vaccination_1: 'no',
      vaccination_2: 'no',
    },
  };
}

test('a health center opens an alarm, reads its chart and marks it', async ({ browser }) => {
  test.setTimeout(120_000);
  const { monday, year, week } = lastCompleteWeek();
  const weekText = `${year}年第${week}週`;

  const doctor = await signedIn(browser, demo.doctor2);
  for (let n = 0; n < 6; n++) {
    const filed = await doctor.request.put(`/api/v1/notifications/${randomUUID()}`, { data: measlesCase(monday) });
    expect(filed.status(), await filed.text()).toBe(201);
  }
  const isoWeek = `${year}-W${String(week).padStart(2, '0')}`;
  const output = execFileSync(serverBinary, ['detect-alarms', '--week', isoWeek], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseURL, TODOKE_PUBLIC_URL: baseURL, RUST_LOG: 'warn' },
  }).toString();
  expect(output).toMatch(/, 2 new alarms/);

  // The home screen counts the open alarms: Farrington by diagnosis week, EARS C2 by onset week.
  const staff = await signedIn(browser, demo.hcSouth);
  await staff.getByRole('link', { name: '異常検知（未対応 2件）' }).click();
  await expect(staff).toHaveURL(/\/alarms$/);
  await expect(staff.getByRole('heading', { name: '異常検知', level: 1 })).toBeVisible();
  const rows = staff.getByRole('listitem').filter({ hasText: weekText });
  await expect(rows).toHaveCount(2);
  const farrington = rows.filter({ hasText: 'Farrington法（flexible）' });
  await expect(farrington).toContainText('未対応');
  await farrington.getByRole('link', { name: `麻しん　デモ県南保健所　${weekText}` }).click();

  // The alarm: what fired, the count against the bound, the chart and its numbers.
  await expect(staff).toHaveURL(/\/alarms\/[0-9a-f-]{36}$/);
  await expect(staff.getByRole('heading', { name: `麻しん　デモ県南保健所　${weekText}` })).toBeVisible();
  await expect(staff.locator('.alarm-method')).toHaveText('Farrington法（flexible）');
  await expect(staff.locator('.alarm-figures')).toContainText(/^6（上限値 \d+\.\d\d）$/);
  const chart = staff.getByRole('img', { name: /麻しん\sデモ県南保健所\s週別報告数と上限値（Farrington法（flexible））/ });
  await expect(chart).toBeVisible();
  await expect(chart.locator('rect.alarm-bar-this')).toHaveCount(1);
  await expect(chart.locator('polyline.alarm-bound')).not.toHaveCount(0);
  const table = staff.getByRole('table').filter({ has: staff.getByRole('columnheader', { name: '上限値' }) });
  const newest = table.getByRole('row').nth(1);
  await expect(newest.getByRole('rowheader')).toHaveText(weekText);
  await expect(newest.getByRole('cell').nth(0)).toHaveText('6');
  await expect(newest.getByRole('cell').nth(1)).toHaveText(/^\d+\.\d\d$/);
  await expect(newest.getByRole('cell').nth(2)).toHaveText('あり');
  const weeksShown = await table.getByRole('row').count();
  expect(weeksShown - 1, 'half a year of weeks').toBe(26);
  await expectNoSeriousViolations(staff, 'alarm page');

  // Marking: a comment is required; then 調査中 with its comment is kept in the history.
  const marking = staff.getByRole('region', { name: '対応を記録する' });
  const history = staff.getByRole('region', { name: '対応の履歴' }).getByRole('listitem');
  await marking.getByRole('radio', { name: '調査中' }).check();
  await marking.getByRole('button', { name: '記録する' }).click();
  await expect(marking.locator('#alarm-comment-error')).toHaveText('入力してください。');
  await expect(history).toHaveCount(0);
  const comment = '南町の小学校で同じ週に発症、保健所で接触者を調査中。';
  await marking.getByLabel('コメント').fill(comment);
  await marking.getByRole('button', { name: '記録する' }).click();
  await expect(staff.getByRole('status').filter({ hasText: '対応を記録しました。' })).toBeVisible();
  await expect(history).toHaveCount(1);
  await expect(history.first()).toContainText('調査中');
  await expect(history.first()).toContainText(comment);
  await expect(history.first()).toContainText(demo.hcSouth.userId);
  await expect(staff.locator('.facts')).toContainText('調査中');
  // From 調査中 only settling remains open.
  await expect(marking.getByRole('radio', { name: '調査中' })).toHaveCount(0);
  await expect(marking.getByRole('radio', { name: '説明可能' })).toBeVisible();

  await staff.getByRole('link', { name: '異常検知の一覧へ' }).click();
  await expect(staff.getByText('未対応 1件')).toBeVisible();

  // The health center's address got a mail for each alarm (the server's mail worker sends the outbox),
  // besides one for each 直ちに notification filed above.
  const alarmMails = async () =>
    (await messagesTo('minami-hc@demo-pref.todoke.invalid')).filter((mail) => mail.subject.includes('異常検知'));
  await expect.poll(async () => (await alarmMails()).length, { timeout: 45_000 }).toBe(2);
  const mails = await alarmMails();
  expect(mails.every((mail) => mail.subject.includes('麻しん') && mail.text.includes(`${baseURL}/alarms/`))).toBe(true);
});
