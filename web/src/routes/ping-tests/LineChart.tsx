import { useId } from 'react';
import { useLocale } from '../../i18n/use-t.ts';
import { directionOf } from '../../../../common/locales.ts';

export interface LinePoint {
  key: string;
  /** Under the x axis: the campaign's month. */
  label: string;
  value: number | null;
  /** The value as people read it ("75 %", "1 h 05 min"). */
  text: string;
}

interface LineChartProps {
  title: string;
  description: string;
  points: readonly LinePoint[];
  max: number;
  ticks: readonly { value: number; label: string }[];
  /** Distinguishes the series by shape and stroke, not only by colour. */
  variant: 'rate' | 'time';
}

const WIDTH = 480;
const HEIGHT = 220;
const MARGIN = { start: 52, end: 20, top: 24, bottom: 40 };
const MAX_VALUE_LABELS = 12;
/** Keeps the first and last points (and their value labels) clear of the axis and the edge. */
const INSET = 44;

/**
 * A hand-drawn SVG line chart, oldest point at the reading start (left in English, right in
 * Arabic), the value axis on the start side. Numbers with units ("96 h", "1 h 05 min") are set
 * left to right in every language, so their anchors are physical; month names keep the page's
 * direction.
 */
export function LineChart({ title, description, points, max, ticks, variant }: LineChartProps) {
  const rtl = directionOf(useLocale()) === 'rtl';
  const id = useId();
  const plotWidth = WIDTH - MARGIN.start - MARGIN.end;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const step = points.length > 1 ? (plotWidth - 2 * INSET) / (points.length - 1) : 0;
  const along = (i: number) => (points.length > 1 ? MARGIN.start + INSET + i * step : MARGIN.start + plotWidth / 2);
  const x = (i: number) => (rtl ? WIDTH - along(i) : along(i));
  const y = (value: number) => MARGIN.top + plotHeight - (Math.min(value, max) / (max || 1)) * plotHeight;
  const axisX = rtl ? WIDTH - MARGIN.start : MARGIN.start;
  const plotEndX = rtl ? MARGIN.end : WIDTH - MARGIN.end;
  const labelEvery = Math.max(1, Math.ceil(points.length / 6));

  const segments: string[] = [];
  let current = '';
  points.forEach((point, i) => {
    if (point.value === null) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(point.value).toFixed(1)}`;
  });
  if (current) segments.push(current);

  return (
    <figure className="ping-chart">
      <figcaption id={`${id}-title`} className="ping-chart-title">
        {title}
      </figcaption>
      <svg
        className={`ping-chart-svg ping-line-${variant}`}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
      >
        <desc id={`${id}-desc`}>{description}</desc>
        {ticks.map((tick) => (
          <g key={tick.value} className="ping-chart-tick">
            <line x1={axisX} x2={plotEndX} y1={y(tick.value)} y2={y(tick.value)} />
            <text
              x={rtl ? axisX + 6 : axisX - 6}
              y={y(tick.value)}
              dy="0.32em"
              direction="ltr"
              textAnchor={rtl ? 'start' : 'end'}
            >
              {tick.label}
            </text>
          </g>
        ))}
        <line className="ping-chart-axis" x1={axisX} x2={plotEndX} y1={y(0)} y2={y(0)} />
        {segments.map((d) => (
          <path key={d} className="ping-line" d={d} fill="none" />
        ))}
        {points.map((point, i) =>
          point.value === null ? null : (
            <g key={point.key} className="ping-point">
              {variant === 'rate' ? (
                <circle cx={x(i)} cy={y(point.value)} r={5} />
              ) : (
                <rect x={x(i) - 5} y={y(point.value) - 5} width={10} height={10} />
              )}
              <title>{`${point.label}: ${point.text}`}</title>
              {points.length <= MAX_VALUE_LABELS && (
                <text className="ping-point-value" x={x(i)} y={y(point.value) - 10} direction="ltr" textAnchor="middle">
                  {point.text}
                </text>
              )}
            </g>
          ),
        )}
        {points.map((point, i) =>
          i % labelEvery === 0 || i === points.length - 1 ? (
            <text key={point.key} className="ping-chart-xlabel" x={x(i)} y={HEIGHT - 14} textAnchor="middle">
              {point.label}
            </text>
          ) : null,
        )}
      </svg>
    </figure>
  );
}
