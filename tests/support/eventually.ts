/**
 * Retries `check` every `intervalMs` until it passes, or until `timeoutMs` is over, then fails
 * with its last error: for what a test waits on but cannot be told of (a log line reaching its
 * file, a read model following a commit). Returns what the passing check returned.
 */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs: number, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
