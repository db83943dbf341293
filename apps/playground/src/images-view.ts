/**
 * The images view: DeepSMOTE trained in the page on a small MNIST subset cut to the paper's
 * imbalance profile, on the best TensorFlow.js backend that starts (named on screen), with a
 * progress bar, cancel, and a grid of real against synthetic digits per class that is redrawn
 * from the network after every epoch.
 */
import type { Dataset } from '@oversample/core';
import { CancelledError, classCounts } from '@oversample/core';
import { imbalance } from '@oversample/data';
import type { DeepSMOTE } from '@oversample/deepsmote';
import { describeBackend, startBackend } from './backend';
import { el } from './dom';
import { loadMnistSubset, scaledProfile } from './mnist-subset';
import { optionForm } from './option-form';
import type { OptionSchema, OptionValues, SamplerRecord } from '@oversample/bench/registry';
import { SAMPLERS, resolveSamplerOptions } from '@oversample/bench/registry';
import type { ImagesState } from './state';
import { LIMITS, imageSamplerNames } from './state';

/** Digits per class in each half of the grid. */
const SHOWN = 6;

/**
 * The page's defaults for DeepSMOTE: small enough to train in a browser tab in about a minute on
 * a laptop CPU (the library's defaults, 200 epochs of dimH 64, are a GPU's work).
 */
export const PAGE_DEFAULTS: OptionValues = { dimH: 8, latentDim: 32, epochs: 10, batchSize: 32, learningRate: 2e-3 };

/** The DeepSMOTE record with the page's defaults written into its schema (the form shows them). */
function pageSchema(record: SamplerRecord): OptionSchema {
  const out: Record<string, OptionSchema[string]> = {};
  for (const [key, spec] of Object.entries(record.options)) {
    const d = PAGE_DEFAULTS[key];
    out[key] =
      d === undefined
        ? spec
        : ({ ...spec, default: d, description: `${spec.description} Page default ${String(d)}${'default' in spec && spec.default !== undefined ? `; the library's is ${String(spec.default)}` : ''}.` } as OptionSchema[string]);
  }
  return out;
}

function drawDigit(canvas: HTMLCanvasElement, pixels: Float32Array): void {
  canvas.width = 28;
  canvas.height = 28;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const image = ctx.createImageData(28, 28);
  for (let i = 0; i < 784; i++) {
    const v = Math.max(0, Math.min(255, Math.round(pixels[i]!)));
    image.data.set([v, v, v, 255], i * 4);
  }
  ctx.putImageData(image, 0, 0);
}

function digitCanvases(): HTMLCanvasElement[] {
  return Array.from({ length: SHOWN }, () => {
    const c = el('canvas', { width: '28', height: '28', class: 'digit' });
    return c;
  });
}

/** The images view; `onChange` hears every new state. */
export class ImagesView {
  private state: ImagesState;
  private readonly root: HTMLElement;
  private readonly onChange: (state: ImagesState) => void;
  private controller: AbortController | undefined;

  constructor(root: HTMLElement, state: ImagesState, onChange: (state: ImagesState) => void) {
    this.root = root;
    this.state = state;
    this.onChange = onChange;
    this.render();
  }

  private set(state: ImagesState): void {
    this.state = state;
    this.onChange(state);
    this.render();
  }

  /** Stops a running training (the page left the view). */
  stop(): void {
    this.controller?.abort(new CancelledError('the view was closed'));
  }

  private render(): void {
    this.stop();
    const s = this.state;
    const record = SAMPLERS.find((r) => r.name === s.sampler);
    if (!record) {
      this.root.replaceChildren(el('p', { class: 'error' }, `This build has no ${s.sampler} sampler.`));
      return;
    }
    const variant = el('select', { id: 'image-sampler', name: 'image-sampler' }, ...imageSamplerNames().map((n) => el('option', { value: n }, SAMPLERS.find((r) => r.name === n)!.title)));
    variant.value = s.sampler;
    variant.addEventListener('change', () => this.set({ ...s, sampler: variant.value }));
    const scale = el('input', { id: 'profile-scale', name: 'profile-scale', type: 'number', min: String(LIMITS.scale.min), max: String(LIMITS.scale.max), step: '0.0025' });
    scale.value = String(+s.scale.toPrecision(4));
    scale.addEventListener('change', () => {
      const v = Number(scale.value);
      if (Number.isFinite(v) && v >= LIMITS.scale.min && v <= LIMITS.scale.max) this.set({ ...s, scale: v });
      else scale.setAttribute('aria-invalid', 'true');
    });
    const seed = el('input', { id: 'image-seed', name: 'image-seed', type: 'number', min: '0', step: '1' });
    seed.value = String(s.seed);
    seed.addEventListener('change', () => {
      const v = Number(seed.value);
      if (Number.isInteger(v) && v >= LIMITS.seed.min && v <= LIMITS.seed.max) this.set({ ...s, seed: v });
      else seed.setAttribute('aria-invalid', 'true');
    });
    const options = resolveSamplerOptions(record, [PAGE_DEFAULTS, s.options]);
    const k = typeof options['kNeighbors'] === 'number' ? options['kNeighbors'] : 5;
    const counts = scaledProfile(s.scale, k + 1);
    const train = el('button', { type: 'button', id: 'train', class: 'primary' }, 'Train DeepSMOTE');
    const cancel = el('button', { type: 'button', id: 'cancel' }, 'Cancel');
    cancel.disabled = true;
    const progress = el('progress', { id: 'train-progress', max: '1', value: '0' });
    const status = el('p', { id: 'train-status', class: 'muted', role: 'status' }, 'Not trained yet.');
    const backend = el('p', { id: 'backend', class: 'muted' }, 'TensorFlow.js starts when training does.');
    const error = el('div', { id: 'images-error', class: 'error', role: 'alert' });
    const grid = el('div', { class: 'image-grid', id: 'image-grid' });
    const synthetic: HTMLCanvasElement[][] = [];
    grid.append(el('div', { class: 'muted' }, 'class (rows)'), el('div', { class: 'muted' }, 'real'), el('div', { class: 'muted' }, 'synthetic'));
    for (let c = 0; c < 10; c++) {
      const real = digitCanvases();
      const fake = digitCanvases();
      synthetic.push(fake);
      grid.append(
        el('div', { 'data-class': String(c) }, `${c} (${counts[c]})`),
        el('div', { class: 'digits real', 'data-class': String(c) }, ...real),
        el('div', { class: 'digits synthetic', 'data-class': String(c) }, ...fake),
      );
      void loadMnistSubset().then((data) => {
        const first = c * (data.y.length / 10);
        real.forEach((canvas, j) => drawDigit(canvas, data.x.subarray((first + j) * 784, (first + j + 1) * 784)));
      });
    }
    this.root.replaceChildren(
      el(
        'section',
        { class: 'panel' },
        el('h2', {}, 'DeepSMOTE on handwritten digits'),
        el(
          'p',
          { class: 'muted' },
          `${counts.reduce((a, b) => a + b, 0)} MNIST training digits cut to DeepSMOTE's imbalance profile (4000 … 40 per class) times ${+s.scale.toPrecision(3)}; DeepSMOTE trains its autoencoder here, then generates digits until every class has as many as class 0. The grid's right half is redrawn from the network after every epoch.`,
        ),
        el(
          'div',
          { class: 'row' },
          el('label', { class: 'inline', for: 'profile-scale' }, 'profile x ', scale),
          el('label', { class: 'inline', for: 'image-seed' }, 'seed ', seed),
          el('label', { class: 'inline', for: 'image-sampler' }, 'sampler ', variant),
        ),
        el('p', { class: 'muted' }, record.description),
        el('details', {}, el('summary', {}, `${record.title} options`), optionForm(record.name, pageSchema(record), s.options, (o) => this.set({ ...s, options: o }))),
        el('div', { class: 'row' }, train, cancel),
        progress,
        status,
        backend,
        error,
      ),
      el('section', { class: 'panel' }, grid),
    );
    train.addEventListener('click', () => void this.train(record, options, counts, { train, cancel, progress, status, backend, error, synthetic }));
    cancel.addEventListener('click', () => this.controller?.abort(new CancelledError('you pressed Cancel')));
  }

  private async train(
    record: SamplerRecord,
    options: Record<string, unknown>,
    counts: number[],
    ui: {
      train: HTMLButtonElement;
      cancel: HTMLButtonElement;
      progress: HTMLProgressElement;
      status: HTMLElement;
      backend: HTMLElement;
      error: HTMLElement;
      synthetic: HTMLCanvasElement[][];
    },
  ): Promise<void> {
    const controller = new AbortController();
    this.controller = controller;
    ui.train.disabled = true;
    ui.cancel.disabled = false;
    ui.error.textContent = '';
    document.body.dataset['images'] = 'running';
    document.body.dataset['imagesEpoch'] = '0';
    const started = performance.now();
    let sampler: DeepSMOTE | undefined;
    const showRows = (rows: Dataset): void => {
      const seen = new Map<number, number>();
      for (let i = 0; i < rows.y.length; i++) {
        const c = rows.y[i]!;
        const j = seen.get(c) ?? 0;
        const canvas = ui.synthetic[c]?.[j];
        if (canvas) drawDigit(canvas, rows.x.subarray(i * 784, (i + 1) * 784));
        seen.set(c, j + 1);
      }
    };
    try {
      ui.status.textContent = 'Loading the digits and starting TensorFlow.js…';
      const [data, info] = await Promise.all([loadMnistSubset(), startBackend()]);
      ui.backend.textContent = describeBackend(info);
      const train = imbalance(data, counts, { seed: this.state.seed });
      const epochs = typeof options['epochs'] === 'number' ? options['epochs'] : 1;
      ui.progress.max = epochs;
      ui.progress.value = 0;
      sampler = (await record.create(options, { seed: this.state.seed, categoricalFeatures: [] })) as DeepSMOTE;
      ui.status.textContent = `Training on ${train.y.length} digits…`;
      const preview = new Map(Array.from({ length: 10 }, (_, c) => [c, SHOWN]));
      const resampled = await sampler.fitResample(train, {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.stage === 'train') {
            ui.progress.value = p.done;
            const loss = p.metrics?.['loss'];
            ui.status.textContent = `epoch ${p.done} / ${p.total}${loss !== undefined ? `, loss ${loss.toFixed(4)}` : ''} (${((performance.now() - started) / 1000).toFixed(1)} s)`;
          } else if (p.stage === 'generate') {
            ui.status.textContent = `generating: class ${p.done} of ${p.total}…`;
          }
        },
        // The sampler as it stands after each epoch: its digits go into the grid's right half.
        onEpochEnd: async (entry, model) => {
          showRows(await model.sample(preview, { signal: controller.signal }));
          document.body.dataset['imagesEpoch'] = String(entry.epoch);
        },
      });
      const made = resampled.y.length - train.y.length;
      const synth: Dataset = { x: resampled.x.subarray(train.x.length), y: resampled.y.subarray(train.y.length), shape: resampled.shape };
      showRows(synth);
      const after = [...classCounts(resampled.y).values()];
      ui.status.textContent = `Done in ${((performance.now() - started) / 1000).toFixed(1)} s: ${epochs} epochs, best epoch ${sampler.training?.bestEpoch ?? '?'}; ${made} synthetic digits make every class ${after[0]} rows. The right half now shows the final model's digits (class 0, the largest, gets none).`;
      // The largest class needs no synthetic digits: its cells say so instead of showing epoch previews.
      ui.synthetic[0]?.[0]?.parentElement?.replaceChildren(el('span', { class: 'muted' }, 'none needed: the largest class'));
      document.body.dataset['images'] = 'done';
    } catch (err) {
      const cancelled = err instanceof CancelledError;
      const epochsDone = Number(document.body.dataset['imagesEpoch'] ?? 0);
      ui.error.textContent = cancelled
        ? `Training stopped after ${epochsDone} epoch${epochsDone === 1 ? '' : 's'} (${(err as Error).message}).`
        : `${(err as Error).name}: ${(err as Error).message}`;
      document.body.dataset['images'] = cancelled ? 'cancelled' : 'error';
    } finally {
      sampler?.dispose();
      ui.train.disabled = false;
      ui.cancel.disabled = true;
      if (this.controller === controller) this.controller = undefined;
    }
  }
}
