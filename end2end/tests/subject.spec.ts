// The health-observation subject's page (issue 19) on a phone: a health center starts the observation
// of a contact and sends the link by SMS (through the API: the staff screens are another issue's); the
// subject opens the link read from the SMS sink, confirms their birth date, reports a fever, loses the
// connection while sending the next report and sees it sent when the connection returns; the health
// center's follow-up list shows the fever.
import { randomUUID } from 'node:crypto';
import type { APIRequestContext, Browser } from '@playwright/test';
import { expect, test } from './fixtures/journey';
import { demo, expectNoSeriousViolations, measlesNotification, messagesTo, signedIn } from './fixtures/todoke';

/** Yesterday in Japan, as an ISO date. */
function yesterdayInJapan(): string {
  return new Date(Date.now() + 9 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
}

async function created(api: APIRequestContext, path: string, data: object): Promise<{ [key: string]: any }> {
  const response = await api.post(`/api/v1${path}`, { data });
  expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(300);
  return response.json();
}

/** A contact of a measles case under observation (temperature, rash, free text), sent its SMS link. */
async function observedContact(browser: Browser, mobile: string): Promise<string> {
  const doctor = (await signedIn(browser, demo.doctor1)).context().request;
  const id = randomUUID();
  const filed = await doctor.put(`/api/v1/notifications/${id}`, { data: measlesNotification });
  expect(filed.status(), await filed.text()).toBe(201);
  const north = (await signedIn(browser, demo.hcNorth)).context().request;
  await created(north, `/notifications/${id}/accept`, {});
  const opened = await created(north, `/notifications/${id}/case`, {});
  const contact = await created(north, `/cases/${opened.case.id}/contacts`, {
    name: '山田 花子', relation: 'household', contact_type: 'close', last_exposure: yesterdayInJapan(),
    birth_date: '1990-04-01', phone: mobile,
  });
  const items = { temperature: true, symptoms: ['rash'], free_text: true };
  const started = await created(north, '/observations', { contact_id: contact.id, items });
  await created(north, `/observations/${started.observation.id}/link`, { channel: 'sms' });
  return started.observation.id;
}

test('a subject opens the SMS link, confirms, reports a fever, and a report sent offline arrives later', async ({ browser }) => {
  const mobile = `090${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const observation = await observedContact(browser, mobile);
  let sms = '';
  await expect.poll(async () => (sms = (await messagesTo(mobile)).pop()?.text ?? '')).toContain('/o/');
  const link = /https?:\/\/\S+\/o\/[A-Za-z0-9_-]+/.exec(sms)![0];

  // The subject's own phone: no session, no app.
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const phone = await context.newPage();
  await phone.goto(link);
  await expect(phone.getByRole('heading', { level: 1 })).toContainText('健康観察');
  await phone.getByLabel('生年月日').fill('1990-04-02');
  await phone.getByRole('button', { name: '確認する' }).click();
  await expect(phone.getByRole('alert')).toContainText('生年月日が一致しません');
  await phone.getByLabel('生年月日').fill('1990-04-01');
  await phone.getByRole('button', { name: '確認する' }).click();

  await expect(phone.getByRole('heading', { name: /今日の報告/ })).toBeVisible();
  await expect(phone.getByText('まだ報告はありません。')).toBeVisible();
  await expectNoSeriousViolations(phone, 'the subject page');
  await phone.getByLabel('体温').fill('38.4');
  await phone.getByLabel('発しん').check();
  await phone.getByLabel('その他、気になること').fill('のどが痛い');
  await phone.getByRole('button', { name: '送信する' }).click();
  await expect(phone.getByRole('status').filter({ hasText: '本日の報告を受け付けました' })).toBeVisible();
  await expect(phone.locator('.history li')).toHaveCount(1);
  await expect(phone.locator('.history li').first()).toContainText('38.4 ℃');

  // No connection while sending the correction: kept on the phone, sent when the connection returns.
  await context.setOffline(true);
  await phone.getByLabel('体温').fill('37.9');
  await phone.getByRole('button', { name: '送信する' }).click();
  await expect(phone.locator('#unsent')).toBeVisible();
  await context.setOffline(false);
  await expect(phone.locator('.history li')).toHaveCount(2);
  await expect(phone.locator('.history li').first()).toContainText('37.9 ℃');

  // Legible at the narrowest phone: nothing wider than the screen.
  await phone.setViewportSize({ width: 320, height: 640 });
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

  const north = (await signedIn(browser, demo.hcNorth)).context().request;
  const list = await (await north.get('/api/v1/observations/follow-up')).json();
  const row = list.rows.find((r: { observation: { id: string } }) => r.observation.id === observation);
  expect(row.fever).toBe(true);
  await context.close();
});
