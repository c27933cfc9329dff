// Logging in with a second factor, first-login password change, forgotten password and the
// second-factor change, at phone size, with the codes read where a person would find them: the mail
// server (SMTP sink) or the SMS / voice gateway's records.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/journey';
import {
  codeSentBy,
  demo,
  enterCode,
  enterPassword,
  logIn,
  openPhone,
  passwordRule,
} from './fixtures/todoke';

/** Another six digits than `code`. */
function wrong(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}

test('login with a code sent by e-mail: a wrong code is refused, the right one logs in', async ({ browser }) => {
  const page = await openPhone(browser);
  const code = await enterPassword(page, demo.doctor1);

  await expect(page.getByRole('heading', { name: '確認コードの入力' })).toBeVisible();
  await expect(page.locator('main')).toContainText('確認コードをd');
  await expect(page.locator('main')).toContainText('@kita-clinic.todoke.invalidに送信しました（メール）');
  const input = page.getByLabel('確認コード', { exact: true });
  await expect(input).toHaveAttribute('inputmode', 'numeric');
  await expect(input).toHaveAttribute('autocomplete', 'one-time-code');

  await enterCode(page, wrong(code));
  await expect(page.getByRole('alert')).toContainText('確認コードが正しくありません。');
  await expect(page).toHaveURL(/\/login\/code/);

  // A code was sent a moment ago: the server asks to wait, and the button counts down.
  const resend = page.getByRole('button', { name: /コードを再送信/ });
  await resend.click();
  await expect(resend).toBeDisabled();
  await expect(resend).toHaveText(/コードを再送信（あと\d+秒）/);
  await expect(page.getByRole('alert')).toContainText('しばらく待ってから再送信してください。');

  await enterCode(page, code);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { name: '届出を作成' })).toBeVisible();

  // Back and forward neither log out nor show the used code step again (L-7).
  await page.goBack();
  await expect(page.getByRole('heading', { name: '届出を作成' })).toBeVisible();
  await expect(page).not.toHaveURL(/\/login/);
  await page.goForward();
  await expect(page.getByRole('heading', { name: '届出を作成' })).toBeVisible();
});

test('a reload on the code step keeps the login under way', async ({ browser }) => {
  const page = await openPhone(browser);
  const code = await enterPassword(page, demo.hcNorth);
  await page.reload();
  await expect(page).toHaveURL(/\/login\/code/);
  await expect(page.locator('main')).toContainText('（メール）');
  // Back to the password step and forward again: the same login, the same code.
  await page.goBack();
  await expect(page.getByLabel('ユーザID')).toBeVisible();
  await page.goForward();
  await enterCode(page, code);
  await expect(page.getByRole('heading', { name: '受信一覧' })).toBeVisible();
});

test('first login: the password must be changed, with the rules checked while typing', async ({ browser }) => {
  const page = await openPhone(browser);
  await logIn(page, demo.newDoctor);

  await expect(page).toHaveURL(/\/password$/);
  await expect(page.getByRole('heading', { name: 'パスワード変更' })).toBeVisible();
  await expect(page.locator('main')).toContainText('初回ログインのため');
  // Nothing else is reachable but logging out.
  await expect(page.getByRole('link', { name: '二要素認証の変更' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'ログアウト' })).toBeVisible();
  await page.goto('/notifications/new/measles');
  await expect(page).toHaveURL(/\/password$/);

  const submit = page.getByRole('button', { name: '変更する' });
  await page.getByLabel('現在のパスワード').fill(demo.newDoctor.password);
  await page.getByLabel('新しいパスワード', { exact: true }).fill('123aaa');
  const length = passwordRule(page, '8文字以上30文字以内');
  const repeated = passwordRule(page, '同じ文字を3つ以上続けない');
  await expect(length).toHaveAttribute('data-met', 'false');
  await expect(length).toContainText('満たしていません');
  await expect(repeated).toHaveAttribute('data-met', 'false');
  await expect(passwordRule(page, 'ユーザIDとは異なる')).toHaveAttribute('data-met', 'true');
  await expect(submit).toBeDisabled();

  // The common-password list is the server's alone (not in the app's download): a common password meets
  // every rule the browser checks, and the server's refusal names the one it broke.
  const common = passwordRule(page, 'よく使われているパスワード');
  await page.getByLabel('新しいパスワード', { exact: true }).fill('Password1');
  await page.getByLabel('新しいパスワード（確認）').fill('Password1');
  await expect(common).toHaveAttribute('data-met', 'true');
  await submit.click();
  await expect(page.getByRole('alert')).toContainText('このパスワードは使用できません。パスワードの条件を確認してください。');
  await expect(common).toHaveAttribute('data-met', 'false');
  await expect(submit).toBeDisabled();
  await page.getByLabel('新しいパスワード（確認）').fill('');

  const chosen = 'Kita#Mirai2026';
  await page.getByLabel('新しいパスワード', { exact: true }).fill(chosen);
  await expect(common).toHaveAttribute('data-met', 'true');
  await expect(length).toHaveAttribute('data-met', 'true');
  await expect(repeated).toHaveAttribute('data-met', 'true');
  await expect(page.locator('li[data-met="false"]')).toHaveCount(0);
  await page.getByLabel('新しいパスワード（確認）').fill('Kita#Mirai2025');
  await expect(page.locator('main')).toContainText('確認用のパスワードが一致しません。');
  await expect(submit).toBeDisabled();
  await page.getByLabel('新しいパスワード（確認）').fill(chosen);
  await expect(submit).toBeEnabled();
  await submit.click();

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('status').filter({ hasText: 'パスワードを変更しました。' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '届出を作成' })).toBeVisible();

  // The initial password no longer works; the new one does, without another forced change.
  await page.getByRole('button', { name: 'ログアウト' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('ユーザID').fill(demo.newDoctor.userId);
  await page.getByLabel('パスワード', { exact: true }).fill(demo.newDoctor.password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await expect(page.getByRole('alert')).toContainText('ユーザIDまたはパスワードが正しくありません。');
  await logIn(page, demo.newDoctor, chosen);
  await expect(page.getByRole('heading', { name: '届出を作成' })).toBeVisible();
});

test('a password near expiry is announced at home, and the change screen shows the rules the server refuses', async ({
  browser,
}) => {
  const page = await openPhone(browser);
  // The demo passwords are new; the server's answer is given an expiry date as it would near the end.
  await page.route('**/api/v1/me', async (route) => {
    const response = await route.fetch();
    if (!response.ok()) return route.fulfill({ response });
    const me = await response.json();
    await route.fulfill({ response, json: { ...me, password: { ...me.password, expires_on: '2026-12-24' } } });
  });
  await logIn(page, demo.hcNorth);
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'パスワードの有効期限は2026年12月24日です。' })).toBeVisible();
  await page.getByRole('link', { name: 'パスワードを変更する' }).click();
  await expect(page).toHaveURL(/\/password$/);
  await expect(page.locator('main')).not.toContainText('変更するまで他の画面は利用できません');

  // The server may know more than the browser (here: a password it finds too common).
  await page.route('**/api/v1/me/password', (route) =>
    route.fulfill({
      status: 422,
      json: { code: 'password_rejected', message: 'このパスワードは使用できません。', password_rules: ['too_common'] },
    }),
  );
  await page.getByLabel('現在のパスワード').fill(demo.hcNorth.password);
  await page.getByLabel('新しいパスワード', { exact: true }).fill('Hoken#North9');
  await page.getByLabel('新しいパスワード（確認）').fill('Hoken#North9');
  const common = passwordRule(page, 'よく使われているパスワード');
  await expect(common).toHaveAttribute('data-met', 'true');
  await page.getByRole('button', { name: '変更する' }).click();
  await expect(page.getByRole('alert')).toContainText('このパスワードは使用できません。パスワードの条件を確認してください。');
  await expect(common).toHaveAttribute('data-met', 'false');
  await expect(page.getByRole('button', { name: '変更する' })).toBeDisabled();
  // Another password is checked afresh.
  await page.getByLabel('新しいパスワード', { exact: true }).fill('Hoken#North8');
  await expect(common).toHaveAttribute('data-met', 'true');

  await page.getByRole('link', { name: 'キャンセル' }).click();
  await expect(page.getByRole('heading', { name: '受信一覧' })).toBeVisible();
});

test('a forgotten password is reset with a code sent by SMS', async ({ browser }) => {
  const page = await openPhone(browser);
  await page.getByRole('link', { name: 'パスワードを忘れた場合' }).click();
  await expect(page).toHaveURL(/\/password-reset$/);

  // An unknown user ID gets the same answer, so IDs cannot be probed.
  await page.getByLabel('ユーザID').fill('no-such-user');
  await page.getByRole('button', { name: '確認コードを送信' }).click();
  await expect(page.locator('main')).toContainText('ユーザIDが登録されている場合は');
  await page.getByRole('button', { name: 'ユーザIDを入力し直す' }).click();

  await page.getByLabel('ユーザID').fill(demo.doctor2.userId);
  const code = await codeSentBy(demo.doctor2.codeTo, async () => {
    await page.getByRole('button', { name: '確認コードを送信' }).click();
    await expect(page.locator('main')).toContainText('ユーザIDが登録されている場合は');
  });

  const chosen = 'Nankai#Byoin26';
  await page.getByLabel('確認コード', { exact: true }).fill(code);
  await page.getByLabel('新しいパスワード', { exact: true }).fill('doctor2');
  await expect(passwordRule(page, 'ユーザIDとは異なる')).toHaveAttribute('data-met', 'false');
  await page.getByLabel('新しいパスワード', { exact: true }).fill(chosen);
  await page.getByLabel('新しいパスワード（確認）').fill(chosen);
  await expect(page.locator('li[data-met="false"]')).toHaveCount(0);
  await page.getByRole('button', { name: 'パスワードを再設定する' }).click();

  await expect(page).toHaveURL(/\/login$/);
  await expect(page.locator('main')).toContainText('パスワードを再設定しました。');
  await logIn(page, demo.doctor2, chosen);
  await expect(page.getByRole('heading', { name: '届出を作成' })).toBeVisible();
});

test('the second factor changes only once the code sent to the new number is confirmed', async ({ browser }) => {
  const page = await openPhone(browser);
  await logIn(page, demo.doctor1);
  await page.getByRole('link', { name: '二要素認証の変更' }).click();
  await expect(page).toHaveURL(/\/settings\/second-factor$/);
  await expect(page.locator('main')).toContainText('メール（d');

  await page.getByRole('radio', { name: 'SMS' }).check();
  // Not a Japanese number: said at once, by the same rule (domain::phone) the server applies.
  await page.getByLabel('電話番号').fill('+1 415 555 0100');
  await page.getByRole('button', { name: '確認コードを送信' }).click();
  await expect(page.getByRole('alert')).toContainText('海外の電話番号は登録できません。');

  const newNumber = '090-1234-1001';
  await page.getByLabel('電話番号').fill(newNumber);
  const code = await codeSentBy(newNumber, async () => {
    await page.getByRole('button', { name: '確認コードを送信' }).click();
    await expect(page.locator('main')).toContainText('確認コードを•••••••1001に送信しました（SMS）');
  });
  // Until the code is confirmed, the setting in force is still e-mail.
  expect((await (await page.request.get('/api/v1/me')).json()).second_factor.method).toBe('email');
  await enterWrongThenRight(page, code);

  await expect(page.getByRole('status').filter({ hasText: '二要素認証の設定を変更しました。' })).toBeVisible();
  await expect(page.locator('main')).toContainText('SMS（•••••••1001）');

  // The next login sends its code to the new number.
  await page.getByRole('button', { name: 'ログアウト' }).click();
  await expect(page).toHaveURL(/\/login/);
  await logIn(page, { ...demo.doctor1, codeTo: newNumber });
  await expect(page.getByRole('heading', { name: '届出を作成' })).toBeVisible();

  // Back to e-mail at the demo address, as the other journeys expect.
  await page.getByRole('link', { name: '二要素認証の変更' }).click();
  await page.getByRole('radio', { name: 'メール' }).check();
  await page.getByLabel('メールアドレス').fill(demo.doctor1.codeTo);
  const mailCode = await codeSentBy(demo.doctor1.codeTo, async () => {
    await page.getByRole('button', { name: '確認コードを送信' }).click();
    await expect(page.locator('main')).toContainText('（メール）');
  });
  await page.getByLabel('確認コード', { exact: true }).fill(mailCode);
  await page.getByRole('button', { name: '変更する' }).click();
  await expect(page.getByRole('status').filter({ hasText: '二要素認証の設定を変更しました。' })).toBeVisible();
});

async function enterWrongThenRight(page: Page, code: string) {
  await page.getByLabel('確認コード', { exact: true }).fill(wrong(code));
  await page.getByRole('button', { name: '変更する' }).click();
  await expect(page.getByRole('alert')).toContainText('確認コードが正しくありません。');
  await page.getByLabel('確認コード', { exact: true }).fill(code);
  await page.getByRole('button', { name: '変更する' }).click();
}
