// Passkeys instead of the one-time code, with Chromium's virtual authenticator (CDP WebAuthn domain)
// standing in for the phone's screen lock: registered from the settings, then used at the next login.
// The credential lives in the authenticator of this page, so registration and login share the page.
import { expect, test } from './fixtures/journey';
import { demo, enterPassword, logIn, virtualAuthenticator } from './fixtures/todoke';

test('a passkey registered in the settings replaces the code at the next login', async ({ page }) => {
  const { cdp, authenticatorId } = await virtualAuthenticator(page);
  await page.goto('/');
  await logIn(page, demo.hcNorth);
  await expect(page.getByRole('heading', { name: '受信一覧' })).toBeVisible();

  await page.getByRole('link', { name: '二要素認証の変更' }).click();
  await expect(page.locator('main')).toContainText('登録済みのパスキー: 0');
  await page.getByRole('button', { name: 'パスキーを登録' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'パスキーを登録しました。' })).toBeVisible();
  await expect(page.locator('main')).toContainText('登録済みのパスキー: 1');
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  expect(credentials).toHaveLength(1);

  // The same authenticator again: the browser refuses (the server excludes known credentials), calmly.
  await page.getByRole('button', { name: 'パスキーを登録' }).click();
  await expect(page.getByRole('alert')).toContainText('この端末のパスキーは登録済みです。');
  await expect(page.locator('main')).toContainText('登録済みのパスキー: 1');

  await page.getByRole('button', { name: 'ログアウト' }).click();
  await expect(page).toHaveURL(/\/login/);
  // The password still comes first (a code is sent too); the passkey then stands in for the code.
  await enterPassword(page, demo.hcNorth);
  // The user does not confirm on the device: nothing happens but a calm note; the code still works.
  await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: false });
  await page.getByRole('button', { name: 'パスキーでログイン' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'パスキーの操作を中止しました。' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: true });
  await page.getByRole('button', { name: 'パスキーでログイン' }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.getByRole('heading', { name: '受信一覧' })).toBeVisible();
});

test('the code step offers no passkey to an account without one', async ({ page }) => {
  await page.goto('/');
  await enterPassword(page, demo.doctor1);
  await expect(page.getByRole('heading', { name: '確認コードの入力' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'パスキーでログイン' })).toHaveCount(0);
});
