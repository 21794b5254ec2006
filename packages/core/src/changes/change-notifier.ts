import { Client } from 'pg';
import type { Logger } from '../observability/logger';
import { changeChannel } from './change-event';

/** How long a waiter sleeps between reads while the LISTEN connection is down: the feed then polls. */
const POLL_WHILE_DEAF_MS = 500;
const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 5_000;
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * The one LISTEN connection of a process: a dedicated pg client (never one of the pool's, which
 * a request could be holding) on the schema's channel. Each notification bumps `generation` and
 * wakes every waiting long poll. A reader notes the generation before it reads, so a commit
 * between its read and its wait still wakes it. When the connection fails (a database restart)
 * it reconnects with a capped backoff and then wakes everyone, since a notification may have
 * been missed meanwhile; while it is down, waiters wake every POLL_WHILE_DEAF_MS and read again.
 */
export class ChangeNotifier {
  private generationCount = 0;
  private waiters = new Set<() => void>();
  private client: Client | null = null;
  private listening = false;
  private closed = false;
  private retryDelay = RECONNECT_MIN_MS;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly databaseUrl: string,
    private readonly schema: string,
    private readonly logger: Logger,
  ) {}

  /** Starts listening; resolves once the first attempt has succeeded or failed (it keeps retrying). */
  async start(): Promise<void> {
    await this.connect();
  }

  get generation(): number {
    return this.generationCount;
  }

  /**
   * Resolves when a change committed after `generation` was read, after `ms`, or at once when
   * one already has or the notifier is closed: a wait that can end early, never one that hangs.
   */
  changedSince(generation: number, ms: number): Promise<void> {
    if (this.closed || this.generationCount !== generation || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, this.listening ? ms : Math.min(ms, POLL_WHILE_DEAF_MS));
      this.waiters.add(done);
    });
  }

  /** Stops listening and releases every waiter (they answer with what they have). */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.wakeAll();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private wakeAll(): void {
    this.generationCount += 1;
    for (const wake of [...this.waiters]) wake();
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    // Keepalive: a connection whose server vanished without a word is found dead, not listened on forever.
    const client = new Client({
      connectionString: this.databaseUrl,
      application_name: `azg-changes-${this.schema}`,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      keepAlive: true,
    });
    client.on('notification', () => this.wakeAll());
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${changeChannel(this.schema)}`);
      if (this.closed) return void (await client.end().catch(() => undefined));
      if (this.retryTimer !== undefined) this.logger.info('the change feed listens again');
      this.listening = true;
      this.retryDelay = RECONNECT_MIN_MS;
      // Whatever committed while nobody listened is read by the woken waiters.
      this.wakeAll();
    } catch (error) {
      this.lost(client, error);
    }
  }

  private lost(client: Client, error?: unknown): void {
    if (this.client !== client || this.closed) return;
    this.client = null;
    this.listening = false;
    client.end().catch(() => undefined);
    this.logger.warn({ err: error, retryInMs: this.retryDelay }, 'the change feed lost its LISTEN connection; reconnecting');
    this.retryTimer = setTimeout(() => void this.connect(), this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, RECONNECT_MAX_MS);
  }
}
