/**
 * The tables view: a data panel (toy sets, bundled tables, a dropped CSV), the classifier, and
 * two to four sampler columns, each with its option form, scatter plot, class counts and scores.
 * Every edit goes into the page state (and so the URL) and reruns what it changes.
 */
import type { Dataset } from '@oversample/core';
import { CancelledError } from '@oversample/core';
import { startBackend } from './backend';
import type { CsvText } from './csv-file';
import { csvDataset, headerNames, readCsvFile } from './csv-file';
import { el } from './dom';
import { optionForm } from './option-form';
import type { ColumnResult, PreparedData } from './pipeline';
import { prepareData, runColumn } from './pipeline';
import { classColor, drawScatter } from './plot';
import { CLASSIFIERS, SAMPLERS } from '@oversample/bench/registry';
import type { DataChoice, TablesState, ToySet } from './state';
import { LIMITS, MAX_SAMPLERS, MIN_SAMPLERS, TOY_SETS, tableClassifierNames } from './state';
import { TOY_DESCRIPTIONS, toyDataset } from './toy-sets';

/** The CSV file the user dropped last; kept in memory only. */
let droppedFile: CsvText | undefined;

/** A number for display: scores with three decimals. */
export function formatScore(v: number): string {
  return Number.isFinite(v) ? v.toFixed(3) : 'n/a';
}

/** Why something failed, for the page: typed errors by their own message, others with their class. */
function describeError(err: unknown): string {
  if (err instanceof Error) return err.name === 'Error' ? err.message : `${err.name}: ${err.message}`;
  return String(err);
}

/** The dataset a data choice names, or a sentence saying what is missing. */
async function loadData(choice: DataChoice, seed: number): Promise<Dataset> {
  switch (choice.kind) {
    case 'toy':
      return toyDataset(choice, seed);
    case 'csv':
      if (droppedFile === undefined || droppedFile.name !== choice.file) {
        throw new Error(`This view was made from the file ${choice.file}: drop it (or pick it) again to see it.`);
      }
      return csvDataset(droppedFile, choice.label);
    case 'table':
      throw new Error(`The bundled tables (@oversample/datasets) are not in this build yet; table ${choice.name} cannot be loaded.`);
  }
}

function numberField(id: string, label: string, value: number, range: { min: number; max: number }, step: string, onValue: (v: number) => void): HTMLElement {
  const input = el('input', { id, name: id, type: 'number', min: String(range.min), max: String(range.max), step });
  input.value = String(value);
  input.addEventListener('change', () => {
    const v = Number(input.value);
    if (input.value.trim() === '' || !Number.isFinite(v) || v < range.min || v > range.max) {
      input.setAttribute('aria-invalid', 'true');
      input.title = `${label} must be from ${range.min} to ${range.max}`;
      return;
    }
    input.removeAttribute('aria-invalid');
    onValue(v);
  });
  return el('label', { class: 'inline', for: id }, `${label} `, input);
}

/** The tables view; `onChange` hears every new state (the page writes it to the URL). */
export class TablesView {
  private state: TablesState;
  private readonly root: HTMLElement;
  private readonly onChange: (state: TablesState) => void;
  private controller: AbortController | undefined;
  private readonly cache = new Map<string, ColumnResult>();
  private dataError!: HTMLElement;
  private columnsEl!: HTMLElement;

  constructor(root: HTMLElement, state: TablesState, onChange: (state: TablesState) => void) {
    this.root = root;
    this.state = state;
    this.onChange = onChange;
    this.render();
  }

  /** Replaces the state (from the URL or an edit) and reruns. */
  update(state: TablesState): void {
    this.state = state;
    this.render();
  }

  private set(state: TablesState): void {
    this.state = state;
    this.onChange(state);
    this.render();
  }

  private render(): void {
    this.controller?.abort(new CancelledError('the settings changed'));
    this.dataError = el('div', { class: 'error', role: 'alert', id: 'data-error' });
    this.columnsEl = el('div', { class: 'columns' });
    this.root.replaceChildren(
      el('section', { class: 'panel data-panel' }, ...this.dataControls(), this.dataError),
      this.classifierControls(),
      this.columnsEl,
      el(
        'p',
        { class: 'legend muted' },
        el('span', {}, '● original training rows, by class'),
        el('span', {}, '× synthetic rows'),
        el('span', {}, 'shading: the classifier’s decision (2-D data only)'),
        el('span', {}, 'scores: on a held-out stratified test part, never resampled'),
      ),
    );
    void this.compute();
  }

  private dataControls(): HTMLElement[] {
    const s = this.state;
    const data = s.data;
    const source = el(
      'select',
      { id: 'data-source', name: 'data-source' },
      ...TOY_SETS.map((t) => el('option', { value: t }, `toy: ${t}`)),
      el('option', { value: 'csv' }, 'your CSV file'),
    );
    source.value = data.kind === 'toy' ? data.set : 'csv';
    source.addEventListener('change', () => {
      const v = source.value;
      if ((TOY_SETS as readonly string[]).includes(v)) {
        const prev = data.kind === 'toy' ? data : { majority: 300, ratio: 10, noise: 0.25 };
        this.set({ ...s, data: { kind: 'toy', set: v as ToySet, majority: prev.majority, ratio: prev.ratio, noise: prev.noise } });
      } else {
        this.set({ ...s, data: { kind: 'csv', file: droppedFile?.name ?? '', label: '' } });
      }
    });
    const out: HTMLElement[] = [el('h2', {}, 'Data'), el('label', { class: 'inline', for: 'data-source' }, 'rows from ', source)];
    if (data.kind === 'toy') {
      const toy = data;
      out.push(
        el('p', { class: 'muted' }, TOY_DESCRIPTIONS[toy.set]),
        el(
          'div',
          { class: 'row' },
          numberField('toy-n', 'largest class', toy.majority, LIMITS.majority, '10', (v) => this.set({ ...s, data: { ...toy, majority: Math.round(v) } })),
          numberField('toy-ratio', 'imbalance ratio', toy.ratio, LIMITS.ratio, '1', (v) => this.set({ ...s, data: { ...toy, ratio: v } })),
          numberField('toy-noise', 'noise', toy.noise, LIMITS.noise, '0.05', (v) => this.set({ ...s, data: { ...toy, noise: v } })),
        ),
      );
    } else if (data.kind === 'csv') {
      out.push(this.csvControls(data));
    }
    out.push(
      el(
        'div',
        { class: 'row' },
        numberField('seed', 'seed', s.seed, LIMITS.seed, '1', (v) => this.set({ ...s, seed: Math.round(v) })),
        numberField('test-size', 'test share', s.testSize, LIMITS.testSize, '0.05', (v) => this.set({ ...s, testSize: v })),
      ),
    );
    return out;
  }

  private csvControls(data: Extract<DataChoice, { kind: 'csv' }>): HTMLElement {
    const s = this.state;
    const picker = el('input', { type: 'file', id: 'csv-file', name: 'csv-file', accept: '.csv,.tsv,.txt,.gz,text/csv' });
    const zone = el(
      'div',
      { class: 'drop-zone', id: 'drop-zone', tabindex: '0' },
      el('p', {}, droppedFile ? `file: ${droppedFile.name}` : 'Drop a CSV file here, or '),
      el('label', { for: 'csv-file', class: 'button' }, droppedFile ? 'pick another' : 'pick one'),
      picker,
      el('p', { class: 'muted' }, 'Numeric feature columns and one label column; the first line names the columns. The file stays in this page.'),
    );
    const accept = async (file: File | undefined): Promise<void> => {
      if (!file) return;
      try {
        droppedFile = await readCsvFile(file);
        this.set({ ...s, data: { kind: 'csv', file: droppedFile.name, label: '' } });
      } catch (err) {
        this.dataError.textContent = describeError(err);
      }
    };
    picker.addEventListener('change', () => void accept(picker.files?.[0]));
    zone.addEventListener('dragover', (e) => {
      e.preventDefault();
      zone.classList.add('over');
    });
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', (e) => {
      e.preventDefault();
      zone.classList.remove('over');
      void accept(e.dataTransfer?.files[0]);
    });
    const parts: HTMLElement[] = [zone];
    if (droppedFile && droppedFile.name === data.file) {
      const names = headerNames(droppedFile.text);
      const label = el('select', { id: 'csv-label', name: 'csv-label' }, el('option', { value: '' }, '(last column)'), ...names.map((n) => el('option', { value: n }, n)));
      label.value = data.label;
      label.addEventListener('change', () => this.set({ ...s, data: { ...data, label: label.value } }));
      parts.push(el('label', { class: 'inline', for: 'csv-label' }, 'label column ', label));
    }
    return el('div', { class: 'csv' }, ...parts);
  }

  private classifierControls(): HTMLElement {
    const s = this.state;
    const usable = CLASSIFIERS.filter((c) => tableClassifierNames().includes(c.name));
    const select = el('select', { id: 'classifier', name: 'classifier' }, ...usable.map((c) => el('option', { value: c.name }, c.title)));
    select.value = s.classifier.name;
    select.addEventListener('change', () => this.set({ ...s, classifier: { name: select.value, options: {} } }));
    const record = CLASSIFIERS.find((c) => c.name === s.classifier.name)!;
    return el(
      'section',
      { class: 'panel classifier-panel' },
      el('h2', {}, 'Classifier'),
      el('label', { class: 'inline', for: 'classifier' }, 'trained on each resampled set: ', select),
      el('p', { class: 'muted' }, record.description),
      el('details', {}, el('summary', {}, 'options'), optionForm(record.name, record.options, s.classifier.options, (options) => this.set({ ...s, classifier: { ...s.classifier, options } }))),
    );
  }

  private columnShell(index: number): { card: HTMLElement; body: HTMLElement } {
    const s = this.state;
    const choice = s.samplers[index]!;
    const record = SAMPLERS.find((r) => r.name === choice.name)!;
    const select = el('select', { id: `sampler-${index}`, name: `sampler-${index}`, 'aria-label': `sampler ${index + 1}` }, ...SAMPLERS.map((r) => el('option', { value: r.name }, r.title)));
    select.value = choice.name;
    select.addEventListener('change', () => {
      const samplers = s.samplers.map((c, i) => (i === index ? { name: select.value, options: {} } : c));
      this.set({ ...s, samplers });
    });
    const remove = el('button', { type: 'button', class: 'remove', title: 'remove this column' }, '✕');
    remove.disabled = s.samplers.length <= MIN_SAMPLERS;
    remove.addEventListener('click', () => this.set({ ...s, samplers: s.samplers.filter((_, i) => i !== index) }));
    const body = el('div', { class: 'column-body' }, el('p', { class: 'muted status' }, 'waiting…'));
    const card = el(
      'section',
      { class: 'panel column', 'data-column': String(index), 'data-sampler': choice.name },
      el('div', { class: 'column-head' }, select, remove),
      el('p', { class: 'muted' }, record.description, record.deep ? ' Trains a neural network in this page: lower its epochs for a quick look.' : ''),
      el(
        'details',
        {},
        el('summary', {}, 'options'),
        optionForm(`s${index + 1}-${record.name}`, record.options, choice.options, (options) => {
          const samplers = s.samplers.map((c, i) => (i === index ? { ...c, options } : c));
          this.set({ ...s, samplers });
        }),
      ),
      body,
    );
    return { card, body };
  }

  private async compute(): Promise<void> {
    const s = this.state;
    const controller = new AbortController();
    this.controller = controller;
    const shells = s.samplers.map((_, i) => this.columnShell(i));
    const add = el('button', { type: 'button', id: 'add-sampler', class: 'add' }, '+ add a sampler');
    add.disabled = s.samplers.length >= MAX_SAMPLERS;
    add.addEventListener('click', () => {
      const next = SAMPLERS.find((r) => !s.samplers.some((c) => c.name === r.name)) ?? SAMPLERS[0]!;
      this.set({ ...s, samplers: [...s.samplers, { name: next.name, options: {} }] });
    });
    this.columnsEl.replaceChildren(...shells.map((x) => x.card), add);
    document.body.dataset['tables'] = 'running';

    let prepared: PreparedData;
    let dataKey: string;
    try {
      const data = await loadData(s.data, s.seed);
      prepared = prepareData(data, { testSize: s.testSize, seed: s.seed });
      dataKey = JSON.stringify([s.data, s.seed, s.testSize, s.data.kind === 'csv' ? droppedFile?.text.length : 0]);
    } catch (err) {
      if (controller.signal.aborted) return;
      this.dataError.textContent = describeError(err);
      for (const { body } of shells) body.replaceChildren(el('p', { class: 'muted status' }, 'no data'));
      document.body.dataset['tables'] = 'error';
      return;
    }
    const keep = new Set<string>();
    for (const [i, { body }] of shells.entries()) {
      if (controller.signal.aborted) return;
      const choice = s.samplers[i]!;
      const key = JSON.stringify([dataKey, choice, s.classifier]);
      keep.add(key);
      body.replaceChildren(el('p', { class: 'muted status' }, 'running…'));
      try {
        let result = this.cache.get(key);
        if (!result) {
          // Deep samplers train with TensorFlow.js: start the page's backend before they ask for one.
          if (SAMPLERS.find((r) => r.name === choice.name)?.deep) await startBackend();
          result = await runColumn(prepared, choice, {
            classifier: s.classifier,
            seed: s.seed,
            signal: controller.signal,
            onProgress: (p) => {
              body.querySelector('.status')!.textContent = `${p.stage}: ${p.done} / ${p.total}${p.unit ? ` ${p.unit}s` : ''}`;
            },
          });
          this.cache.set(key, result);
        }
        if (controller.signal.aborted) return;
        this.showColumn(body, prepared, result);
      } catch (err) {
        if (controller.signal.aborted) return;
        body.replaceChildren(el('div', { class: 'error', role: 'alert' }, describeError(err)));
      }
    }
    for (const key of this.cache.keys()) if (!keep.has(key)) this.cache.delete(key);
    document.body.dataset['tables'] = 'done';
  }

  private showColumn(body: HTMLElement, prepared: PreparedData, r: ColumnResult): void {
    const canvas = el('canvas', { class: 'scatter', width: '320', height: '300', role: 'img' });
    canvas.setAttribute(
      'aria-label',
      `${r.sampler.title}: ${r.originalRows} training rows and ${r.resampled.y.length - r.originalRows} synthetic rows, ${prepared.projection.axes.join(' against ')}`,
    );
    const classes = [...new Set([...r.countsBefore.keys(), ...r.countsAfter.keys()])].sort((a, b) => a - b);
    const counts = el(
      'table',
      { class: 'counts' },
      el('thead', {}, el('tr', {}, el('th', {}, 'class'), el('th', {}, 'before'), el('th', {}, 'after'))),
      el(
        'tbody',
        {},
        ...classes.map((c) =>
          el(
            'tr',
            { 'data-class': String(c) },
            el('th', {}, el('span', { class: 'swatch', style: `background:${classColor(c)}` }), ` ${prepared.classNames[c] ?? c}`),
            el('td', { class: 'before' }, r.countsBefore.get(c) ?? 0),
            el('td', { class: 'after' }, r.countsAfter.get(c) ?? 0),
          ),
        ),
      ),
    );
    const metric = (key: string, label: string, value: number, title: string): HTMLElement[] => [
      el('dt', { title }, label),
      el('dd', { 'data-metric': key }, formatScore(value)),
    ];
    const scores = el(
      'dl',
      { class: 'scores' },
      ...metric('acsa', 'ACSA', r.scores.acsa, 'average class-specific accuracy (balanced accuracy)'),
      ...metric('gmean', 'G-mean', r.scores.gmean, 'geometric mean of the per-class recalls'),
      ...metric('f1', 'F1 (macro)', r.scores.f1, 'F1 averaged over the classes'),
    );
    const time = `resampled in ${(r.resampleSeconds * 1000).toFixed(0)} ms, classifier trained in ${(r.fitSeconds * 1000).toFixed(0)} ms`;
    body.replaceChildren(
      canvas,
      el('div', { class: 'figures' }, counts, scores),
      ...r.notes.map((n) => el('p', { class: 'note' }, n)),
      el('p', { class: 'muted small' }, time),
    );
    drawScatter(canvas, {
      points: r.points,
      labels: r.resampled.y,
      syntheticFrom: r.originalRows,
      bounds: prepared.bounds,
      axes: prepared.projection.axes,
      ...(r.regions ? { regions: r.regions } : {}),
    });
  }
}
