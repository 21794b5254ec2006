import { ConfigError } from '@azg/core';
import { readConfig } from '../config';

describe('readConfig', () => {
  it('listens on 127.0.0.1:4004 unless told otherwise', () => {
    expect(readConfig({ DATABASE_URL: 'postgres://db/azg' })).toEqual({ databaseUrl: 'postgres://db/azg', port: 4004, host: '127.0.0.1' });
  });

  it('takes PORT and HOST from the environment', () => {
    expect(readConfig({ DATABASE_URL: 'postgres://db/azg', PORT: '4104', HOST: '0.0.0.0' })).toMatchObject({ port: 4104, host: '0.0.0.0' });
  });

  it('fails at start-up, naming the variable, without DATABASE_URL or with a bad PORT', () => {
    expect(() => readConfig({})).toThrow(new ConfigError('DATABASE_URL is required but not set'));
    expect(() => readConfig({ DATABASE_URL: 'postgres://db/azg', PORT: 'http' })).toThrow(/PORT/);
  });
});
