import { describe, expect, it } from 'vitest';
import { ConfigError, envBool, envInt, envOptional, envString } from '../../shared/config.ts';

describe('shared/config typed env access', () => {
  const env = { S: ' value ', BLANK: '  ', N: '42', NEG: '-7', BADN: '4.2', T: 'Yes', F: 'off', BADB: 'maybe' };

  it('reads strings, treating blank as unset', () => {
    expect(envString('S', undefined, env)).toBe('value');
    expect(envString('BLANK', 'dflt', env)).toBe('dflt');
    expect(envOptional('BLANK', env)).toBeUndefined();
    expect(() => envString('MISSING', undefined, env)).toThrow(
      new ConfigError('MISSING', 'environment variable MISSING is required but not set'),
    );
  });

  it('reads integers and never falls back to the default for a malformed value', () => {
    expect(envInt('N', 1, env)).toBe(42);
    expect(envInt('NEG', 1, env)).toBe(-7);
    expect(envInt('MISSING', 5, env)).toBe(5);
    expect(() => envInt('BADN', 5, env)).toThrow('environment variable BADN must be an integer, got "4.2"');
  });

  it('reads booleans in the Powertools spellings', () => {
    expect(envBool('T', false, env)).toBe(true);
    expect(envBool('F', true, env)).toBe(false);
    expect(envBool('MISSING', true, env)).toBe(true);
    expect(() => envBool('BADB', false, env)).toThrow(/BADB must be a boolean/);
    expect(() => envBool('MISSING', undefined, env)).toThrow(ConfigError);
  });

  it('reads process.env by default', () => {
    process.env.FN_CONFIG_TEST_VAR = 'from-process';
    try {
      expect(envString('FN_CONFIG_TEST_VAR')).toBe('from-process');
    } finally {
      delete process.env.FN_CONFIG_TEST_VAR;
    }
  });
});
