import { useT } from '../../i18n/use-t.ts';
import { mapResultKey, type MapResult } from './ping-labels.ts';
import { fillOf, MAP_FILL, PatternDefs, usePatternPrefix } from './ResultPatterns.tsx';
import type { Atlas } from './world-atlas.ts';

export interface MapState {
  m49: string;
  name: string;
  result: MapResult;
}

interface WorldMapProps {
  atlas: Atlas;
  /** Every State of the list, targeted or not, by M49. */
  states: ReadonlyMap<string, MapState>;
  title: string;
}

/**
 * The States coloured (and textured) by result. Each State's shape names it and its result in a
 * tooltip; the legend and the table below say the same in text. Territories that are not States
 * are drawn blank. Small States the 1:110m atlas leaves out are listed under the map.
 */
export function WorldMap({ atlas, states, title }: WorldMapProps) {
  const t = useT();
  const prefix = usePatternPrefix();
  const offMap = [...states.values()].filter((state) => state.result !== 'not_targeted' && !atlas.ids.has(state.m49));

  return (
    <>
      <svg className="ping-map" viewBox={atlas.viewBox} role="img" aria-label={title} data-testid="ping-map">
        <PatternDefs prefix={prefix} size={5} />
        {atlas.shapes.map((shape) => {
          const state = states.get(shape.id);
          if (!state) return <path key={shape.id} className="ping-map-other" d={shape.d} />;
          return (
            <path
              key={shape.id}
              className={`ping-map-state ping-map-${state.result}`}
              d={shape.d}
              fill={fillOf(prefix, MAP_FILL[state.result])}
              data-m49={state.m49}
            >
              <title>{`${state.name}: ${t(mapResultKey(state.result))}`}</title>
            </path>
          );
        })}
      </svg>
      {offMap.length > 0 && (
        <p className="ping-map-note">
          {t('ping.ui.map.offMap', {
            states: offMap.map((state) => `${state.name} (${t(mapResultKey(state.result))})`).join(', '),
          })}
        </p>
      )}
    </>
  );
}
