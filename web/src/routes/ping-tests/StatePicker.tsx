import { useMemo, useState } from 'react';
import type { State } from '../../../../common/schemas/states.ts';
import { Check } from '../../components/Check.tsx';
import { useLocale, useT } from '../../i18n/use-t.ts';
import { filterStates } from '../state-search.ts';

const MAX_MATCHES = 24;

interface StatePickerProps {
  states: readonly State[];
  chosen: readonly string[];
  onChange: (chosen: string[]) => void;
}

/**
 * Named States: type a name (in the UI language, accents and Arabic vowels optional), an ISO code
 * or an M49 code, tick the matches; the chosen ones stay listed with a button to take each out.
 */
export function StatePicker({ states, chosen, onChange }: StatePickerProps) {
  const t = useT();
  const locale = useLocale();
  const [query, setQuery] = useState('');
  const matches = useMemo(
    () => (query.trim() ? filterStates(states, { query, group: '' }, locale).slice(0, MAX_MATCHES) : []),
    [states, query, locale],
  );
  const nameOf = (m49: string) => states.find((state) => state.m49 === m49)?.names[locale] ?? m49;
  const toggle = (m49: string, on: boolean) =>
    onChange(on ? [...chosen.filter((v) => v !== m49), m49] : chosen.filter((v) => v !== m49));

  return (
    <div className="ping-state-picker">
      <div className="field">
        <label htmlFor="ping-state-search">{t('ping.ui.form.stateSearch')}</label>
        <p id="ping-state-search-hint" className="field-hint">
          {t('ping.ui.form.stateSearchHint')}
        </p>
        <input
          id="ping-state-search"
          type="search"
          dir="auto"
          autoComplete="off"
          aria-describedby="ping-state-search-hint"
          aria-controls="ping-state-matches"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
      <div id="ping-state-matches" className="check-grid" role="group" aria-label={t('ping.ui.form.stateMatches')}>
        {matches.map((state) => (
          <Check
            key={state.m49}
            id={`ping-state-${state.m49}`}
            label={state.names[locale]}
            checked={chosen.includes(state.m49)}
            onChange={(on) => toggle(state.m49, on)}
          />
        ))}
      </div>
      {query.trim() && matches.length === 0 && <p className="field-hint">{t('ping.ui.form.stateNoMatch')}</p>}
      <p className="ping-chosen-count" id="ping-chosen-count" aria-live="polite">
        {t('ping.ui.form.statesChosen', { count: chosen.length })}
      </p>
      {chosen.length > 0 && (
        <ul className="ping-chips" aria-labelledby="ping-chosen-count">
          {chosen.map((m49) => (
            <li key={m49} className="ping-chip">
              <span>{nameOf(m49)}</span>
              <button
                type="button"
                className="ping-chip-remove"
                aria-label={t('ping.ui.form.removeState', { state: nameOf(m49) })}
                onClick={() => toggle(m49, false)}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
