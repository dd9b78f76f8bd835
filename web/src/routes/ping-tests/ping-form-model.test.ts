import { describe, expect, it } from 'vitest';
import en from '../../../../locales/en.json' with { type: 'json' };
import { ApiError } from '../../api/client.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { NEW_PING_DRAFT, parseReminders, pingFieldErrors, toPingRequest } from './ping-form-model.ts';

const t = (key: MessageKey) => en[key];

describe('ping test form', () => {
  it('reads reminders separated by commas in any of the six scripts', () => {
    expect(parseReminders('24, 2')).toEqual([24, 2]);
    expect(parseReminders('24،2')).toEqual([24, 2]);
    expect(parseReminders('48、4，1')).toEqual([48, 4, 1]);
    expect(parseReminders('')).toEqual([]);
    expect(parseReminders('24h')).toBeNull();
  });

  it('sends only the targeting of the chosen scope, and the deadline of the chosen mode', () => {
    const draft = {
      ...NEW_PING_DRAFT,
      title: '  Check  ',
      scope: 'states' as const,
      states: ['288', '818'],
      groups: ['african' as const],
      deadlineMode: 'absolute' as const,
      deadlineLocal: '2030-01-15T17:00',
      businessHours: '16',
      repeats: true,
      recurrenceMonths: '6',
    };
    const body = toPingRequest(draft, [24]);
    expect(body.title).toBe('Check');
    expect(body.targets).toEqual({ allParticipating: false, groups: [], kinds: [], states: ['288', '818'] });
    expect(body.deadlineAt).toBe(new Date('2030-01-15T17:00').toISOString());
    expect(body.businessHours).toBeUndefined();
    expect(body.recurrenceMonths).toBe(6);

    const hours = toPingRequest({ ...draft, scope: 'all', deadlineMode: 'business_hours', repeats: false }, []);
    expect(hours.targets.allParticipating).toBe(true);
    expect(hours.targets.states).toEqual([]);
    expect(hours.deadlineAt).toBeUndefined();
    expect(hours.businessHours).toBe(16);
    expect(hours.recurrenceMonths).toBeUndefined();
  });

  it("puts the server's problems on the fields the form shows", () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'Invalid', null, [
      { field: '/targets', reason: 'required' },
      { field: '/deadlineAt', reason: 'future' },
      { field: '/reminderHours/1', reason: 'maximum' },
    ]);
    const errors = pingFieldErrors(error, t);
    expect(errors.get('targets')).toBe(en['ping.ui.reason.targets']);
    expect(errors.get('deadlineAt')).toBe(en['ping.ui.reason.deadlineFuture']);
    expect(errors.get('reminderHours')).toBe(en['ping.ui.reason.reminders']);

    const none = pingFieldErrors(new ApiError(422, 'PING_NO_TARGETS', 'No contact', null), t);
    expect(none.get('targets')).toBe('No contact');
  });
});
