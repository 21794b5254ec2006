import { performance } from 'node:perf_hooks';

/** One part of a multipart/mixed answer: its JSON, and when it arrived (ms after `readParts` was called). */
export interface Part {
  payload: Record<string, any>;
  atMs: number;
}

const DELIMITER = '\r\n---';

/**
 * Reads a `multipart/mixed;boundary="-"` answer as it streams in, part by part (a part is whole
 * once the next delimiter arrives), and checks that it ends with the closing delimiter.
 */
export async function readParts(response: Response): Promise<Part[]> {
  const started = performance.now();
  const parts: Part[] = [];
  const decoder = new TextDecoder();
  let buffered = '';
  const take = (final: boolean) => {
    for (;;) {
      const start = buffered.indexOf(DELIMITER);
      if (start < 0) return;
      const end = buffered.indexOf(DELIMITER, start + DELIMITER.length);
      if (end < 0 && !final) return;
      const part = buffered.slice(start + DELIMITER.length, end < 0 ? undefined : end);
      buffered = end < 0 ? '' : buffered.slice(end);
      if (part.startsWith('--')) return; // the closing delimiter
      const body = part.slice(part.indexOf('\r\n\r\n') + 4);
      parts.push({ payload: JSON.parse(body) as Record<string, any>, atMs: performance.now() - started });
    }
  };
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffered += decoder.decode(chunk, { stream: true });
    take(false);
  }
  if (!buffered.endsWith('\r\n-----\r\n')) throw new Error(`the answer does not end with the closing delimiter: ${JSON.stringify(buffered.slice(-40))}`);
  take(true);
  return parts;
}
