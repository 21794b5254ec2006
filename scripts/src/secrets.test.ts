import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { localRunSecrets } from './secrets';

describe('the secrets of a local run', () => {
  let directory: string;
  let file: string;

  beforeEach(() => {
    directory = mkdtempSync(path.join(os.tmpdir(), 'azg-secrets-'));
    file = path.join(directory, 'nested', 'secrets.json');
  });

  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('are generated on the first run into a file only its owner can read, and reused after', () => {
    const first = localRunSecrets({}, file);
    expect(first.generated).toEqual(['AZG_IDENTITY_SECRET', 'CURSOR_SECRET']);
    expect(first.values.AZG_IDENTITY_SECRET).toMatch(/^[0-9a-f]{64}$/);
    expect(first.values.CURSOR_SECRET).not.toBe(first.values.AZG_IDENTITY_SECRET);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(first.values);

    const second = localRunSecrets({}, file);
    expect(second).toEqual({ values: first.values, generated: [] });
  });

  it('give way to a secret set in the environment', () => {
    const identity = 'e'.repeat(40);
    expect(localRunSecrets({ AZG_IDENTITY_SECRET: identity }, file).values.AZG_IDENTITY_SECRET).toBe(identity);
  });

  it('are never generated in production', () => {
    expect(localRunSecrets({ NODE_ENV: 'production' }, file)).toEqual({ values: {}, generated: [] });
    expect(() => statSync(file)).toThrow();
  });
});
