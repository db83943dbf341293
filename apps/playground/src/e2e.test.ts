/**
 * The playground in a real browser: headless Chromium (the system's, through
 * `@oversample/chromium`) opens the built app from `vite preview`, and what the page shows is
 * checked against the same computation run here in Node. Screenshots go to `screenshots/`.
 * Needs `pnpm --filter @oversample/playground build` first (turbo runs it before `test`).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '@oversample/chromium';
import { parseCsv } from '@oversample/data';
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareData, runColumn } from './pipeline';
import { parseState } from './state';
import { formatScore } from './tables-view';
import { toyDataset } from './toy-sets';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const shots = join(appDir, 'screenshots');
// Generous: CI machines and this shared one can be very busy; nothing here measures speed.
const WAIT = 240_000;

let server: PreviewServer;
let browser: Browser;
let base: string;

beforeAll(async () => {
  if (!existsSync(join(appDir, 'dist', 'index.html'))) {
    throw new Error('no built app in apps/playground/dist: run `pnpm --filter @oversample/playground build` first');
  }
  mkdirSync(shots, { recursive: true });
  server = await preview({ root: appDir, logLevel: 'silent', preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false } });
  base = server.resolvedUrls?.local[0] ?? '';
  expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  browser = await launchChromium();
}, WAIT);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.httpServer.close(() => resolve()) : resolve()));
});

async function newPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => (m.type() === 'error' ? errors.push(m.text()) : undefined));
  return { page, errors };
}

interface ShownColumn {
  sampler: string;
  counts: [string, number, number][];
  scores: Record<string, string>;
  error: string | null;
}

function readColumns(page: Page): Promise<ShownColumn[]> {
  return page.$$eval('section.column', (cards) =>
    cards.map((card) => ({
      sampler: card.getAttribute('data-sampler') ?? '',
      counts: [...card.querySelectorAll('table.counts tbody tr')].map((tr) => [
        tr.getAttribute('data-class') ?? '',
        Number(tr.querySelector('.before')?.textContent),
        Number(tr.querySelector('.after')?.textContent),
      ]) as [string, number, number][],
      scores: Object.fromEntries([...card.querySelectorAll('dd[data-metric]')].map((dd) => [dd.getAttribute('data-metric'), dd.textContent ?? ''])),
      error: card.querySelector('.error')?.textContent ?? null,
    })),
  );
}

describe('the playground in Chromium', () => {
  it('runs a toy set through two samplers: class counts and scores equal the same computation in Node', async () => {
    const query = '?data=circles&n=200&ratio=8&noise=0.1&seed=5&s1=smote&s2=borderline-smote&s2.mNeighbors=8&clf=knn';
    const { page, errors } = await newPage();
    const started = Date.now();
    await page.goto(base + query);
    await page.waitForSelector('body[data-ready="true"]', { timeout: WAIT });
    const ready = Date.now() - started;
    await page.waitForSelector('body[data-tables="done"]', { timeout: WAIT });
    const done = Date.now() - started;
    console.log(`first load: page interactive after ${ready} ms, both columns computed after ${done} ms`);
    const shown = await readColumns(page);

    const { state } = parseState(query);
    const t = state.tables;
    if (t.data.kind !== 'toy') throw new Error('expected a toy set');
    const prepared = prepareData(toyDataset(t.data, t.seed), { testSize: t.testSize, seed: t.seed });
    const expected: ShownColumn[] = [];
    for (const choice of t.samplers) {
      const r = await runColumn(prepared, choice, { classifier: t.classifier, seed: t.seed });
      expected.push({
        sampler: choice.name,
        counts: [...r.countsBefore.keys()].map((c) => [String(c), r.countsBefore.get(c)!, r.countsAfter.get(c)!]),
        scores: { acsa: formatScore(r.scores.acsa), gmean: formatScore(r.scores.gmean), f1: formatScore(r.scores.f1) },
        error: null,
      });
    }
    expect(shown).toEqual(expected);
    expect(shown.map((c) => c.sampler)).toEqual(['smote', 'borderline-smote']);
    // The minority class grows to the majority's size.
    expect(shown[0]!.counts[1]![2]).toBe(shown[0]!.counts[0]![1]);
    expect(await page.locator('canvas.scatter').count()).toBe(2);
    await page.screenshot({ path: join(shots, 'tables.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, WAIT);

  it("shows the CSV loader's typed error for a malformed file dropped on the page, then reads a good one", async () => {
    const { page, errors } = await newPage();
    await page.goto(`${base}?s1=smote&s2=adasyn`);
    await page.waitForSelector('body[data-tables="done"]', { timeout: WAIT });
    await page.selectOption('#data-source', 'csv');
    await page.waitForSelector('#drop-zone');
    const drop = async (name: string, text: string): Promise<void> => {
      const transfer = await page.evaluateHandle(
        ([n, t]) => {
          const dt = new DataTransfer();
          dt.items.add(new File([t], n, { type: 'text/csv' }));
          return dt;
        },
        [name, text] as const,
      );
      await page.dispatchEvent('#drop-zone', 'drop', { dataTransfer: transfer });
    };
    const bad = 'width,height,label\n1.5,2,pos\n3,oops,neg\n';
    await drop('bad.csv', bad);
    await page.waitForFunction(() => (document.querySelector('#data-error')?.textContent ?? '') !== '', undefined, { timeout: WAIT });
    let message = '';
    try {
      parseCsv(bad, { source: 'bad.csv' });
    } catch (err) {
      message = `${(err as Error).name}: ${(err as Error).message}`;
    }
    expect(message).toBe('FileFormatError: bad.csv: line 3: column 2 ("height"): "oops" is not a number (features must be numeric; missing values are not accepted)');
    expect(await page.textContent('#data-error')).toBe(message);
    await page.screenshot({ path: join(shots, 'csv-error.png'), fullPage: true });

    // A good file with three features is plotted on two principal components.
    const rows = Array.from({ length: 60 }, (_, i) => `${(i % 7) + (i < 50 ? 0 : 4)},${(i * 3) % 5},${i % 4},${i < 50 ? 'common' : 'rare'}`);
    await drop('good.csv', ['a,b,c,kind', ...rows].join('\n'));
    await page.waitForFunction(() => document.body.dataset['tables'] === 'done' && document.querySelectorAll('canvas.scatter').length === 2, undefined, { timeout: WAIT });
    expect(await page.textContent('#data-error')).toBe('');
    expect(await page.locator('#csv-label option').allTextContents()).toEqual(['(last column)', 'a', 'b', 'c', 'kind']);
    expect(page.url()).toContain('data=csv%3Agood.csv');
    const shown = await readColumns(page);
    expect(shown.map((c) => c.error)).toEqual([null, null]);
    expect(shown[0]!.counts).toEqual([['0', 35, 35], ['1', 7, 35]]);
    expect(errors).toEqual([]);
    await page.close();
  }, WAIT);

  it('works offline once loaded: trains DeepSMOTE for one epoch on a tiny image set, draws the synthetic grid, and cancels a long run', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => (m.type() === 'error' ? errors.push(m.text()) : undefined));
    await page.goto(base);
    // The service worker has stored every file of the build once it controls the page.
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: WAIT });
    await context.setOffline(true);
    await page.goto(`${base}?view=images&i.epochs=1&i.dimH=2&i.latentDim=8&scale=0.0025`);
    await page.click('#train');
    await page.waitForSelector('body[data-images="done"], body[data-images="error"]', { timeout: WAIT });
    expect(await page.textContent('#images-error')).toBe('');
    expect(await page.textContent('#backend')).toMatch(/^TensorFlow\.js backend: (webgpu|webgl|wasm|cpu) /);
    expect(await page.getAttribute('body', 'data-images-epoch')).toBe('1');
    // Every class but the largest got synthetic digits: each drawn canvas has lit pixels.
    const lit = await page.$$eval('.digits.synthetic', (rows) =>
      rows.map((row) =>
        [...row.querySelectorAll('canvas')].map((c) => {
          const data = (c as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, 28, 28).data;
          let sum = 0;
          for (let i = 0; i < data.length; i += 4) sum += data[i]!;
          return sum > 0;
        }),
      ),
    );
    expect(lit[0]).toEqual([]);
    expect(lit.slice(1).every((row) => row.length === 6 && row.every(Boolean))).toBe(true);
    expect(await page.textContent('#train-status')).toMatch(/^Done in [\d.]+ s: 1 epochs/);
    await page.screenshot({ path: join(shots, 'images.png'), fullPage: true });

    // A long run stops on Cancel after its first epoch, and says so.
    await page.goto(`${base}?view=images&i.epochs=500&i.dimH=2&i.latentDim=8&scale=0.0025`);
    await page.click('#train');
    await page.waitForFunction(() => document.body.dataset['imagesEpoch'] === '1' && document.body.dataset['images'] === 'running', undefined, { timeout: WAIT });
    await page.click('#cancel');
    await page.waitForSelector('body[data-images="cancelled"]', { timeout: WAIT });
    // (Epochs may finish between the first one and the click on a busy machine.)
    expect(await page.textContent('#images-error')).toMatch(/^Training stopped after \d+ epochs? \(cancelled: you pressed Cancel\)\.$/);
    expect(Number(await page.getAttribute('body', 'data-images-epoch'))).toBeLessThan(500);
    expect(await page.isDisabled('#cancel')).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  }, WAIT);
});
