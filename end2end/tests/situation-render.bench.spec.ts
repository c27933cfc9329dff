// A benchmark, not a test (left out of the suite unless E2E_BENCH=1; docs/performance.md says how it is
// run): how long the situation dashboard takes to draw once its figures have arrived, on a phone-sized
// Chromium (390 × 844) whose CPU the DevTools protocol slows 4×. The network is not slowed: the
// figures' transfer is not what is measured. The prefecture's staff opens /situation from the home
// screen (the app already loaded) five times; for each of the curve, the week, the map and the
// prefecture's areas it prints the time from the end of its answer (Resource Timing's responseEnd) to
// the first moment its drawing is in the document (a MutationObserver installed before the app runs),
// and the dashboard's whole: the last drawing after the last answer. The curve has its 53 weeks and the
// map its 47 tiles whatever the database holds; `todoke-server seed-demo-history` gives the bars height.
// Prints; asserts nothing about the times.
import { expect, test } from './fixtures/journey';
import { prefDemo, signedIn } from './fixtures/todoke';

const CPU_SLOWDOWN = 4;
const RUNS = 5;

/** Each part of the dashboard: the API answer it is drawn from and what is in the document once drawn. */
const PARTS = [
  { name: 'curve', api: '/api/v1/situation/curve', drawn: 'figure.epi-curve svg rect, figure.epi-curve svg polyline' },
  { name: 'week', api: '/api/v1/situation/week', drawn: 'section.situation-week' },
  { name: 'map', api: '/api/v1/situation/map', drawn: 'figure.tile-map .tile' },
  { name: 'areas', api: '/api/v1/situation/areas', drawn: 'ul.area-list a' },
] as const;

declare global {
  interface Window {
    drawnAt?: Record<string, number>;
  }
}

test('first render of the situation dashboard on a throttled phone', async ({ browser }) => {
  test.setTimeout(600_000);
  const page = await signedIn(browser, prefDemo);
  const selectors = Object.fromEntries(PARTS.map((part) => [part.name, part.drawn]));
  // Runs in the page before the app on every navigation; records when each part first appears.
  await page.addInitScript((selectors: Record<string, string>) => {
    window.drawnAt = {};
    const look = () => {
      for (const [name, selector] of Object.entries(selectors)) {
        if (window.drawnAt![name] === undefined && document.querySelector(selector)) {
          window.drawnAt![name] = performance.now();
        }
      }
    };
    new MutationObserver(look).observe(document, { childList: true, subtree: true, attributes: true });
  }, selectors);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });

  const totals: number[] = [];
  for (let run = 1; run <= RUNS; run++) {
    // A fresh document each run (the app starts from the home screen, its files cached), then the
    // dashboard through the home screen's link, as staff open it.
    await page.goto('/');
    await page.getByRole('link', { name: '発生状況（流行曲線・地図）を見る' }).click();
    await expect(page.locator('.tile')).toHaveCount(47, { timeout: 120_000 });
    await expect(page.locator('ul.area-list a').first()).toBeVisible({ timeout: 120_000 });
    await expect(page.locator('section.situation-week')).toBeVisible({ timeout: 120_000 });
    const times = await page.evaluate((parts) => {
      const answers = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      return parts.map((part) => {
        const answer = answers.filter((entry) => new URL(entry.name).pathname === part.api).at(-1);
        return { name: part.name, arrived: answer?.responseEnd ?? NaN, drawn: window.drawnAt?.[part.name] ?? NaN };
      });
    }, PARTS.map(({ name, api }) => ({ name, api })));
    const lastArrived = Math.max(...times.map((time) => time.arrived));
    const lastDrawn = Math.max(...times.map((time) => time.drawn));
    totals.push(lastDrawn - lastArrived);
    const parts = times.map((time) => `${time.name} ${(time.drawn - time.arrived).toFixed(0)} ms`).join(', ');
    console.log(`run ${run}: dashboard drawn ${(lastDrawn - lastArrived).toFixed(0)} ms after its last answer (${parts})`);
  }
  const sorted = [...totals].sort((a, b) => a - b);
  console.log(
    `situation dashboard, ${CPU_SLOWDOWN}× CPU, 390 × 844: median ${sorted[Math.floor(RUNS / 2)].toFixed(0)} ms, ` +
      `worst ${sorted[RUNS - 1].toFixed(0)} ms after the data arrived`,
  );
});
