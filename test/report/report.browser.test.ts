import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildReportModel } from '../../src/report/build-report-model.js';
import { writeReport } from '../../src/report/write-report.js';
import { describeWithTool } from '../helpers/require-tool.js';
import { loadSmallStudy } from './small-study.js';
import { COMPARE_DESIGN, hostileArms } from './sequential-fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const OUT = fileURLToPath(new URL('../../test-output/report/', import.meta.url));
const chromiumTool = {
  name: `Chromium (${CHROMIUM})`,
  available: existsSync(CHROMIUM),
  install: 'apt-get install chromium',
};

/**
 * Opens index.html from file:// in headless Debian Chromium: charts rendered, no console
 * errors, no network, hostile model outputs shown as text and never run. Leaves a full-page
 * screenshot at test-output/report/index.png for people to look at.
 * Without /usr/bin/chromium (`apt-get install chromium`; .ci/run installs it) the suite is skipped, and
 * fails under CI=true (test/helpers/require-tool.ts).
 */
describeWithTool(chromiumTool, 'report in a browser', () => {
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  let chartIds: string[] = [];

  beforeAll(async () => {
    // With a sequential record whose arm names are hostile: the section must show them as text.
    const input = { ...(await loadSmallStudy()), sequential: { record: hostileArms, design: COMPARE_DESIGN } };
    const written = await writeReport(buildReportModel(input), OUT);
    chartIds = written.files
      .filter((f) => f.endsWith('.vl.json'))
      .map((f) => f.slice('charts/'.length, -'.vl.json'.length));
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    await page.goto(pathToFileURL(join(OUT, 'index.html')).href, { waitUntil: 'load' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('renders every chart as a non-empty inline SVG', async () => {
    expect(chartIds.length).toBeGreaterThanOrEqual(8);
    for (const id of chartIds) {
      const marks = await page.locator(`#chart-${id} svg .role-mark > *`).count();
      expect(marks, `chart ${id} has marks`).toBeGreaterThan(0);
      const box = await page.locator(`#chart-${id} svg`).boundingBox();
      expect(box!.width * box!.height, `chart ${id} has a size`).toBeGreaterThan(10_000);
    }
  });

  it('shows the training-loss curves: a line per seed, the mean, and the band', async () => {
    const chart = page.locator('#chart-train-loss svg');
    await expect.poll(() => chart.count()).toBe(1);
    // 8 seed lines + 2 mean lines (line marks) and 2 band areas (area marks), one per arm.
    expect(await chart.locator('.mark-line path').count()).toBeGreaterThanOrEqual(10);
    expect(await chart.locator('.mark-area path').count()).toBe(2);
    expect(await page.locator('#chart-train-loss figcaption').textContent()).toMatch(/lowest to highest seed/);
  });

  it('shows the val-loss band around the mean over seeds', async () => {
    const chart = page.locator('#chart-val-loss svg');
    expect(await chart.locator('.mark-area path').count()).toBe(2);
    expect(await chart.locator('.mark-line path').count()).toBeGreaterThanOrEqual(10);
    expect(await chart.textContent()).toMatch(/band: min–max over seeds/);
  });

  it('shows the checkpoint-selection section: final vs best-val vs oracle per seed, optimism, val loss vs eval', async () => {
    const section = page.locator('#checkpoint-selection');
    expect(await section.isVisible()).toBe(true);
    const text = (await section.textContent())!;
    expect(text).toMatch(/flatters? arm baseline by about \d+\.\d points/);
    expect(text).toMatch(
      /Choosing the checkpoint by val loss found the eval-best one for 3 of 4 seeds of arm baseline/,
    );
    expect(text).toMatch(/Within a seed of arm shuffled, checkpoints with lower val loss score higher on the eval/);
    expect(await section.locator('#chart-checkpoint-selection svg .role-mark > *').count()).toBeGreaterThan(0);
    const rows = await section.locator('table tbody tr').count();
    expect(rows).toBe(8);
    expect(await page.locator('nav.toc a[href="#checkpoint-selection"]').count()).toBe(1);
  });

  it('opens every verdict with its plain sentence in bold, the numbers after it', async () => {
    const plain = await page.locator('#verdicts ul.verdicts li > b').allTextContents();
    expect(plain).toHaveLength(5);
    for (const p of plain) expect(p).not.toMatch(/\bp\s*=|\bCI\b|\bPI\b|Welch|σ/);
  });

  it('shows the sequential design section: the decision first, the chart, the table of looks', async () => {
    const section = page.locator('#sequential');
    expect(await section.isVisible()).toBe(true);
    const plain = await section.locator('ul.verdicts li > b').allTextContents();
    expect(plain).toEqual([
      'Stopped after 10 seeds per arm: arm <script>alert(1)</script> scores higher than arm b*|x, and the evidence crossed the pre-registered bar at the second of four looks.',
    ]);
    expect(await section.locator('#chart-sequential-looks svg .role-mark > *').count()).toBeGreaterThan(0);
    expect(await section.locator('table tbody tr').count()).toBe(2);
    expect(await page.locator('nav.toc a[href="#sequential"]').count()).toBe(1);
  });

  it('makes no network request other than the file itself and logs no console error', () => {
    expect(requests).toEqual([pathToFileURL(join(OUT, 'index.html')).href]);
    expect(consoleErrors).toEqual([]);
  });

  it('shows hostile model outputs as text and never runs them', async () => {
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await page.title()).toBe('Variance report: small-study');
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('textarea').count()).toBe(0);
    const pres = await page.locator('#drilldown pre').allTextContents();
    expect(pres.some((t) => t.includes('<script>window.__pwned = 1; document.title = "pwned";</script>'))).toBe(true);
    expect(pres.some((t) => t.includes('</textarea><img src=x onerror="window.__pwned = 2">'))).toBe(true);
    expect(pres.some((t) => t.includes('</pre><script>window.__pwned = 3</script>'))).toBe(true);
    expect(await page.locator('text=git & <vcs>').count()).toBeGreaterThan(0);
  });

  it('shows a tooltip for a chart mark', async () => {
    const dot = page.locator('#chart-seed-distribution svg [role="graphics-symbol"][aria-label*="seed"]').first();
    await dot.hover({ force: true });
    await expect.poll(() => page.locator('#tip').isVisible()).toBe(true);
    expect(await page.locator('#tip').textContent()).toMatch(/seed: \d/);
    await page.mouse.move(0, 0);
  });

  it('writes a full-page screenshot for review', async () => {
    await mkdir(OUT, { recursive: true });
    await page.screenshot({ path: join(OUT, 'index.png'), fullPage: true });
    expect(existsSync(join(OUT, 'index.png'))).toBe(true);
  });
});
