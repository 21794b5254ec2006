import { bucketDelta, freshnessOptions, histogramBuckets, histogramQuantile, percentile, summarize } from './freshness';

describe('the freshness statistics', () => {
  it('take the nearest-rank percentile', () => {
    const hundred = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    // 200 probes: p99 is the 198th, so the two slowest do not set it and the third does.
    const twoHundred = Array.from({ length: 200 }, (_, index) => index + 1);
    expect(percentile(twoHundred, 99)).toBe(198);
  });

  it('summarize latencies in any order, to a tenth of a millisecond', () => {
    expect(summarize([30.04, 10, 20.26, 1000, 40])).toEqual({ count: 5, p50Ms: 30, p99Ms: 1000, maxMs: 1000 });
    expect(summarize([12.34, 5.55])).toEqual({ count: 2, p50Ms: 5.6, p99Ms: 12.3, maxMs: 12.3 });
    expect(summarize([])).toEqual({ count: 0, p50Ms: null, p99Ms: null, maxMs: null });
  });

  const page = (counts: Record<string, [number, number, number]>) => [
    '# HELP azg_change_apply_lag_seconds Time from a change\'s commit at its source to the commit of its effect here, by source.',
    '# TYPE azg_change_apply_lag_seconds histogram',
    ...Object.entries(counts).flatMap(([source, [fast, slow, all]]) => [
      `azg_change_apply_lag_seconds_bucket{le="0.05",source="${source}"} ${fast}`,
      `azg_change_apply_lag_seconds_bucket{le="0.1",source="${source}"} ${slow}`,
      `azg_change_apply_lag_seconds_bucket{le="+Inf",source="${source}"} ${all}`,
      `azg_change_apply_lag_seconds_sum{source="${source}"} 1.5`,
      `azg_change_apply_lag_seconds_count{source="${source}"} ${all}`,
    ]),
    'azg_change_checkpoint_position{source="land"} 42',
  ].join('\n');

  it('read a histogram\'s buckets summed over its sources, and what arrived between two readings', () => {
    const before = histogramBuckets(page({ land: [2, 3, 3], companies: [1, 1, 1] }), 'azg_change_apply_lag_seconds');
    expect(before).toEqual([{ le: 0.05, count: 3 }, { le: 0.1, count: 4 }, { le: Infinity, count: 4 }]);
    const after = histogramBuckets(page({ land: [10, 12, 13], companies: [5, 9, 9] }), 'azg_change_apply_lag_seconds');
    expect(bucketDelta(before, after)).toEqual([{ le: 0.05, count: 12 }, { le: 0.1, count: 17 }, { le: Infinity, count: 18 }]);
    expect(histogramBuckets('azg_db_statements_total 9', 'azg_change_apply_lag_seconds')).toEqual([]);
  });

  it('estimate a quantile from buckets as Prometheus does', () => {
    const buckets = [{ le: 0.05, count: 10 }, { le: 0.1, count: 20 }, { le: 1, count: 20 }, { le: Infinity, count: 20 }];
    // Rank 10 of 20 ends the first bucket; rank 15 is halfway through the second.
    expect(histogramQuantile(buckets, 0.5)).toBeCloseTo(0.05);
    expect(histogramQuantile(buckets, 0.75)).toBeCloseTo(0.075);
    expect(histogramQuantile(buckets, 0.25)).toBeCloseTo(0.025);
    // Beyond the last finite bound, the bound is all that is known.
    expect(histogramQuantile([{ le: 0.1, count: 1 }, { le: Infinity, count: 4 }], 0.99)).toBe(0.1);
    expect(histogramQuantile([{ le: 0.1, count: 0 }, { le: Infinity, count: 0 }], 0.5)).toBeNull();
  });
});

describe('the freshness options', () => {
  it('default to 200 probes (15 in a smoke run) by 4 writers over the document alone, and refuse what is not a count', () => {
    expect(freshnessOptions({}, false)).toEqual({ probes: 200, writers: 4, scale: 1, pollIntervalMs: 5, timeoutMs: 30_000 });
    expect(freshnessOptions({}, true).probes).toBe(15);
    expect(freshnessOptions({ 'freshness-probes': '0', 'freshness-writers': '2', 'freshness-scale': '1000' }, true))
      .toEqual(expect.objectContaining({ probes: 0, writers: 2, scale: 1000 }));
    expect(() => freshnessOptions({ 'freshness-writers': '0' }, false)).toThrow('--freshness-writers must be a whole number from 1, got "0"');
    expect(() => freshnessOptions({ 'freshness-probes': 'many' }, false)).toThrow('--freshness-probes');
  });
});
