// A benchmark, not a test (left out of the suite unless E2E_BENCH=1; scripts/pwa-figures.sh runs it): how long the
// sync engine takes to deliver 100 queued notifications to a server on loopback. The queue is put
// into IndexedDB the way the app writes it (sealed with the user's key), then the app is reloaded
// online and the server is polled until it holds all 100.
import { expect, test } from './fixtures/journey';
import { demo, logIn } from './fixtures/todoke';

const QUEUED = 100;

test('sync of 100 queued notifications', async ({ browser }) => {
  test.setTimeout(300_000);
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto('/');
  await logIn(page, demo.doctor1);
  await expect(page.getByRole('heading', { name: 'この端末の届出' })).toBeVisible();
  const count = async () => ((await (await page.request.get('/api/v1/notifications')).json()) as unknown[]).length;
  const before = await count();

  await context.setOffline(true);
  await page.evaluate(async ({ owner, queued }) => {
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      const request = indexedDB.open('todoke-offline');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const get = (store: string, key: string): Promise<any> =>
      new Promise((resolve) => {
        const request = db.transaction(store).objectStore(store).get(key);
        request.onsuccess = () => resolve(request.result);
      });
    let key: CryptoKey = (await get('keys', owner))?.key;
    if (!key) {
      key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
      db.transaction('keys', 'readwrite').objectStore('keys').add({ owner, key });
    }
    const answers = {
      case_type: 'lab_confirmed', patient_name: '北町 ベンチ', patient_sex: 'female', patient_birth_date: '2020-05-01',
      patient_age: '6', patient_address: 'デモ県北町1-2-3', symptoms: ['fever', 'rash', 'koplik_spots'],
      diagnosis_methods: ['pcr'], first_visit_date: '2026-10-30', diagnosis_date: '2026-10-31', onset_date: '2026-10-28',
      outcome: 'alive', infection_route: 'airborne', infection_area: 'domestic', vaccination_1: 'no', vaccination_2: 'no',
    };
    const plain = new TextEncoder().encode(JSON.stringify({ answers, problem: null }));
    const now = Date.now();
    const records = [];
    for (let i = 0; i < queued; i++) {
      const id = crypto.randomUUID();
      const idBytes = new Uint8Array(id.replace(/-/g, '').match(/../g)!.map((hex) => parseInt(hex, 16)));
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: idBytes }, key, plain));
      const meta = { disease: 'measles', state: { state: 'queued', attempts: 0, next_try_ms: 0 }, created_ms: now + i, updated_ms: now };
      records.push({ id, owner, meta: JSON.stringify(meta), iv, sealed });
    }
    const transaction = db.transaction('owned_items', 'readwrite');
    for (const record of records) transaction.objectStore('owned_items').put(record);
    await new Promise((resolve) => (transaction.oncomplete = resolve));
    db.close();
  }, { owner: demo.doctor1.userId, queued: QUEUED });

  await context.setOffline(false);
  const start = Date.now();
  await page.reload();
  await expect.poll(count, { timeout: 240_000, intervals: [100] }).toBe(before + QUEUED);
  const seconds = (Date.now() - start) / 1000;
  console.log(`sync of ${QUEUED} queued notifications: ${seconds.toFixed(1)} s from reload (${(seconds * 1000 / QUEUED).toFixed(0)} ms each)`);
  await context.close();
});
