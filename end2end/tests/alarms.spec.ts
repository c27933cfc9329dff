// Aberration alarms (issue 15) at phone size: doctor2 (南町総合病院, health center 9902) files six
// measles notifications dated in the last complete week through the API, the server's own detection
// (`todoke-server detect-alarms --week`, as the operators run it) raises the alarms, and hc-south sees
// the open count on its home screen, opens the Farrington alarm, reads the chart and its table, and
// marks it 調査中 with a comment, kept in the history; the health center's address gets the mail.
// A sentinel series' alarm draws the week no site reported as 報告なし, not as a week of 0; the
// national administrator reads which method runs on each disease with its parameters.
// Each journey asks the server once which week is the last complete one and names it from then on.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures/journey';
import { baseURL } from '../support/ports';
import { demo, expectNoSeriousViolations, messagesTo, signedIn, type DemoUser } from './fixtures/todoke';

const root = path.resolve(__dirname, '../..');
/** The server's database and binary, as playwright.config.ts gives them to the server. */
const databaseURL = process.env.E2E_DATABASE_URL ?? `sqlite:${path.join(root, 'target/e2e/todoke.db')}`;
const serverBinary = path.join(process.env.CARGO_TARGET_DIR ?? path.join(root, 'target'), 'debug/todoke-server');
const DAY = 24 * 60 * 60 * 1000;

/** An ISO week: its Monday (UTC midnight), year and number, and its name (2026-W05). */
interface Week {
  monday: Date;
  year: number;
  week: number;
  name: string;
}

/** The ISO week starting `monday`. */
function weekOf(monday: Date): Week {
  // An ISO week belongs to the year of its Thursday and is numbered from that year's first Thursday.
  const thursday = new Date(monday.getTime() + 3 * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY / 7) + 1;
  return { monday, year, week, name: `${year}-W${String(week).padStart(2, '0')}` };
}

/** The week `weeks` weeks before `week`. */
function weeksBefore(week: Week, weeks: number): Week {
  return weekOf(new Date(week.monday.getTime() - weeks * 7 * DAY));
}

/** How the alarm screens name a week: 2026年第5週. */
function weekText(week: Week): string {
  return `${week.year}年第${week.week}週`;
}

/**
 * The last complete week (Monday to Sunday in Japan) as the server reckons it: the week whose
 * sentinel reports are owed now (`GET /sentinel/overview` of a health center, `staff`'s session).
 */
async function lastCompleteWeek(staff: Page): Promise<Week> {
  const response = await staff.request.get('/api/v1/sentinel/overview');
  expect(response.status(), await response.text()).toBe(200);
  const name: string = (await response.json()).week;
  const [year, number] = name.split('-W').map(Number);
  // Week 1 is the week of 4 January.
  const january4 = Date.UTC(year, 0, 4);
  const week1 = january4 - ((new Date(january4).getUTCDay() + 6) % 7) * DAY;
  const week = weekOf(new Date(week1 + (number - 1) * 7 * DAY));
  expect(week.name).toBe(name);
  return week;
}

/** `todoke-server detect-alarms --week`, as the operators run it: every series for `week`. Its summary line. */
function detectAlarms(week: Week): string {
  return execFileSync(serverBinary, ['detect-alarms', '--week', week.name], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseURL, TODOKE_PUBLIC_URL: baseURL, RUST_LOG: 'warn' },
  }).toString();
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
  const staff = await signedIn(browser, demo.hcSouth);
  const lastWeek = await lastCompleteWeek(staff);
  const shown = weekText(lastWeek);

  const doctor = await signedIn(browser, demo.doctor2);
  for (let n = 0; n < 6; n++) {
    const filed = await doctor.request.put(`/api/v1/notifications/${randomUUID()}`, {
      data: measlesCase(lastWeek.monday),
    });
    expect(filed.status(), await filed.text()).toBe(201);
  }
  expect(detectAlarms(lastWeek)).toMatch(/, 2 new alarms/);

  // The home screen counts the open alarms: Farrington by diagnosis week, EARS C2 by onset week.
  await staff.reload();
  await staff.getByRole('link', { name: '異常検知（未対応 2件）' }).click();
  await expect(staff).toHaveURL(/\/alarms$/);
  await expect(staff.getByRole('heading', { name: '異常検知', level: 1 })).toBeVisible();
  const rows = staff.getByRole('listitem').filter({ hasText: shown });
  await expect(rows).toHaveCount(2);
  const farrington = rows.filter({ hasText: 'Farrington法（flexible）' });
  await expect(farrington).toContainText('未対応');
  await farrington.getByRole('link', { name: `麻しん　デモ県南保健所　${shown}` }).click();

  // The alarm: what fired, the count against the bound, the chart and its numbers.
  await expect(staff).toHaveURL(/\/alarms\/[0-9a-f-]{36}$/);
  await expect(staff.getByRole('heading', { name: `麻しん　デモ県南保健所　${shown}` })).toBeVisible();
  await expect(staff.locator('.alarm-method')).toHaveText('Farrington法（flexible）');
  await expect(staff.locator('.alarm-figures')).toContainText(/^6（上限値 \d+\.\d\d）$/);
  const chart = staff.getByRole('img', { name: /麻しん\sデモ県南保健所\s週別報告数と上限値（Farrington法（flexible））/ });
  await expect(chart).toBeVisible();
  await expect(chart.locator('rect.alarm-bar-this')).toHaveCount(1);
  await expect(chart.locator('polyline.alarm-bound')).not.toHaveCount(0);
  const table = staff.getByRole('table').filter({ has: staff.getByRole('columnheader', { name: '上限値' }) });
  const newest = table.getByRole('row').nth(1);
  await expect(newest.getByRole('rowheader')).toHaveText(shown);
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

const sentinel2: DemoUser = {
  userId: 'sentinel2',
  password: 'Teiten#Mnm2',
  codeTo: 'sentinel2@minami-hospital.todoke.invalid',
};

/** The chart's week `back` weeks before the alarm's (its last), of the 26 it shows. */
function chartBar(chart: Locator, back: number): Locator {
  return chart.locator('rect.alarm-bar, rect.alarm-gap').nth(25 - back);
}

test('a sentinel series draws the week no site reported as 報告なし, and a week of 0 as 0', async ({ browser }) => {
  test.setTimeout(180_000);
  const staff = await signedIn(browser, demo.hcSouth);
  const lastWeek = await lastCompleteWeek(staff);

  // 南町総合病院 (sentinel2), 南町's only reporting ARI site, reports one or two influenza patients a
  // week: in the weeks a year and two years ago that Farrington's baseline takes (±3 weeks; the
  // demo sites are designated from 2024, so the years before have no data), and in
  // the half year the chart shows, except that it reports nothing in one week (no data: no site
  // reported) and no patients in another (0); in the last complete week, eight. (Eight per site
  // stays under 注意報's 10, which other journeys of 南町 do not expect.)
  const noReport = 5;
  const noPatients = 9;
  const site = await signedIn(browser, sentinel2);
  const report = async (back: number, influenza: number) => {
    const cells = influenza === 0 ? [] : [{ disease: 'influenza', age_band: '20-29y', sex: 'female', count: influenza }];
    const data = {
      kind: 'respiratory_weekly',
      period: weeksBefore(lastWeek, back).name,
      no_patients: influenza === 0,
      cells,
    };
    const filed = await site.request.put(`/api/v1/sentinel/reports/${randomUUID()}`, { data });
    // 409: a retry of this journey finds the period already reported.
    expect([201, 409], await filed.text()).toContain(filed.status());
  };
  const baseline = [49, 50, 51, 52, 53, 54, 55, 101, 102, 103, 104, 105, 106, 107];
  const halfYear = Array.from({ length: 25 }, (_, index) => index + 1).filter((back) => back !== noReport);
  for (const back of [...baseline, ...halfYear]) {
    await report(back, back === noPatients ? 0 : 1 + (back % 2));
  }
  await report(0, 8);
  detectAlarms(lastWeek);

  await staff.goto('/alarms');
  const title = `インフルエンザ　デモ県南保健所　${weekText(lastWeek)}`;
  await staff.getByRole('link', { name: title }).click();
  await expect(staff.getByRole('heading', { name: title })).toBeVisible();
  await expect(staff.locator('.alarm-method')).toHaveText('Farrington法（flexible）');
  await expect(staff.locator('.alarm-figures')).toContainText(/^8（上限値 \d+\.\d\d）$/);

  // The chart: the week without a report is the one pale band, over the whole height; the week
  // of no patients is a bar of height 0 beside its neighbours' bars of 1 or 2.
  const chart = staff.getByRole('img', { name: /インフルエンザ\sデモ県南保健所\s週別報告数と上限値/ });
  await expect(chart).toBeVisible();
  await expect(chart.locator('rect.alarm-bar, rect.alarm-gap')).toHaveCount(26);
  await expect(chart.locator('rect.alarm-gap')).toHaveCount(1);
  await expect(chartBar(chart, noReport)).toHaveClass('alarm-gap');
  await expect(chartBar(chart, noPatients)).toHaveClass('alarm-bar');
  await expect(chartBar(chart, noPatients)).toHaveAttribute('height', '0.0');
  await expect(chartBar(chart, noPatients - 1)).not.toHaveAttribute('height', '0.0');
  await expect(chartBar(chart, 0)).toHaveClass(/alarm-bar-this/);
  const gap = await chartBar(chart, noReport).boundingBox();
  const frame = await chart.boundingBox();
  expect(gap!.height, 'the band reaches far up the chart').toBeGreaterThan(frame!.height / 2);

  // The table says the same, week by week (newest first).
  const table = staff.getByRole('table').filter({ has: staff.getByRole('columnheader', { name: '上限値' }) });
  const row = (back: number) =>
    table.getByRole('row').filter({ has: staff.getByRole('rowheader', { name: weekText(weeksBefore(lastWeek, back)), exact: true }) });
  await expect(row(noReport).getByRole('cell').nth(0)).toHaveText('報告なし');
  await expect(row(noPatients).getByRole('cell').nth(0)).toHaveText('0');
  await expect(row(0).getByRole('cell').nth(0)).toHaveText('8');
  await expect(table.getByRole('cell', { name: '報告なし', exact: true })).toHaveCount(1);
  await expect(staff.locator('figure.alarm-chart .legend li', { hasText: '報告なし' })).toBeVisible();
  await expectNoSeriousViolations(staff, 'sentinel alarm page');
});

/** A method's parameter as the configuration page lists it: the value in the row named `name`. */
function parameter(detection: Locator, name: string): Locator {
  const page = detection.page();
  return detection
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name, exact: true }) })
    .getByRole('cell');
}

test('a national administrator reads which method runs on each disease, with its parameters', async ({ browser }) => {
  const admin = await signedIn(browser, demo.nationalAdmin);
  await admin.getByRole('link', { name: '異常検知の設定を見る' }).click();
  await expect(admin).toHaveURL(/\/alarms\/configuration$/);
  await expect(admin.getByRole('heading', { name: '異常検知の設定', level: 1 })).toBeVisible();

  const disease = (name: string) =>
    admin.locator('li.detection-disease').filter({ has: admin.getByRole('heading', { name, exact: true, level: 2 }) });
  // Measles: Farrington flexible at R's defaults by week of diagnosis, EARS C2 by week of onset.
  const measles = disease('麻しん').locator('details.detection');
  await expect(measles).toHaveCount(2);
  const farrington = measles.filter({ hasText: '全数届出（診断週）：Farrington法（flexible）' });
  await farrington.locator('summary').click();
  await expect(parameter(farrington, 'b')).toHaveText('5');
  await expect(parameter(farrington, 'w')).toHaveText('3');
  await expect(parameter(farrington, 'alpha')).toHaveText('0.05');
  await expect(parameter(farrington, 'population_offset')).toHaveText('false');
  const ears = measles.filter({ hasText: '全数届出（発病週）：EARS C2' });
  await ears.locator('summary').click();
  await expect(parameter(ears, 'min_sigma')).toHaveText('0.5');
  // Influenza of the sentinel reports: the rate per reporting site.
  const influenza = disease('インフルエンザ').locator('details.detection', { hasText: '定点報告（週報の患者数）' });
  await influenza.locator('summary').click();
  await expect(parameter(influenza, 'population_offset')).toHaveText('true');
  await expectNoSeriousViolations(admin, 'detection configuration');

  // A health center sees its alarms but not the configuration.
  const staff = await signedIn(browser, demo.hcSouth);
  await expect(staff.getByRole('link', { name: /^異常検知（未対応/ })).toBeVisible();
  await expect(staff.getByRole('link', { name: '異常検知の設定を見る' })).toHaveCount(0);
});
