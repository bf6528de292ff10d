import type { VNode } from 'preact';
import type { Web } from '../web/page.ts';

/**
 * A line chart as plain SVG, drawn on the server: readable without
 * JavaScript, with the table behind it as its text alternative.
 */
export interface Series {
  name: string;
  values: (number | null)[];
  colour: string;
  dashed?: boolean;
}

export interface ChartProps {
  id: string;
  title: string;
  labels: string[];
  series: Series[];
  yUnit: string;
  /** Horizontal target lines or bands. */
  targets?: { from: number; to?: number; label: string }[];
  /** Points (by index) whose interval up to the next point is shaded: holiday weeks. */
  marks?: { index: number; label: string }[];
  /** The table behind the chart, when it holds more than the drawn series. */
  table?: VNode;
  /** Links under the chart: its downloads. */
  downloads?: { href: string; label: string }[];
  web: Web;
}

const W = 720;
const H = 260;
const PAD = { left: 48, right: 16, top: 16, bottom: 36 };

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(v));
  return Math.ceil(v / step) * step;
}

/** The chart itself, as an SVG element that also stands alone (the SVG download). */
export function ChartSvg(p: Omit<ChartProps, 'web' | 'downloads' | 'table'> & { standalone?: boolean }) {
  const all = [...p.series.flatMap((s) => s.values.filter((v): v is number => v !== null)), ...(p.targets ?? []).map((t) => t.to ?? t.from)];
  const max = niceMax(Math.max(0, ...all));
  const x = (i: number) => PAD.left + (p.labels.length <= 1 ? 0 : (i / (p.labels.length - 1)) * (W - PAD.left - PAD.right));
  const y = (v: number) => PAD.top + (1 - v / max) * (H - PAD.top - PAD.bottom);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(f * max));
  const every = Math.max(1, Math.ceil(p.labels.length / 8));
  const step = p.labels.length <= 1 ? 0 : (W - PAD.left - PAD.right) / (p.labels.length - 1);
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${p.id}-title`} xmlns="http://www.w3.org/2000/svg"
      width={p.standalone ? W : '100%'} height={p.standalone ? H : undefined} style={p.standalone ? undefined : 'max-width:48rem'}
    >
      {p.standalone ? <title id={`${p.id}-title`}>{p.title}</title> : null}
      {p.standalone ? <rect width={W} height={H} fill="#ffffff" /> : null}
      {(p.marks ?? []).map((m) => (
        <rect class="grip-chart-mark" x={x(m.index)} y={PAD.top} width={Math.max(2, Math.min(step, W - PAD.right - x(m.index)))} height={H - PAD.top - PAD.bottom} fill="#f9e11e" opacity="0.35">
          <title>{m.label}</title>
        </rect>
      ))}
      {(p.targets ?? []).map((t) =>
        t.to !== undefined ? (
          <rect x={PAD.left} width={W - PAD.left - PAD.right} y={y(t.to)} height={Math.max(1, y(t.from) - y(t.to))} fill="#39870c" opacity="0.15" />
        ) : (
          <line x1={PAD.left} x2={W - PAD.right} y1={y(t.from)} y2={y(t.from)} stroke="#39870c" stroke-width="2" stroke-dasharray="6 4" />
        ),
      )}
      {ticks.map((t) => (
        <g>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} stroke="#cad6e2" />
          <text x={PAD.left - 6} y={y(t) + 4} text-anchor="end" font-size="11" font-family="sans-serif">{t}</text>
        </g>
      ))}
      {p.labels.map((l, i) => (i % every === 0 ? <text x={x(i)} y={H - 12} text-anchor="middle" font-size="11" font-family="sans-serif">{l.slice(5)}</text> : null))}
      {p.series.map((s) => (
        <polyline
          fill="none" stroke={s.colour} stroke-width="2.5" stroke-dasharray={s.dashed ? '4 3' : undefined}
          points={s.values.map((v, i) => (v === null ? '' : `${x(i).toFixed(1)},${y(v).toFixed(1)}`)).filter(Boolean).join(' ')}
        >
          <title>{s.name}</title>
        </polyline>
      ))}
      <text x={PAD.left} y={11} font-size="11" font-family="sans-serif">{p.yUnit}</text>
    </svg>
  );
}

export function LineChart(p: ChartProps) {
  return (
    <figure class="grip-chart" aria-labelledby={`${p.id}-title`}>
      <figcaption id={`${p.id}-title`} class="utrecht-heading-3">{p.title}</figcaption>
      <ChartSvg {...p} />
      <p class="grip-legend">
        {p.series.map((s) => <span><span class="grip-swatch" style={`border-color:${s.colour};border-style:${s.dashed ? 'dashed' : 'solid'}`}></span>{s.name}</span>)}
        {(p.targets ?? []).map((t) => <span><span class="grip-swatch grip-swatch--target"></span>{t.label}</span>)}
        {(p.marks ?? []).length > 0 ? <span><span class="grip-swatch grip-swatch--mark"></span>{p.web.t('Vakantie of feestdag', 'Holiday')}</span> : null}
      </p>
      {p.downloads?.length ? (
        <p class="grip-downloads">{p.web.t('Downloaden: ', 'Download: ')}{p.downloads.map((d, i) => <>{i > 0 ? ', ' : ''}<a href={d.href} download>{d.label}</a></>)}</p>
      ) : null}
      <details>
        <summary>{p.web.t('De cijfers als tabel', 'The figures as a table')}</summary>
        {p.table ?? <table class="utrecht-table">
          <caption class="utrecht-table__caption">{p.title}</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th scope="col" class="utrecht-table__header-cell">{p.web.t('Week', 'Week')}</th>
              {p.series.map((s) => <th scope="col" class="utrecht-table__header-cell grip-number">{s.name}</th>)}
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {p.labels.map((l, i) => (
              <tr class="utrecht-table__row">
                <th scope="row" class="utrecht-table__cell">{l}</th>
                {p.series.map((s) => <td class="utrecht-table__cell grip-number">{s.values[i] === null ? '—' : String(s.values[i]).replace('.', p.web.lang === 'nl' ? ',' : '.')}</td>)}
              </tr>
            ))}
          </tbody>
        </table>}
      </details>
    </figure>
  );
}
