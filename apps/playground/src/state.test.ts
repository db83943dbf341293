import { describe, expect, it } from 'vitest';
import type { PageState } from './state';
import { DEFAULT_STATE, formatState, parseState } from './state';

describe('page state in the URL', () => {
  it('writes nothing for the defaults and reads an empty query as the defaults', () => {
    expect(formatState(DEFAULT_STATE)).toBe('');
    expect(parseState('')).toEqual({ state: DEFAULT_STATE, problems: [] });
  });

  it('round-trips data, samplers with options, classifier, seed and split', () => {
    const state: PageState = {
      view: 'tables',
      tables: {
        data: { kind: 'toy', set: 'circles', majority: 400, ratio: 20, noise: 0.05 },
        samplers: [
          { name: 'smote', options: { kNeighbors: 3, samplingStrategy: { 1: 100 } } },
          { name: 'borderline-smote-2', options: { mNeighbors: 7 } },
          { name: 'random', options: { samplingStrategy: 0.5 } },
        ],
        classifier: { name: 'knn', options: { k: 3, weights: 'distance' } },
        seed: 42,
        testSize: 0.25,
      },
      images: { sampler: 'deepsmote-code', options: { epochs: 3, dimH: 4, patience: 2 }, scale: 0.01, seed: 7 },
    };
    const query = formatState(state);
    expect(query).toContain('data=circles');
    expect(query).toContain('s1=smote&s1.kNeighbors=3');
    expect(query).toContain('isampler=deepsmote-code&i.epochs=3');
    const back = parseState(query);
    expect(back.problems).toEqual([]);
    expect(back.state).toEqual({ ...state, tables: { ...state.tables, samplers: [
      { name: 'smote', options: { kNeighbors: 3, samplingStrategy: { '1': 100 } } },
      state.tables.samplers[1],
      state.tables.samplers[2],
    ] } });
  });

  it('keeps tables and CSV files by name (the CSV text itself is asked for again)', () => {
    const table = parseState('?data=table:glass1').state.tables.data;
    expect(table).toEqual({ kind: 'table', name: 'glass1' });
    const csv = parseState('?data=csv:my%20data.csv&label=class').state.tables.data;
    expect(csv).toEqual({ kind: 'csv', file: 'my data.csv', label: 'class' });
    expect(parseState(formatState({ ...DEFAULT_STATE, tables: { ...DEFAULT_STATE.tables, data: csv } })).state.tables.data).toEqual(csv);
  });

  it('drops bad parameters with a sentence each instead of failing', () => {
    const { state, problems } = parseState('?data=spirals&n=-3&s1=smote&s1.kNeighbours=3&s2=smoot&s3=adasyn&s3.nNeighbors=0&clf=svm&seed=1.5&view=3d&isampler=smote');
    expect(state.tables.data).toEqual(DEFAULT_STATE.tables.data);
    expect(state.tables.samplers.map((s) => s.name)).toEqual(['smote', 'adasyn']);
    expect(state.tables.samplers[1]!.options).toEqual({});
    expect(state.tables.classifier).toEqual(DEFAULT_STATE.tables.classifier);
    expect(state.tables.seed).toBe(0);
    expect(state.view).toBe('tables');
    expect(problems).toEqual([
      'view=3d ignored: use tables or images',
      "s1.kNeighbours ignored: smote has no option 'kNeighbours' (it has samplingStrategy, kNeighbors)",
      expect.stringMatching(/^s2=smoot ignored: no sampler is called 'smoot' \(known: none, random, smote, .*adasyn.*\)$/),
      expect.stringMatching(/^s3\.nNeighbors=0 ignored: adasyn\.nNeighbors must be an integer >= 1, got 0/),
      'clf=svm ignored: the tables view trains logistic-regression or knn',
      'isampler=smote ignored: use deepsmote-paper or deepsmote-code',
      'data=spirals ignored: use moons, circles, blobs, gaussians, table:NAME or csv:FILE',
      'seed=1.5 ignored: seed must be an integer from 0 to 2147483647',
    ]);
    expect(state.images.sampler).toBe('deepsmote-paper');
  });

  it('fills a single named sampler up to two columns', () => {
    const { state } = parseState('?s1=adasyn');
    expect(state.tables.samplers.map((s) => s.name)).toEqual(['adasyn', 'none']);
  });
});
