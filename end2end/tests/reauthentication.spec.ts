// Re-authentication (issue 12, NIST SP 800-63B authenticator binding): a session whose last proof of
// identity is older than the 5-minute window is asked for the current password before it registers a
// passkey or changes the second factor, and can do both once it is given. Time passing is simulated in
// the server's database (ageIdentityChecks); the virtual authenticator stands in for the phone.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/journey';
import { ageIdentityChecks, codeSentBy, demo, logIn, virtualAuthenticator } from './fixtures/todoke';

const who = demo.vet1;

async function expectPasswordAsked(page: Page) {
  const prompt = page.getByRole('region', { name: '本人確認' });
  await expect(prompt).toBeVisible();
  await expect(prompt).toContainText('現在のパスワードを入力してください。');
  return prompt;
}

async function confirmPassword(page: Page, password: string) {
  const prompt = page.getByRole('region', { name: '本人確認' });
  await prompt.getByLabel('現在のパスワード').fill(password);
  await prompt.getByRole('button', { name: '確認', exact: true }).click();
}

test('a session left open gives the password again before it binds a passkey or a new second factor', async ({
  page,
}) => {
  const { cdp, authenticatorId } = await virtualAuthenticator(page);
  await page.goto('/');
  await logIn(page, who);
  await page.getByRole('link', { name: '二要素認証の変更' }).click();
  await expect(page).toHaveURL(/\/settings\/second-factor$/);
  await expect(page.locator('main')).toContainText('登録済みのパスキー: 0');

  // Six minutes later: registering a passkey asks for the password, and registers nothing yet.
  ageIdentityChecks(who, 6);
  await page.getByRole('button', { name: 'パスキーを登録' }).click();
  await expectPasswordAsked(page);
  expect((await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials).toHaveLength(0);
  await expect(page.getByRole('alert')).toHaveCount(0);

  // A wrong password is refused and the prompt stays; the right one lets the user try again.
  await confirmPassword(page, 'Wrong#Pass123');
  await expect(page.getByRole('alert')).toContainText('パスワード');
  await expectPasswordAsked(page);
  // The journeys share one client address, whose login throttle may ask for a short wait after the
  // wrong password (「もう一度お試しいただけます」): the user tries again, as the message says.
  await expect(async () => {
    await confirmPassword(page, who.password);
    await expect(page.getByRole('status').filter({ hasText: '本人確認ができました。' })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByRole('region', { name: '本人確認' })).toHaveCount(0);
  await page.getByRole('button', { name: 'パスキーを登録' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'パスキーを登録しました。' })).toBeVisible();
  await expect(page.locator('main')).toContainText('登録済みのパスキー: 1');
  expect((await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials).toHaveLength(1);

  // The confirmation too grows old: changing the second factor asks again, then sends the code.
  ageIdentityChecks(who, 6);
  const newNumber = '090-1234-2001';
  await page.getByRole('radio', { name: 'SMS' }).check();
  await page.getByLabel('電話番号').fill(newNumber);
  await page.getByRole('button', { name: '確認コードを送信' }).click();
  await expectPasswordAsked(page);
  await confirmPassword(page, who.password);
  await expect(page.getByRole('status').filter({ hasText: '本人確認ができました。' })).toBeVisible();
  await codeSentBy(newNumber, async () => {
    await page.getByRole('button', { name: '確認コードを送信' }).click();
    await expect(page.locator('main')).toContainText('確認コードを•••••••2001に送信しました（SMS）');
  });
  // Not confirmed with the code, so the second factor in force is still the demo address.
  expect((await (await page.request.get('/api/v1/me')).json()).second_factor.method).toBe('email');
});
