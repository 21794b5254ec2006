import { type Delivery, matchDeliveries, memoryFromMetrics, perSecond, subscriptionsOptions, type WriteRecord } from './subscriptions';

describe('the subscriptions bench', () => {
  const write = (projectId: string, version: number, ackAt: number): WriteRecord => ({ projectId, version, sentAt: ackAt - 10, ackAt });
  const got = (subscriber: number, projectId: string, version: number | null, receivedAt: number, committedAt = receivedAt - 30): Delivery =>
    ({ subscriber, projectId, version, receivedAt, committedAt });

  it('times each subscriber\'s payload from its write\'s answer and from its commit', () => {
    const writes = [write('a', 2, 1000), write('b', 5, 1050)];
    const match = matchDeliveries(writes, [got(0, 'a', 2, 1020), got(0, 'b', 5, 1100), got(1, 'b', 5, 1070), got(1, 'a', 2, 1040)], 2);
    expect(match).toMatchObject({ expected: 4, matched: 4, missing: 0, extra: 0, unrelated: 0, laterReads: 0 });
    expect(match.fromAckMs.sort((x, y) => x - y)).toEqual([20, 20, 40, 50]);
    expect(match.fromCommitMs).toEqual([30, 30, 30, 30]);
  });

  it('pairs a project\'s payloads with its writes in order, even when the record was read at a later version', () => {
    // Version 3 committed before the gateway read the record for version 2's event: both payloads show 3.
    const writes = [write('a', 3, 1100), write('a', 2, 1000)];
    const match = matchDeliveries(writes, [got(0, 'a', 3, 1150), got(0, 'a', 3, 1160)], 1);
    expect(match).toMatchObject({ matched: 2, missing: 0, laterReads: 1 });
    expect(match.fromAckMs).toEqual([150, 60]);
  });

  it('counts deliveries that never came, came twice, or are about projects not written', () => {
    const writes = [write('a', 2, 1000), write('a', 3, 1100)];
    const match = matchDeliveries(writes, [
      got(0, 'a', 2, 1010), got(0, 'a', 3, 1110), got(0, 'a', 3, 1120),
      got(1, 'a', 2, 1010),
      got(2, 'warm-up', 9, 900),
    ], 3);
    expect(match).toMatchObject({ expected: 6, matched: 3, missing: 3, extra: 1, unrelated: 1 });
  });

  it('rates deliveries per second over their window', () => {
    expect(perSecond(20_000, 1_000, 11_000)).toBe(2000);
    expect(perSecond(7, 0, 3_000)).toBe(2.3);
    expect(perSecond(5, 10, 10)).toBe(0);
  });

  it('reads the gateway\'s RSS and used heap from its /metrics', () => {
    const page = [
      '# HELP process_resident_memory_bytes Resident memory size in bytes.',
      '# TYPE process_resident_memory_bytes gauge',
      'process_resident_memory_bytes{service="gateway"} 209715200',
      'nodejs_heap_size_total_bytes{service="gateway"} 99999999',
      'nodejs_heap_size_used_bytes{service="gateway"} 73400320',
    ].join('\n');
    expect(memoryFromMetrics(page)).toEqual({ rssMb: 200, heapUsedMb: 70 });
    expect(() => memoryFromMetrics('up 1')).toThrow('/metrics has no process_resident_memory_bytes');
  });

  it('takes 1,000 subscribers at 5 writes/s for 30 s by default, a small run for the smoke bench, and refuses nonsense', () => {
    expect(subscriptionsOptions({}, false)).toEqual({ subscribers: 1000, sseShare: 0.1, rate: 5, durationS: 30, projects: 3 });
    expect(subscriptionsOptions({}, true)).toEqual({ subscribers: 50, sseShare: 0.1, rate: 5, durationS: 5, projects: 3 });
    expect(subscriptionsOptions({ 'subscriptions-rate': '20' }, false).projects).toBe(10);
    expect(subscriptionsOptions({ subscribers: '0' }, false).subscribers).toBe(0);
    expect(() => subscriptionsOptions({ subscribers: '1.5' }, false)).toThrow('--subscribers must be a whole number from 0 to 100000, got "1.5"');
    expect(() => subscriptionsOptions({ 'subscriptions-sse-share': '2' }, false)).toThrow('--subscriptions-sse-share must be a number from 0 to 1');
  });
});
