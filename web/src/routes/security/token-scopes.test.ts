import { describe, expect, it } from 'vitest';
import { abilitiesOf } from '../../../../common/permissions.ts';
import en from '../../../../locales/en.json' with { type: 'json' };
import { grantableScopes, scopeKey } from './token-scopes.ts';

describe('API token scopes offered to an account', () => {
  it('offers only what the role may do and a token may carry', () => {
    expect(grantableScopes(abilitiesOf('point_of_contact'))).toEqual([
      'states.read',
      'directory.read',
      'communications.read',
      'communications.send',
      'pingTests.acknowledge',
    ]);
    expect(grantableScopes(abilitiesOf('auditor'))).toEqual(['states.read']);
    // Account management is never a token scope, even for a role that has it.
    expect(grantableScopes(abilitiesOf('national_authority'))).not.toContain('accounts.create');
  });

  it('names every scope in plain words', () => {
    for (const scope of grantableScopes(abilitiesOf('national_authority'))) {
      expect(en[scopeKey(scope)]).toMatch(/^[A-Z]/);
    }
  });
});
