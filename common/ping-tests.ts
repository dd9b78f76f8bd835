/**
 * Ping tests (communication checks): the directory manager asks every targeted point of contact to
 * acknowledge before a deadline. Shared by server (rules, statistics), web and CLI.
 */
import type { PocKind } from './directory.ts';
import type { RegionalGroup } from './regional-groups.ts';

export const PING_CHANNELS = ['email', 'in_app'] as const;
export type PingChannel = (typeof PING_CHANNELS)[number];

export const PING_DEADLINE_MODES = ['absolute', 'business_hours'] as const;
export type PingDeadlineMode = (typeof PING_DEADLINE_MODES)[number];

/**
 * One contact's result. `pending` until the deadline passes without an acknowledgement. Order of
 * precedence (see resultSql in the repository): a rejected mail without an acknowledgement is
 * `bounced`; an expired or unusable OpenPGP key is `key_problem` even when acknowledged (the contact
 * cannot receive encrypted communications); then acknowledged in time, late, no response.
 */
export const PING_RESULTS = ['acknowledged', 'late', 'no_response', 'bounced', 'key_problem', 'pending'] as const;
export type PingResult = (typeof PING_RESULTS)[number];

/** A State is reached when any of its contacts acknowledged in time; `late` when only late ones did. */
export const PING_STATE_RESULTS = ['reached', 'late', 'not_reached', 'pending'] as const;
export type PingStateResult = (typeof PING_STATE_RESULTS)[number];

export const PING_KEY_PROBLEMS = ['expired', 'unusable'] as const;
export type PingKeyProblem = (typeof PING_KEY_PROBLEMS)[number];

export const PING_ACK_CHANNELS = ['link', 'app'] as const;
export type PingAckChannel = (typeof PING_ACK_CHANNELS)[number];

/** Whom a campaign targets. Empty lists mean "no filter"; allParticipating ignores `states`. */
export interface PingTargeting {
  allParticipating: boolean;
  groups: RegionalGroup[];
  kinds: PocKind[];
  states: string[];
}

/** Business day used for deadlines counted in business hours, in each recipient's time zone. */
export const BUSINESS_DAY = { startHour: 9, endHour: 17 } as const;

/** 0 = Sunday … 6 = Saturday. Most States rest on Saturday and Sunday. */
export const DEFAULT_WEEKEND: readonly number[] = [6, 0];

/**
 * States whose official weekend differs (M49 → rest days). Public holidays are not counted: they
 * differ per State and year, and a deadline that is a day early on a holiday is the lesser harm.
 */
export const WEEKEND_BY_STATE: Readonly<Record<string, readonly number[]>> = {
  '004': [4, 5], // Afghanistan
  '012': [5, 6], // Algeria
  '048': [5, 6], // Bahrain
  '050': [5, 6], // Bangladesh
  '364': [4, 5], // Iran
  '368': [5, 6], // Iraq
  '376': [5, 6], // Israel
  '400': [5, 6], // Jordan
  '414': [5, 6], // Kuwait
  '434': [5, 6], // Libya
  '462': [5, 6], // Maldives
  '512': [5, 6], // Oman
  '524': [6], // Nepal
  '634': [5, 6], // Qatar
  '682': [5, 6], // Saudi Arabia
  '729': [5, 6], // Sudan
  '760': [5, 6], // Syria
  '818': [5, 6], // Egypt
  '887': [5, 6], // Yemen
};

export function weekendOf(stateM49: string): readonly number[] {
  return WEEKEND_BY_STATE[stateM49] ?? DEFAULT_WEEKEND;
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Entries are validated on entry; a zone this runtime does not know (older tz data) counts as UTC
    // rather than stopping a whole campaign.
    let known = timeZone;
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
    } catch {
      known = 'UTC';
    }
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: known,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock time in `timeZone` at `instant`. */
export function wallTimeIn(timeZone: string, instant: number): WallTime {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday ?? 'Sun'] ?? 0,
  };
}

/** The instant at which the wall clock in `timeZone` shows the given date and hour (DST-safe). */
function instantOf(timeZone: string, year: number, month: number, day: number, hour: number): number {
  const wanted = Date.UTC(year, month - 1, day, hour);
  let guess = wanted;
  for (let i = 0; i < 3; i += 1) {
    const wall = wallTimeIn(timeZone, guess);
    const shown = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
    const drift = shown - wanted;
    if (drift === 0) break;
    guess -= drift;
  }
  return guess;
}

const HOUR_MS = 3_600_000;

/**
 * `start` plus `hours` of business time (BUSINESS_DAY on days outside `weekend`) as counted by a
 * wall clock in `timeZone`. Time outside business hours does not count, so a check sent on Friday
 * evening in Accra with 8 business hours is due on Monday at 17:00 Accra time.
 */
export function addBusinessHours(
  start: Date,
  hours: number,
  timeZone: string,
  weekend: readonly number[] = DEFAULT_WEEKEND,
): Date {
  let remaining = hours * HOUR_MS;
  let cursor = start.getTime();
  // At most one step per day boundary, so a year of business hours is a few hundred steps.
  for (let guard = 0; guard < 5000; guard += 1) {
    const wall = wallTimeIn(timeZone, cursor);
    const opens = instantOf(timeZone, wall.year, wall.month, wall.day, BUSINESS_DAY.startHour);
    const closes = instantOf(timeZone, wall.year, wall.month, wall.day, BUSINESS_DAY.endHour);
    if (weekend.includes(wall.weekday) || cursor >= closes) {
      // Next calendar day, at its opening hour (found from noon to stay clear of DST jumps).
      const nextNoon = instantOf(timeZone, wall.year, wall.month, wall.day, 12) + 24 * HOUR_MS;
      const next = wallTimeIn(timeZone, nextNoon);
      cursor = instantOf(timeZone, next.year, next.month, next.day, BUSINESS_DAY.startHour);
      continue;
    }
    if (cursor < opens) cursor = opens;
    const available = closes - cursor;
    if (remaining <= available) return new Date(cursor + remaining);
    remaining -= available;
    cursor = closes;
  }
  throw new Error(`business hours: no end found for ${hours} h in ${timeZone}`);
}

/** The deadline of one contact: absolute, or business hours in their time zone (wall-clock hours for 24/7 contacts). */
export function targetDeadline(
  campaign: { deadlineMode: PingDeadlineMode; deadlineAt: Date | null; businessHours: number | null; startsAt: Date },
  contact: { timeZone: string; stateM49: string; available247: boolean },
): Date {
  if (campaign.deadlineMode === 'absolute') {
    if (!campaign.deadlineAt) throw new Error('an absolute deadline needs deadlineAt');
    return campaign.deadlineAt;
  }
  const hours = campaign.businessHours ?? 0;
  if (contact.available247) return new Date(campaign.startsAt.getTime() + hours * HOUR_MS);
  return addBusinessHours(campaign.startsAt, hours, contact.timeZone, weekendOf(contact.stateM49));
}

/**
 * Seconds as "1 h 05 min", "42 s" or "3 d 4 h": the same in every language (the six UN languages all
 * write these digits and unit symbols), used by the web UI, the PDF report and the CLI alike.
 */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  const total = Math.round(seconds);
  if (total < 60) return `${total} s`;
  if (total >= 48 * 3600) return `${Math.floor(total / 86400)} d ${Math.floor((total % 86400) / 3600)} h`;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  return hours > 0 ? `${hours} h ${String(minutes).padStart(2, '0')} min` : `${minutes} min`;
}

/** When a recurring campaign runs next: the same calendar day N months later (clamped to the month's last day), in UTC. */
export function addMonths(date: Date, months: number): Date {
  const result = new Date(date.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const last = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, last));
  return result;
}
