/**
 * Typed readers of environment variables. Each fails at start-up, naming the variable, when a
 * value is missing or malformed, rather than letting a process start half-configured.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

export function requiredString(name: string, env: Env = process.env): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') throw new ConfigError(`${name} is required but not set`);
  return value;
}

export function optionalString(name: string, env: Env = process.env): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

export function integer(name: string, fallback: number, env: Env = process.env, range: [number, number] = [0, Number.MAX_SAFE_INTEGER]): number {
  const raw = optionalString(name, env);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < range[0] || value > range[1]) {
    throw new ConfigError(`${name} must be a whole number from ${range[0]} to ${range[1]}, got "${raw}"`);
  }
  return value;
}

export function port(name: string, fallback: number, env: Env = process.env): number {
  return integer(name, fallback, env, [0, 65535]);
}

export function flag(name: string, fallback: boolean, env: Env = process.env): boolean {
  const raw = optionalString(name, env);
  if (raw === undefined) return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

export function isProduction(env: Env = process.env): boolean {
  return env.NODE_ENV === 'production';
}
