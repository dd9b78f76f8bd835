// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PingProgress, PingResults, PingTest } from '../../../../common/schemas/ping-tests.ts';
import en from '../../../../locales/en.json' with { type: 'json' };
import { forgetStates } from '../../api/use-states.ts';
import { PingTestPage } from './PingTestPage.tsx';

const ID = '9b2f6c1e-0d7a-4c59-9a53-2f1f0b7d3e11';

function campaign(progress: Partial<PingProgress>, exercise = false): PingTest {
  const full: PingProgress = {
    targets: 4,
    notified: 4,
    mailsSent: 0,
    mailsFailed: 0,
    mailsTotal: 4,
    done: false,
    ...progress,
  };
  return {
    id: ID,
    reference: 'PING-2026-0007',
    title: 'Quarterly check',
    exercise,
    targets: { allParticipating: false, groups: [], kinds: [], states: ['288', '818'] },
    channels: ['email'],
    deadlineMode: 'business_hours',
    deadlineAt: null,
    businessHours: 16,
    reminderHours: [4],
    recurrenceMonths: null,
    sequence: 1,
    seriesId: ID,
    startsAt: '2026-11-24T09:00:00.000Z',
    latestDueAt: '2026-11-26T17:00:00.000Z',
    nextRunAt: null,
    createdBy: 'Manager',
    status: full.notified < full.targets ? 'dispatching' : 'open',
    progress: full,
    figures: {
      contacts: 4,
      byResult: { pending: 4 },
      states: 2,
      statesReached: 0,
      acknowledgedRate: 0,
      respondedRate: 0,
      medianSeconds: null,
      p90Seconds: null,
    },
  };
}

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

describe('PingTestPage', () => {
  const fetchMock = vi.fn<(url: string) => Promise<Response>>();
  /** What GET /ping-tests/:id answers, one per poll; the last one repeats. */
  let polls: PingTest[] = [];
  /** The campaign as the server last described it: the results carry it too. */
  let latest: PingTest;

  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: false });
    forgetStates();
    polls = [];
    latest = campaign({ mailsSent: 1 }, true);
    fetchMock.mockImplementation(async (url: string) => {
      if (url === '/api/v1/states') return json({ items: [] });
      if (url.endsWith('/results')) {
        const results: PingResults = { campaign: latest, states: [], groups: [] };
        return json(results);
      }
      if (url.includes('/contacts')) return json({ total: 0, items: [] });
      latest = (polls.length > 1 ? polls.shift() : polls[0]) ?? latest;
      return json(latest);
    });
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    cleanup();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  const calls = (suffix: string) => fetchMock.mock.calls.filter(([url]) => url === `/api/v1/ping-tests/${ID}${suffix}`);

  it('shows the sending progress, asks for it every two seconds and stops when everything is out', async () => {
    polls = [campaign({ mailsSent: 3 }, true), campaign({ mailsSent: 4, done: true }, true)];
    render(
      <IntlProvider locale="en" messages={en}>
        <PingTestPage id={ID} />
      </IntlProvider>,
    );
    await act(async () => {
      await vi.advanceTimersByTimeAsync(10);
    });
    expect(screen.getByRole('note').textContent).toContain('EXERCISE');
    expect(screen.getByRole('progressbar', { name: '1 of 4 checks sent' })).toBeTruthy();
    expect(calls('')).toHaveLength(0);

    await act(async () => {
      await vi.advanceTimersByTimeAsync(2_000);
    });
    expect(calls('')).toHaveLength(1);
    expect(screen.getByRole('progressbar', { name: '3 of 4 checks sent' })).toBeTruthy();

    await act(async () => {
      await vi.advanceTimersByTimeAsync(2_000);
    });
    expect(calls('')).toHaveLength(2);
    expect(screen.queryByRole('progressbar')).toBeNull();
    // Sending finished: the figures are fetched again, and the polling stops.
    expect(calls('/results')).toHaveLength(2);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(10_000);
    });
    expect(calls('')).toHaveLength(2);
  });
});
