// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { State } from '../../../common/schemas/states.ts';
import ar from '../../../locales/ar.json' with { type: 'json' };
import en from '../../../locales/en.json' with { type: 'json' };
import { forgetStates } from '../api/use-states.ts';
import { StatesPage } from './StatesPage.tsx';

const CATALOGUES: Record<'ar' | 'en', Record<string, string>> = { ar, en };

function state(m49: string, alpha3: string, group: State['group'], names: Partial<State['names']>): State {
  const en = names.en ?? alpha3;
  return {
    m49,
    alpha2: alpha3.slice(0, 2),
    alpha3,
    group,
    status: m49 === '275' ? 'observer' : 'member',
    names: { ar: en, zh: en, en, fr: en, ru: en, es: en, ...names },
  };
}

const STATES: State[] = [
  state('004', 'AFG', 'asia_pacific', { en: 'Afghanistan', ar: 'أفغانستان' }),
  state('012', 'DZA', 'african', { en: 'Algeria', ar: 'الجزائر' }),
  state('288', 'GHA', 'african', { en: 'Ghana', ar: 'غانا' }),
  state('250', 'FRA', 'western_european_other', { en: 'France', ar: 'فرنسا' }),
  state('275', 'PSE', 'asia_pacific', { en: 'State of Palestine', ar: 'دولة فلسطين' }),
];

function renderIn(locale: 'ar' | 'en') {
  return render(
    <IntlProvider locale={locale} messages={CATALOGUES[locale]}>
      <StatesPage />
    </IntlProvider>,
  );
}

function rowNames(): string[] {
  const [, body] = screen.getAllByRole('rowgroup');
  if (!body) throw new Error('table has no body');
  return within(body)
    .getAllByRole('row')
    .map((row) => within(row).getByRole('rowheader').textContent ?? '');
}

describe('StatesPage', () => {
  const fetchMock = vi.fn();

  beforeEach(() => {
    forgetStates();
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ items: STATES, total: STATES.length }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      }),
    );
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows Arabic names and finds a State typed without hamza', async () => {
    renderIn('ar');
    expect(await screen.findByText('أفغانستان')).toBeTruthy();
    expect(fetchMock).toHaveBeenCalledWith('/api/v1/states', expect.objectContaining({ method: 'GET' }));

    await act(async () => {
      fireEvent.change(screen.getByLabelText('البحث بالاسم أو الرمز'), { target: { value: 'افغانستان' } });
    });
    expect(rowNames()).toEqual(['أفغانستان']);
    expect(screen.getByRole('status').textContent).toBe('عرض دولة واحدة من أصل 5');
  });

  it('filters by regional group and sorts by the name in the UI language', async () => {
    renderIn('en');
    await screen.findByText('Ghana');
    expect(rowNames()).toEqual(['Afghanistan', 'Algeria', 'France', 'Ghana', 'State of Palestine']);

    await act(async () => {
      fireEvent.change(screen.getByLabelText('Regional group'), { target: { value: 'african' } });
    });
    expect(rowNames()).toEqual(['Algeria', 'Ghana']);
    expect(screen.getByRole('status').textContent).toBe('Showing 2 States of 5');

    await act(async () => {
      fireEvent.change(screen.getByLabelText('Search by name or code'), { target: { value: 'gha' } });
    });
    expect(rowNames()).toEqual(['Ghana']);
  });
});
