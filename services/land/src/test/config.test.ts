import { ConfigError } from '@azg/core';
import { readConfig } from '../config';
import { defaultPort, serviceName } from '../service';

describe('readConfig', () => {
  it('requires DATABASE_URL and names it when missing', () => {
    expect(() => readConfig({})).toThrow(ConfigError);
    expect(() => readConfig({})).toThrow(/DATABASE_URL/);
  });

  it('listens on 127.0.0.1:4003 unless told otherwise', () => {
    expect(readConfig({ DATABASE_URL: 'postgres://localhost/azg' })).toEqual({
      databaseUrl: 'postgres://localhost/azg', port: 4003, host: '127.0.0.1',
    });
    expect(defaultPort).toBe(4003);
    expect(serviceName).toBe('land');
  });

  it('takes PORT and HOST from the environment and refuses a port that is not one', () => {
    expect(readConfig({ DATABASE_URL: 'postgres://x', PORT: '4103', HOST: '0.0.0.0' })).toMatchObject({ port: 4103, host: '0.0.0.0' });
    expect(() => readConfig({ DATABASE_URL: 'postgres://x', PORT: 'http' })).toThrow(/PORT/);
  });
});
