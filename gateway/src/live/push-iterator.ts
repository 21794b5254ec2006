/**
 * An async iterator fed from outside: `push` queues a value for the reader, `end` finishes after
 * what is queued. Unlike an async generator, `return()` takes effect at once even while the
 * reader waits, and calls `onReturn`: a client that unsubscribes frees what it held right away.
 */
export class PushIterator<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | null = null;
  private roomWaiters: Array<{ size: number; resolve: () => void }> = [];
  private done = false;
  private markDrained!: () => void;
  /** Resolves once the reader has taken everything, the end included (or gave up with `return`). */
  readonly drained = new Promise<void>((resolve) => { this.markDrained = resolve; });

  /** `coalesce`: a value pushed while another waits for the reader replaces it. */
  constructor(private readonly onReturn: () => void, private readonly coalesce = false) {}

  /** How many values wait for the reader. */
  get backlog(): number {
    return this.queue.length;
  }

  get ended(): boolean {
    return this.done;
  }

  push(value: T): void {
    if (this.done) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value, done: false });
    } else if (this.coalesce && this.queue.length > 0) {
      this.queue[this.queue.length - 1] = value;
    } else {
      this.queue.push(value);
    }
  }

  /** Resolves once fewer than `size` values wait for the reader (or the iterator ended): how a producer waits for a slow reader. */
  room(size: number): Promise<void> {
    if (this.done || this.queue.length < size) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push({ size, resolve }));
  }

  private wakeProducers(): void {
    const waiters = this.roomWaiters;
    this.roomWaiters = [];
    for (const waiter of waiters) {
      if (this.done || this.queue.length < waiter.size) waiter.resolve();
      else this.roomWaiters.push(waiter);
    }
  }

  /** Finishes once the reader has taken what is queued (`push` it a last value first to say why). */
  end(): void {
    if (this.done) return;
    this.done = true;
    if (this.waiting && this.queue.length === 0) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: undefined, done: true });
      this.markDrained();
    }
    this.wakeProducers();
    this.onReturn();
  }

  next(): Promise<IteratorResult<T>> {
    if (this.queue.length > 0) {
      const value = this.queue.shift()!;
      if (this.roomWaiters.length > 0) this.wakeProducers();
      return Promise.resolve({ value, done: false });
    }
    if (this.done) {
      this.markDrained();
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve) => { this.waiting = resolve; });
  }

  return(): Promise<IteratorResult<T>> {
    this.queue.length = 0;
    this.end();
    this.markDrained();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<T>> {
    this.return();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
