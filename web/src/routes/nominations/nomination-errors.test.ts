import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import ar from '../../../../locales/ar.json' with { type: 'json' };
import en from '../../../../locales/en.json' with { type: 'json' };
import { ApiError } from '../../api/client.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { fieldIdOf, fieldNameOf, nominationFieldErrors } from './nomination-errors.ts';

function translator(catalogue: Record<string, string>, locale: string) {
  return (key: MessageKey, values?: Record<string, string | number>) =>
    String(new IntlMessageFormat(catalogue[key] ?? key, locale).format(values));
}

describe('nomination form errors', () => {
  it('maps server pointers to form fields and input ids', () => {
    expect(fieldNameOf('/details/emails/0')).toBe('details.emails.0');
    expect(fieldIdOf('details.phones.1.number')).toBe('nom-details-phones-1-number');
  });

  it('puts each server problem on its field, with a field-specific message in the user’s language', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'Some fields are not valid.', null, [
      { field: '/details/phones/0/number', reason: 'pattern' },
      { field: '/details/timeZone', reason: 'time_zone' },
      { field: '/details/workingLanguages/0', reason: 'language_tag' },
      { field: '/details/timeZone', reason: 'minLength' },
    ]);
    for (const [catalogue, locale] of [
      [en, 'en'],
      [ar, 'ar'],
    ] as const) {
      const t = translator(catalogue, locale);
      const errors = nominationFieldErrors(error, t);
      expect(errors.get('details.phones.0.number')).toBe(t('nomination.reason.phone'));
      // The first problem of a field wins.
      expect(errors.get('details.timeZone')).toBe(t('nomination.reason.timeZone'));
      expect(errors.get('details.workingLanguages.0')).toBe(t('nomination.reason.language'));
    }
  });

  it('a refused OpenPGP key says why; an error code without details still lands on its field', () => {
    const t = translator(en, 'en');
    const revoked = new ApiError(400, 'PGP_KEY_INVALID', 'The OpenPGP key cannot be used.', null, [
      { field: '/details/pgpPublicKey', reason: 'revoked' },
    ]);
    expect(nominationFieldErrors(revoked, t).get('details.pgpPublicKey')).toBe(t('form.reason.pgpRevoked'));
    const open = new ApiError(409, 'NOMINATION_ALREADY_OPEN', 'This entry already has an open nomination.', null);
    expect(nominationFieldErrors(open, t).get('targetEntryId')).toBe('This entry already has an open nomination.');
  });
});
