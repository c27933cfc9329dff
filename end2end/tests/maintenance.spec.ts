// Maintenance stops (P-1) at phone size: the national administrator starts a stop while a doctor is
// filing. The doctor's send is refused (503 `maintenance`), the app shows the operator's message and
// keeps the notification on the device (送信待ち), retrying by itself; the stop ends, and the
// notification is sent exactly once and its receipt shows.
import { expect, test } from './fixtures/journey';
import { demo, fillMeaslesForm, openForm, receiptNumberPattern, sendForm, signedIn } from './fixtures/todoke';

const MESSAGE = 'システム更新のため停止しています（E2E）。';

test('a notification sent during a stop waits on the device and is sent once after it', async ({ browser }) => {
  test.setTimeout(120_000);
  const national = (await signedIn(browser, demo.nationalAdmin)).context().request;
  // The doctor's phone: its own IndexedDB, no service worker, so that every PUT is seen here.
  const session = await (await signedIn(browser, demo.doctor1)).context().storageState();
  const context = await browser.newContext({ serviceWorkers: 'block', storageState: session });
  const page = await context.newPage();
  const puts: number[] = [];
  page.on('response', (response) => {
    if (response.request().method() === 'PUT' && /\/api\/v1\/notifications\/[^/]+$/.test(response.url())) {
      puts.push(response.status());
    }
  });
  await page.goto('/');
  const filedBefore = ((await (await page.request.get('/api/v1/notifications')).json()) as unknown[]).length;

  await openForm(page, '麻しん');
  await fillMeaslesForm(page, { patientName: '北町 夏子' });
  const started = await national.post('/api/v1/admin/maintenance', { data: { message: MESSAGE } });
  expect(started.status(), await started.text()).toBe(201);
  const stop = (await started.json()) as { id: string };

  await sendForm(page);
  await expect(page.getByText('送信待ちにしました')).toBeVisible();
  const banner = page.getByRole('alert').filter({ hasText: MESSAGE });
  await expect(banner).toBeVisible({ timeout: 20_000 });
  await expect(banner).toContainText('メンテナンスのため停止しています');
  const item = page.locator('.device-work').getByRole('listitem');
  await expect(item).toContainText('送信待ち');
  // The outbox tries again during the stop (backoff of seconds) and is refused each time.
  await expect.poll(() => puts.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  expect(puts.every((status) => status === 503)).toBeTruthy();

  const ended = await national.post(`/api/v1/admin/maintenance/${stop.id}/end`);
  expect(ended.status()).toBe(204);
  await expect(item).toContainText('受付済', { timeout: 45_000 });
  await expect(item).toContainText(receiptNumberPattern);
  await expect(banner).toBeHidden({ timeout: 20_000 });
  expect(puts.filter((status) => status === 201)).toHaveLength(1);
  const filed = (await (await page.request.get('/api/v1/notifications')).json()) as unknown[];
  expect(filed.length).toBe(filedBefore + 1);
  await context.close();
});
