import { useEffect, useMemo, useState } from 'react';
import type { PingStateRow } from '../../../../common/schemas/ping-tests.ts';
import type { State } from '../../../../common/schemas/states.ts';
import { useLocale, useT } from '../../i18n/use-t.ts';
import { MAP_RESULTS, mapResultKey } from './ping-labels.ts';
import { MAP_FILL, Swatch } from './ResultPatterns.tsx';
import type { Atlas } from './world-atlas.ts';
import { WorldMap, type MapState } from './WorldMap.tsx';

type AtlasState = { kind: 'loading' } | { kind: 'failed' } | { kind: 'ready'; atlas: Atlas };

/** The projected atlas, fetched with the first map a page shows (a chunk of its own). */
function useAtlas(): AtlasState {
  const [state, setState] = useState<AtlasState>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    import('./world-atlas.ts').then(
      (module) => live && setState({ kind: 'ready', atlas: module.projectAtlas() }),
      () => live && setState({ kind: 'failed' }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}

interface ResultsMapProps {
  rows: readonly PingStateRow[];
  states: readonly State[] | null;
}

/** Where the campaign reached: a world map with its legend in words. */
export function ResultsMap({ rows, states }: ResultsMapProps) {
  const t = useT();
  const locale = useLocale();
  const atlas = useAtlas();
  const byM49 = useMemo(() => {
    const results = new Map(rows.map((row) => [row.stateM49, row.result]));
    const map = new Map<string, MapState>();
    for (const state of states ?? []) {
      map.set(state.m49, {
        m49: state.m49,
        name: state.names[locale],
        result: results.get(state.m49) ?? 'not_targeted',
      });
    }
    return map;
  }, [rows, states, locale]);

  return (
    <figure className="ping-map-figure">
      <figcaption className="visually-hidden">{t('ping.ui.map.title')}</figcaption>
      <ul className="ping-legend" aria-label={t('ping.ui.chart.legend')}>
        {MAP_RESULTS.map((result) => (
          <li key={result}>
            <Swatch fill={MAP_FILL[result]} />
            {t(mapResultKey(result))}
          </li>
        ))}
      </ul>
      <div className="ping-map-frame">
        {atlas.kind === 'ready' && states ? (
          <WorldMap atlas={atlas.atlas} states={byM49} title={t('ping.ui.map.description')} />
        ) : (
          <p className="result-count">{atlas.kind === 'failed' ? t('app.error.network') : t('ping.ui.map.loading')}</p>
        )}
      </div>
    </figure>
  );
}
