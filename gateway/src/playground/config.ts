import path from 'node:path';
import { flag, isProduction, optionalString } from '@azg/core/config';

export interface PlaygroundConfig {
  /**
   * Serve the explorer on a browser's GET of the gateway URL, and its files (the API schema among
   * them) under /playground/ (PLAYGROUND; on by default outside production, off in production).
   */
  enabled: boolean;
  /** Where the built explorer is (PLAYGROUND_ASSETS_DIR, default `gateway/dist/playground/static`). */
  assetsDir: string;
}

/** `gateway/src/playground` under ts-jest, `gateway/dist/playground` compiled: the gateway package sits two levels up. */
const GATEWAY_ROOT = path.resolve(__dirname, '..', '..');
export const DEFAULT_ASSETS_DIR = path.join(GATEWAY_ROOT, 'dist', 'playground', 'static');

export function readPlaygroundConfig(env: Record<string, string | undefined> = process.env): PlaygroundConfig {
  return {
    enabled: flag('PLAYGROUND', !isProduction(env), env),
    assetsDir: path.resolve(optionalString('PLAYGROUND_ASSETS_DIR', env) ?? DEFAULT_ASSETS_DIR),
  };
}
