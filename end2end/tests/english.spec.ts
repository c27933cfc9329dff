// English at phone size (issue 17): the app's wasm holds the Japanese of its texts only; their English
// (i18n/en.txt, written by the build) is fetched when English is chosen, or at start when it was, and
// the service worker keeps it after the filing path, so that English works offline after one visit.
// Japanese is the default; English typed into the disease search finds the disease in either language.
import { expect, test } from './fixtures/journey';
import { demo, phoneAfterFirstVisit, signedIn } from './fixtures/todoke';

test('English shows the UI, a form and its errors in English, though the wasm holds none of it', async ({ browser }) => {
  const doctor = await signedIn(browser, demo.doctor1);
  const index = await (await doctor.request.get('/')).text();
  const wasm = /(\/app-[0-9a-f]+_bg\.wasm)/.exec(index)?.[1];
  expect(wasm, 'index.html names the main wasm').toBeTruthy();
  const module = Buffer.from(await (await doctor.request.get(wasm!)).body()).toString('latin1');
  expect(module).not.toContain('Review what you entered');
  expect(module).not.toContain('Find a disease');

  // In Japanese, the English name finds the disease too (the search fetches the English table).
  await doctor.getByLabel('疾病名で探す').fill('Measles');
  await expect(doctor.locator('#disease-results').getByRole('link').first()).toHaveText('麻しん');

  await doctor.getByRole('button', { name: 'English' }).click();
  await expect(doctor.locator('html')).toHaveAttribute('lang', 'en');
  await expect(doctor.getByRole('button', { name: '日本語' })).toBeVisible();
  await doctor.getByLabel('Find a disease').fill('Measles');
  await doctor.getByRole('link', { name: 'Measles', exact: true }).click();
  await expect(doctor.getByLabel(/^Date of diagnosis/)).toBeVisible();
  await doctor.getByRole('button', { name: 'Review what you entered' }).click();
  await expect(doctor.locator('main')).toContainText('This item is required.');

  // Chosen once, English comes back at the next start.
  await doctor.reload();
  await expect(doctor.getByRole('button', { name: 'Review what you entered' })).toBeVisible();
  await doctor.getByRole('button', { name: '日本語' }).click();
  await expect(doctor.getByRole('button', { name: '入力内容を確認する' })).toBeVisible();
});

test('English works offline after one visit', async ({ browser }) => {
  // One visit to the login form, until the service worker controls the page (and so kept the table).
  const { context, phone } = await phoneAfterFirstVisit(browser);
  await context.setOffline(true);
  await phone.reload();
  await expect(phone.getByRole('heading', { name: 'ログイン', exact: true })).toBeVisible();
  await phone.getByRole('button', { name: 'English' }).click();
  await expect(phone.getByRole('heading', { name: 'Log in', exact: true })).toBeVisible();
  await expect(phone.getByLabel('User ID')).toBeVisible();
  await context.setOffline(false);
  await context.close();
});
