import { useMemo } from 'react';
import { POC_KINDS } from '../../../../common/directory.ts';
import type { Locale } from '../../../../common/locales.ts';
import { REGIONAL_GROUPS } from '../../../../common/regional-groups.ts';
import type { State } from '../../../../common/schemas/states.ts';
import { Check } from '../../components/Check.tsx';
import { kindKey, languageName } from '../../components/directory-labels.ts';
import { groupKey } from '../../components/labels.ts';
import { useT } from '../../i18n/use-t.ts';
import type { DirectoryFilter } from './directory-query.ts';

/** The six UN languages first, then languages POCs often work in; any other code can be typed. */
const SUGGESTED_LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es', 'pt', 'de', 'sw', 'hi', 'id', 'ja', 'ko', 'tr', 'fa'];

interface DirectoryFiltersProps {
  filter: DirectoryFilter;
  states: readonly State[] | null;
  locale: Locale;
  onChange: (filter: DirectoryFilter) => void;
}

export function DirectoryFilters({ filter, states, locale, onChange }: DirectoryFiltersProps) {
  const t = useT();
  const set = (change: Partial<DirectoryFilter>) => onChange({ ...filter, ...change });
  const stateOptions = useMemo(() => {
    const collator = new Intl.Collator(locale);
    return (states ?? [])
      .filter((state) => !filter.group || state.group === filter.group)
      .sort((a, b) => collator.compare(a.names[locale], b.names[locale]));
  }, [states, filter.group, locale]);

  return (
    <form
      role="search"
      className="filters"
      aria-label={t('directory.filters')}
      onSubmit={(event) => event.preventDefault()}
    >
      <div className="field">
        <label htmlFor="directory-q">{t('directory.filter.q')}</label>
        <input
          id="directory-q"
          type="search"
          value={filter.q}
          maxLength={200}
          onChange={(event) => set({ q: event.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="directory-group">{t('states.group.label')}</label>
        <select
          id="directory-group"
          value={filter.group}
          onChange={(event) => {
            const group = REGIONAL_GROUPS.find((code) => code === event.target.value) ?? '';
            // A State outside the newly chosen group would leave the list empty: drop it.
            const stateFits = !group || states?.find((s) => s.m49 === filter.stateM49)?.group === group;
            set({ group, stateM49: stateFits ? filter.stateM49 : '' });
          }}
        >
          <option value="">{t('states.group.all')}</option>
          {REGIONAL_GROUPS.map((code) => (
            <option key={code} value={code}>
              {t(groupKey(code))}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="directory-state">{t('directory.filter.state')}</label>
        <select
          id="directory-state"
          value={filter.stateM49}
          onChange={(event) => set({ stateM49: event.target.value })}
        >
          <option value="">{t('directory.filter.allStates')}</option>
          {stateOptions.map((state) => (
            <option key={state.m49} value={state.m49}>
              {state.names[locale]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="directory-kind">{t('directory.filter.kind')}</label>
        <select
          id="directory-kind"
          value={filter.kind}
          onChange={(event) => set({ kind: POC_KINDS.find((k) => k === event.target.value) ?? '' })}
        >
          <option value="">{t('directory.filter.allKinds')}</option>
          {POC_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(kindKey(kind))}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="directory-language">{t('directory.filter.language')}</label>
        <input
          id="directory-language"
          className="input-short"
          type="text"
          list="directory-languages"
          value={filter.language}
          maxLength={3}
          autoComplete="off"
          aria-describedby="directory-language-hint"
          onChange={(event) => set({ language: event.target.value })}
        />
        <p id="directory-language-hint" className="field-hint">
          {t('directory.filter.languageHint')}
        </p>
        <datalist id="directory-languages">
          {SUGGESTED_LANGUAGES.map((code) => (
            <option key={code} value={code}>
              {languageName(code, locale)}
            </option>
          ))}
        </datalist>
      </div>
      <div className="filter-checks">
        <Check
          id="directory-247"
          label={t('directory.filter.available247')}
          checked={filter.available247}
          onChange={(available247) => set({ available247 })}
        />
        <Check
          id="directory-stale"
          label={t('directory.filter.stale')}
          checked={filter.stale}
          onChange={(stale) => set({ stale })}
        />
      </div>
    </form>
  );
}
