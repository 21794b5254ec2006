/** Errors a write raises once the stream's reader is gone: the pipe's (EPIPE), and Node's for a stream it already closed. */
const CLOSED = new Set(['EPIPE', 'ERR_STREAM_DESTROYED']);

/**
 * Keeps the process running when the reader of its stdout or stderr goes away (`npm start | head`,
 * a log shipper that died): Node reports a write to a closed pipe as an 'error' on the stream, and
 * an 'error' nobody listens to ends the process, in the middle of whatever it was doing (a
 * graceful shutdown included). With this, what is written after that is dropped; any other
 * stream error still ends the process, as before. Call it once, at the start of a process.
 */
export function surviveClosedOutput(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== undefined && CLOSED.has(error.code)) return;
      throw error;
    });
  }
}
