import { PushIterator } from './push-iterator';

describe('PushIterator', () => {
  it('hands over pushed values in order, to a reader already waiting or later', async () => {
    const iterator = new PushIterator<number>(() => undefined);
    const waiting = iterator.next();
    iterator.push(1);
    iterator.push(2);
    iterator.push(3);
    expect(await waiting).toEqual({ value: 1, done: false });
    expect(iterator.backlog).toBe(2);
    expect(await iterator.next()).toEqual({ value: 2, done: false });
    iterator.end();
    expect(await iterator.next()).toEqual({ value: 3, done: false });
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
    await iterator.drained;
  });

  it('ends a waiting reader at once on return(), and says so once', async () => {
    const onReturn = jest.fn();
    const iterator = new PushIterator<number>(onReturn);
    const waiting = iterator.next();
    await iterator.return();
    expect(await waiting).toEqual({ value: undefined, done: true });
    iterator.push(4);
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
    await iterator.return();
    expect(onReturn).toHaveBeenCalledTimes(1);
  });

  it('when coalescing, keeps only the newest value waiting', async () => {
    const iterator = new PushIterator<number>(() => undefined, true);
    iterator.push(1);
    iterator.push(2);
    iterator.push(3);
    expect(iterator.backlog).toBe(1);
    expect(await iterator.next()).toEqual({ value: 3, done: false });
  });
});
