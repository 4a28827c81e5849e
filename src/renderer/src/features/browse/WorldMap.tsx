// An offline choropleth of Actions per partner country: Natural Earth shapes shipped with the app
// (world-atlas), projected with d3-geo. No tiles, no network.
import { geoEqualEarth, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import codes from 'i18n-iso-countries/codes.json';
import world from 'world-atlas/countries-50m.json';
import { href } from '../../app/router';
import { useLabels } from '../../components/labels';

const WIDTH = 960;
const HEIGHT = 470;
// Natural Earth has no ISO code for these; Kosovo is XK in the knowledge base.
const BY_NAME: Record<string, string> = { Kosovo: 'XK', Somaliland: 'SO', 'N. Cyprus': 'CY' };
const SHADES = ['#dbe7f3', '#a9c7e4', '#6fa1cf', '#3a76b3', '#0f4c8a'];

interface Shape {
  code: string | null;
  d: string;
}

let cachedShapes: Shape[] | null = null;
function shapes(): Shape[] {
  if (cachedShapes) return cachedShapes;
  const numericToAlpha2 = new Map((codes as string[][]).map(([a2, , num]) => [String(num).padStart(3, '0'), a2!]));
  const topo = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const fc = feature(topo, topo.objects.countries) as FeatureCollection<Geometry, { name: string }>;
  // Antarctica takes a fifth of the picture and holds no Action.
  const features = fc.features.filter((f) => f.properties.name !== 'Antarctica');
  const projection = geoEqualEarth().fitSize([WIDTH, HEIGHT], { type: 'FeatureCollection', features } as FeatureCollection);
  const path = geoPath(projection);
  cachedShapes = features.map((f: Feature<Geometry, { name: string }>) => ({
    code: (f.id !== undefined ? numericToAlpha2.get(String(f.id)) : undefined) ?? BY_NAME[f.properties.name] ?? null,
    d: path(f) ?? '',
  }));
  return cachedShapes;
}

const NONE = '#eef1f4';

/** Up to five classes on a log scale (most countries have one or two Actions, a few many), none empty. */
export function classes(max: number): { from: number; to: number; colour: string }[] {
  const starts = [...new Set(Array.from({ length: SHADES.length }, (_, i) => Math.max(1, Math.round(Math.pow(max, i / (SHADES.length - 1))))))];
  return starts.map((from, k) => ({
    from,
    to: k + 1 < starts.length ? starts[k + 1]! - 1 : max,
    colour: SHADES[starts.length === 1 ? SHADES.length - 1 : Math.round((k * (SHADES.length - 1)) / (starts.length - 1))]!,
  }));
}

export default function WorldMap({ counts }: { counts: Map<string, number> }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const all = useMemo(shapes, []);
  const max = Math.max(1, ...counts.values());
  const legend = classes(max);
  const fill = (n: number) => (n <= 0 ? NONE : ([...legend].reverse().find((c) => n >= c.from)?.colour ?? NONE));
  return (
    <figure className="world-map">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="group" aria-label={t('browse.map')}>
        {all.map((s, i) => {
          const n = s.code ? (counts.get(s.code) ?? 0) : 0;
          if (!s.code || n === 0) return <path key={i} d={s.d} fill={NONE} className="country" aria-hidden="true" />;
          const label = t('browse.countryActions', { country: labels.label('country', s.code), count: n });
          return (
            <a key={i} href={href('/actions', { country: s.code })} aria-label={label} className="country-link">
              <title>{label}</title>
              <path d={s.d} fill={fill(n)} className="country active" />
            </a>
          );
        })}
      </svg>
      <figcaption className="map-legend">
        <span>{t('browse.mapLegend')}:</span>
        <span className="legend-swatch" style={{ background: NONE }}>
          0
        </span>
        {legend.map((c, i) => (
          <span key={c.from} className={`legend-swatch${i >= legend.length / 2 ? ' dark' : ''}`} style={{ background: c.colour }}>
            {c.from === c.to ? c.from : `${c.from}–${c.to}`}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
