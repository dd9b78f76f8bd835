import { useId } from 'react';
import type { PingResult } from '../../../../common/ping-tests.ts';
import type { MapResult } from './ping-labels.ts';

/**
 * Fills for results. Colours from the Okabe–Ito palette (told apart with the common colour-vision
 * deficiencies), and each but "in time" and "not targeted" also carries a texture, so print in
 * black and white and readers who see no colour still tell them apart. Text always says it too.
 */
export type FillKey = 'good' | 'late' | 'missed' | 'bounced' | 'key' | 'pending' | 'none';

export const RESULT_FILL: Record<PingResult, FillKey> = {
  acknowledged: 'good',
  late: 'late',
  no_response: 'missed',
  bounced: 'bounced',
  key_problem: 'key',
  pending: 'pending',
};

export const MAP_FILL: Record<MapResult, FillKey> = {
  reached: 'good',
  late: 'late',
  not_reached: 'missed',
  pending: 'pending',
  not_targeted: 'none',
};

const COLOURS: Record<FillKey, string> = {
  good: '#009e73',
  late: '#e69f00',
  missed: '#d55e00',
  bounced: '#cc79a7',
  key: '#0072b2',
  pending: '#56b4e9',
  none: '#dde3e9',
};

const INK = '#1b1f24';

/** The texture drawn over a colour, in a tile of `size` user units. */
function Texture({ fill, size }: { fill: FillKey; size: number }) {
  const w = size / 6;
  switch (fill) {
    case 'late':
      return <line x1={0} y1={0} x2={0} y2={size} stroke={INK} strokeWidth={w} strokeOpacity={0.6} />;
    case 'missed':
      return (
        <>
          <line x1={0} y1={0} x2={0} y2={size} stroke={INK} strokeWidth={w} strokeOpacity={0.6} />
          <line x1={0} y1={0} x2={size} y2={0} stroke={INK} strokeWidth={w} strokeOpacity={0.6} />
        </>
      );
    case 'bounced':
      return <line x1={0} y1={size / 2} x2={size} y2={size / 2} stroke={INK} strokeWidth={w} strokeOpacity={0.5} />;
    case 'key':
      return <line x1={size / 2} y1={0} x2={size / 2} y2={size} stroke="#ffffff" strokeWidth={w} />;
    case 'pending':
      return <circle cx={size / 2} cy={size / 2} r={size / 6} fill={INK} fillOpacity={0.55} />;
    case 'good':
    case 'none':
      return null;
  }
}

const FILLS = Object.keys(COLOURS) as FillKey[];

/** A prefix for pattern ids usable in url(#…): React's ids carry characters a URL reference may not. */
export function usePatternPrefix(): string {
  return `p${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
}

export const fillOf = (prefix: string, fill: FillKey) => `url(#${prefix}-${fill})`;

/** The patterns one SVG uses, sized for its own user units (a tile of `size`). */
export function PatternDefs({ prefix, size }: { prefix: string; size: number }) {
  return (
    <defs>
      {FILLS.map((fill) => (
        <pattern
          key={fill}
          id={`${prefix}-${fill}`}
          width={size}
          height={size}
          patternUnits="userSpaceOnUse"
          patternTransform={fill === 'late' ? 'rotate(45)' : fill === 'missed' ? 'rotate(45)' : undefined}
        >
          <rect width={size} height={size} fill={COLOURS[fill]} />
          <Texture fill={fill} size={size} />
        </pattern>
      ))}
    </defs>
  );
}

/** A legend's sample of a fill, beside its text. */
export function Swatch({ fill }: { fill: FillKey }) {
  const prefix = usePatternPrefix();
  return (
    <svg className="ping-swatch" viewBox="0 0 18 18" aria-hidden="true" focusable="false">
      <PatternDefs prefix={prefix} size={6} />
      <rect x={0.5} y={0.5} width={17} height={17} fill={fillOf(prefix, fill)} stroke={INK} strokeWidth={1} />
    </svg>
  );
}
