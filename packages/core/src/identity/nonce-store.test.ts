import { NonceStore } from './nonce-store';

const NOW = 1_790_000_000_000;

describe('the nonce store', () => {
  it('accepts a nonce once, and calls it replayed while it is held', () => {
    const store = new NonceStore(10);
    expect(store.accept('a', NOW + 60_000, NOW)).toBe('accepted');
    expect(store.accept('a', NOW + 60_000, NOW + 1)).toBe('replayed');
    expect(store.accept('b', NOW + 60_000, NOW + 1)).toBe('accepted');
  });

  it('holds a nonce until its expiry, inclusive (the signature still holds then), and lets it go after', () => {
    const store = new NonceStore(10);
    store.accept('a', NOW + 60_000, NOW);
    expect(store.accept('a', NOW + 60_000, NOW + 60_000)).toBe('replayed');
    expect(store.accept('b', NOW + 120_000, NOW + 60_001)).toBe('accepted');
    expect(store.size).toBe(1);
  });

  it('at its bound refuses new nonces and keeps the ones it holds, until they expire', () => {
    const store = new NonceStore(2);
    store.accept('a', NOW + 1_000, NOW);
    store.accept('b', NOW + 2_000, NOW);
    expect(store.accept('c', NOW + 3_000, NOW + 10)).toBe('full');
    expect(store.accept('a', NOW + 1_000, NOW + 10)).toBe('replayed');
    expect(store.size).toBe(2);
    expect(store.accept('c', NOW + 3_000, NOW + 1_001)).toBe('accepted');
    expect(store.accept('d', NOW + 3_000, NOW + 1_001)).toBe('full');
  });

  it('never lets a nonce go before its expiry, even behind one that expires sooner', () => {
    const store = new NonceStore(10);
    // A gateway whose clock runs ahead signs a later expiry; one behind it, an earlier one.
    store.accept('ahead', NOW + 5_000, NOW);
    store.accept('behind', NOW + 1_000, NOW);
    expect(store.accept('ahead', NOW + 5_000, NOW + 2_000)).toBe('replayed');
    expect(store.accept('ahead', NOW + 5_000, NOW + 4_999)).toBe('replayed');
    // Both gone once the later one has expired.
    store.accept('c', NOW + 9_000, NOW + 5_001);
    expect(store.size).toBe(1);
  });

  it('needs a capacity of at least one', () => {
    expect(() => new NonceStore(0)).toThrow('capacity of at least 1');
  });
});
