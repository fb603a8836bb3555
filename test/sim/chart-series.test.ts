// The streaming chart bins give exactly what downsampling the whole series gives, while holding a bounded number
// of points, markers and bands.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BandBins, MarkerBins, MinMaxSeries } from '../../src/sim/chart-series.js';
import { downsample, downsampleBands, downsampleMarkers, type Band, type Marker } from '../../src/sim/svg-chart.js';

const DURATION = 100_000;
const sortedTimes = (max: number) => fc.array(fc.integer({ min: 0, max: DURATION }), { maxLength: max }).map((ts) => [...ts].sort((a, b) => a - b));

describe('MinMaxSeries', () => {
  it('equals downsample of all points, for any series and column count', () => {
    fc.assert(
      fc.property(sortedTimes(400), fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 400, maxLength: 400 }), fc.integer({ min: 1, max: 60 }), (ts, vs, columns) => {
        const points = ts.map((t, i) => [t, vs[i]!] as const);
        const s = new MinMaxSeries(DURATION, columns);
        for (const [t, v] of points) s.push(t, v);
        expect(s.points()).toEqual(downsample(points, DURATION, columns));
        expect(s.downsampled).toBe(points.length > columns * 2);
      }),
    );
  });

  it('holds at most two points per column however many it is fed', () => {
    const s = new MinMaxSeries(DURATION, 50);
    for (let i = 0; i < 200_000; i++) s.push(i / 2, (i * 7919) % 1000);
    expect(s.count).toBe(200_000);
    expect(s.points().length).toBeLessThanOrEqual(2 * 51);
    expect(Math.max(...s.points().map((p) => p[1]))).toBe(999);
  });
});

describe('MarkerBins', () => {
  it('equals downsampleMarkers of all markers', () => {
    fc.assert(
      fc.property(sortedTimes(120), fc.array(fc.constantFrom('m-crash', 'm-restart'), { minLength: 120, maxLength: 120 }), fc.integer({ min: 1, max: 40 }), (ts, classes, columns) => {
        const markers: Marker[] = ts.map((t, i) => ({ t, cls: classes[i]!, label: `m${i}` }));
        const bins = new MarkerBins(DURATION, columns);
        for (const m of markers) bins.push(m);
        expect(bins.markers()).toEqual(downsampleMarkers(markers, DURATION, columns));
      }),
    );
  });
});

describe('BandBins', () => {
  it('equals downsampleBands of all bands (listed group by group) when fed interleaved as they close', () => {
    const spans = (prefix: string, values: string[]) =>
      sortedTimes(80).map((ts) => ts.slice(1).map((to, i): Band => ({ from: ts[i]!, to, cls: `${prefix}-${values[i % values.length]}`, label: `${prefix} ${i}` })).filter((b) => b.to > b.from));
    fc.assert(
      fc.property(spans('lvl', ['moderate', 'high']), spans('phase', ['idle', 'sleep']), fc.integer({ min: 1, max: 50 }), (lvl, phase, columns) => {
        const bins = new BandBins(DURATION, columns, ['lvl', 'phase']);
        const fed = [...lvl, ...phase].sort((a, b) => a.to - b.to); // closed in time order, groups interleaved
        for (const b of fed) bins.push(b);
        expect(bins.bands()).toEqual(downsampleBands([...lvl, ...phase], DURATION, columns));
      }),
    );
  });
});
