import { describe, expect, it } from 'vitest';
import { costChart } from './svg-chart';

describe('costChart', () => {
  it('puts every sampler on a log time axis with its label, and keeps labels apart', () => {
    const svg = costChart({
      title: 'cost',
      points: [
        { name: 'none', x: 0.01, y: 0.5 },
        { name: 'smote', x: 12, y: 0.8 },
        { name: 'borderline-smote', x: 13, y: 0.801 },
        { name: 'deepsmote-code', x: 95_000, y: 0.7 },
      ],
      xLabel: 'time',
      yLabel: 'ACSA',
    });
    expect(svg.match(/<circle /g)).toHaveLength(4);
    for (const n of ['none', 'smote', 'borderline-smote', 'deepsmote-code']) expect(svg).toContain(`>${n}</text>`);
    // Decades from below the fastest to above the slowest: 0.1 ms ... 100 s, the floor marked.
    expect(svg).toContain('>≤0.1 ms</text>');
    expect(svg).toContain('>100 s</text>');
    // The two close labels are on different lines, one joined to its point.
    const ys = [...svg.matchAll(/y="([\d.]+)" text-anchor="(start|end)" font-size="11">(smote|borderline-smote)</g)].map((m) => Number(m[1]));
    expect(Math.abs(ys[0]! - ys[1]!)).toBeGreaterThanOrEqual(12);
    expect(svg).toContain('stroke="#999"');
  });
});
