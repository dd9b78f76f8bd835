import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has working defaults: embedded database under ./var, port 8080 on loopback', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(8080);
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.DATA_DIR).toMatch(/\/var$/);
    expect(config.DEMO_DATA).toBe(true);
  });

  it('DATABASE_URL=postgres://… selects PostgreSQL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/pocdir' }).DATABASE_URL).toContain('postgres://');
  });

  it('lists every bad variable at once, with what it is for, and hides secrets', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://root:hunter2@db/x',
        DEFAULT_LOCALE: 'de',
        DEMO_DATA: 'maybe',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect((error as ConfigError).problems).toHaveLength(4);
      expect(message).toContain('PORT="eighty" must be a whole number between 0 and 65535');
      expect(message).toContain('DATABASE_URL=(hidden) must start with postgres://');
      expect(message).toContain('DEFAULT_LOCALE="de" must be one of: ar, zh, en, fr, ru, es');
      expect(message).not.toContain('hunter2');
    }
  });

  it('rejects out-of-range numbers', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT="70000" must be between 0 and 65535/);
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: '1' })).toThrow(/SESSION_IDLE_MINUTES/);
  });

  it('links follow PORT unless PUBLIC_URL is set', () => {
    expect(loadConfig({ PORT: '9000' }).PUBLIC_URL).toBe('http://localhost:9000');
    expect(loadConfig({ PORT: '9000', PUBLIC_URL: 'https://pocdir.example.org' }).PUBLIC_URL).toBe(
      'https://pocdir.example.org',
    );
  });
});
