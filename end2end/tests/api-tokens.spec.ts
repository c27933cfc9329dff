// Personal API tokens (issue 20): a doctor makes a token on the settings screen, sees it once, an EMR
// system (a cookie-less client) files with it and the list then shows its last use; revoked, the token
// is refused with the typed 401.
import { randomUUID } from 'node:crypto';
import { request } from '@playwright/test';
import { expect, test } from './fixtures/journey';
import { baseURL } from '../support/ports';
import { demo, logIn, measlesNotification as measles } from './fixtures/todoke';

test('a doctor makes a token, an EMR system files with it, and the doctor revokes it', async ({ page }) => {
  await page.goto('/');
  await logIn(page, demo.doctor1);
  await page.getByRole('link', { name: 'APIトークン' }).click();
  const section = page.getByRole('region', { name: 'APIトークン' });
  await section.getByLabel('用途（システム名など）').fill('電子カルテ');
  await section.getByRole('button', { name: 'トークンを発行' }).click();
  const shown = section.locator('code.api-token');
  await expect(shown).toHaveText(/^todoke_/);
  const token = (await shown.textContent()) ?? '';
  await expect(section.locator('.api-token-row')).toContainText('未使用');

  const emr = await request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const filed = await emr.put(`/api/v1/notifications/${randomUUID()}`, { data: measles });
  expect(filed.status(), await filed.text()).toBe(201);

  // Drawn again, the page lists the token with its last use and no longer shows the token itself.
  await page.reload();
  const row = section.locator('.api-token-row');
  await expect(row).toContainText('電子カルテ');
  await expect(row.locator('.badge')).toHaveText('有効');
  await expect(row).not.toContainText('未使用');
  await expect(section.locator('code.api-token')).toHaveCount(0);

  await row.getByRole('button', { name: '取り消す' }).click();
  await expect(row.locator('.badge')).toHaveText('取消済み');
  const refused = await emr.put(`/api/v1/notifications/${randomUUID()}`, { data: measles });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).code).toBe('invalid_api_token');
  await emr.dispose();
});
