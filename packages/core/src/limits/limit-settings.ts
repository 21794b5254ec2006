import { integer } from '../config/env';

type Env = Record<string, string | undefined>;

/** Each limit's environment variable and its default. */
export type LimitSettings<Limits> = Record<keyof Limits, { variable: string; fallback: number }>;

/** Reads a set of limits, each a whole number from 1 to 1,000,000; a malformed value fails at start-up, naming the variable. */
export function readLimitSettings<Limits extends { [Key in keyof Limits]: number }>(settings: LimitSettings<Limits>, env: Env): Limits {
  const limits = {} as Limits;
  for (const [key, { variable, fallback }] of Object.entries(settings) as Array<[keyof Limits, { variable: string; fallback: number }]>) {
    limits[key] = integer(variable, fallback, env, [1, 1_000_000]) as Limits[keyof Limits];
  }
  return limits;
}
