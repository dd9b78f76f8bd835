import { geoEqualEarth, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries from 'world-atlas/countries-110m.json' with { type: 'json' };

/*
 * Loaded on demand (dynamic import): the atlas and d3-geo weigh more than the rest of the page,
 * and only a campaign's page draws a map. This module imports nothing the app shell also
 * imports, so the bundler keeps it one self-contained chunk. Natural Earth's ids are ISO 3166-1
 * numeric codes, which are the UN M49 codes of States.
 */

const WIDTH = 960;
const ANTARCTICA = '010';

export interface CountryShape {
  id: string;
  d: string;
}

export interface Atlas {
  viewBox: string;
  shapes: CountryShape[];
  ids: ReadonlySet<string>;
}

let atlas: Atlas | null = null;

/** The countries as SVG paths, projected once per page load (Equal Earth: areas are true). */
export function projectAtlas(): Atlas {
  if (atlas) return atlas;
  const topology = countries as unknown as Topology<{ countries: GeometryCollection }>;
  const all = feature(topology, topology.objects.countries) as FeatureCollection<Geometry>;
  const shown: Feature<Geometry>[] = all.features.filter((f) => f.id !== undefined && f.id !== ANTARCTICA);
  const collection: FeatureCollection<Geometry> = { type: 'FeatureCollection', features: shown };
  const projection = geoEqualEarth().fitWidth(WIDTH, collection);
  const path = geoPath(projection).digits(1);
  const [[, top], [, bottom]] = path.bounds(collection);
  const shapes = shown.map((f) => ({ id: String(f.id), d: path(f) ?? '' })).filter((shape) => shape.d !== '');
  atlas = {
    viewBox: `0 ${Math.floor(top)} ${WIDTH} ${Math.ceil(bottom - top)}`,
    shapes,
    ids: new Set(shapes.map((shape) => shape.id)),
  };
  return atlas;
}
