import type { OperationManifest } from '../persisted-operations';

/** One example operation as the playground lists it. */
export interface PlaygroundExample {
  /** The operation's name. */
  name: string;
  /** The question it answers: the file's first comment line. */
  title: string;
  /** The rest of the file's leading comment, joined into one paragraph; empty when there is none. */
  description: string;
  /** The document exactly as in the manifest, so that running it unchanged passes a safelist. */
  body: string;
}

/**
 * The examples of a manifest, in its order. Each example file starts with `#` comment lines:
 * the first is the question it answers, the others (after a bare `#`) say more.
 */
export function examplesOf(manifest: OperationManifest | null): PlaygroundExample[] {
  return (manifest?.operations ?? []).map(({ name, body }) => {
    const comments: string[] = [];
    for (const line of body.split('\n')) {
      const match = /^\s*#\s?(.*)$/.exec(line);
      if (!match) break;
      comments.push(match[1]!.trim());
    }
    const [title, ...rest] = comments;
    return { name, title: title || name, description: rest.filter((line) => line !== '').join(' '), body };
  });
}
