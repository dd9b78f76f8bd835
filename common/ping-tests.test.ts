import { describe, expect, it } from 'vitest';
import { addBusinessHours, targetDeadline, weekendOf } from './ping-tests.ts';

const at = (iso: string) => new Date(iso);

describe('deadlines in business hours, on each contact’s clock', () => {
  // Friday 27 November 2026, 15:00 UTC: 10:00 in New York, midnight going on Saturday in Tokyo.
  const friday = at('2026-11-27T15:00:00Z');

  it('counts only 09:00–17:00 on working days in the contact’s time zone', () => {
    // New York: 10:00 → 14:00 the same day.
    expect(addBusinessHours(friday, 4, 'America/New_York').toISOString()).toBe('2026-11-27T19:00:00.000Z');
    // Tokyo: already Saturday 00:00; the weekend does not count → Monday 09:00–13:00 JST.
    expect(addBusinessHours(friday, 4, 'Asia/Tokyo').toISOString()).toBe('2026-11-30T04:00:00.000Z');
    // Accra: 15:00 → 2 hours on Friday, then 6 on Monday from 09:00 → Monday 15:00.
    expect(addBusinessHours(friday, 8, 'Africa/Accra').toISOString()).toBe('2026-11-30T15:00:00.000Z');
  });

  it('follows the State’s weekend: Friday–Saturday in Egypt', () => {
    // Thursday 26 November 13:00 UTC = 15:00 in Cairo: 2 hours on Thursday, Friday and Saturday off,
    // the remaining 2 hours on Sunday from 09:00 → Sunday 11:00 Cairo = 09:00 UTC.
    const thursday = at('2026-11-26T13:00:00Z');
    expect(addBusinessHours(thursday, 4, 'Africa/Cairo', weekendOf('818')).toISOString()).toBe(
      '2026-11-29T09:00:00.000Z',
    );
    expect(weekendOf('818')).toEqual([5, 6]);
    expect(weekendOf('250')).toEqual([6, 0]);
  });

  it('handles a change of daylight saving time inside the window', () => {
    // Sunday 8 March 2026 US clocks go forward: Friday 16:00 EST + 3 h → 1 h Friday, 2 h Monday (EDT).
    const start = at('2026-03-06T21:00:00Z'); // 16:00 EST
    expect(addBusinessHours(start, 3, 'America/New_York').toISOString()).toBe('2026-03-09T15:00:00.000Z'); // 11:00 EDT
  });

  it('uses wall-clock hours for a 24/7 contact and the fixed instant for an absolute deadline', () => {
    const plan = { deadlineMode: 'business_hours' as const, deadlineAt: null, businessHours: 4, startsAt: friday };
    expect(targetDeadline(plan, { timeZone: 'Asia/Tokyo', stateM49: '392', available247: true }).toISOString()).toBe(
      '2026-11-27T19:00:00.000Z',
    );
    const absolute = {
      deadlineMode: 'absolute' as const,
      deadlineAt: at('2026-12-01T12:00:00Z'),
      businessHours: null,
      startsAt: friday,
    };
    expect(targetDeadline(absolute, { timeZone: 'Asia/Tokyo', stateM49: '392', available247: false })).toEqual(
      at('2026-12-01T12:00:00Z'),
    );
  });
});
