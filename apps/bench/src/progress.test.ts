import { describe, expect, it } from 'vitest';
import { createProgress, estimateByGroup, formatDuration } from './progress';
import { textSink } from './test-support';

describe('progress', () => {
  it('names the right cell when several run at once (--jobs), and divides the ETA by them', () => {
    let t = 0;
    const out = textSink();
    const p = createProgress({ total: 4, cached: 0, stream: out.stream, plain: true, plainIntervalMs: 0, parallel: 2, now: () => t, pendingGroups: ['g', 'g', 'g', 'g'] });
    p.startCell('A');
    p.startCell('B');
    p.update('fit', { stage: 'train', done: 1, total: 10 }, 'A');
    p.update('resample', undefined, 'B');
    t = 10_000;
    p.endCell('A', true, 10, 'ok', 'g');
    p.finish();
    const text = out.text();
    expect(text).toContain('  A: fit: train 1/10');
    expect(text).toContain('  B: resample');
    // Three cells of 10 s left, two at a time, B a little under way: about 15 s.
    const eta = /\[1\/4\] done A \(10s\) ok {2}ETA (\S+)/.exec(text)![1]!;
    expect(['14s', '15s']).toContain(eta);
    expect(text).toMatch(/overall .* 1\/4 cells/);
  });

  it('prices remaining cells by their group', () => {
    const finished = new Map([['image|deepsmote', { n: 1, seconds: 100 }], ['table|smote', { n: 2, seconds: 2 }]]);
    expect(estimateByGroup(finished, new Map([['image|deepsmote', 2], ['table|smote', 3]]))).toBe(203);
    expect(formatDuration(3725)).toBe('1h02m');
  });
});
