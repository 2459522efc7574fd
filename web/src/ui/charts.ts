// Charts drawn as SVG: stacked bars (one row per model, dataset…) and stacked columns (payouts per
// range of blocks). Each has a legend and the same figures as a table for screen readers.
import { h, s, table, uid, type Child } from './dom';

export interface Series {
  key: string;
  label: string;
  /** A CSS class giving the colour (see style.css: .c0 … .c4). */
  cls: string;
}

export interface Row {
  label: string;
  values: Record<string, bigint>;
}

function ratio(value: bigint, max: bigint): number {
  if (max <= 0n) return 0;
  return Number((value * 1_000_000n) / max) / 1_000_000;
}

function total(row: Row, series: Series[]): bigint {
  return series.reduce((sum, se) => sum + (row.values[se.key] ?? 0n), 0n);
}

function legend(series: Series[]): HTMLElement {
  return h('ul', { class: 'legend' }, series.map((se) => h('li', null, h('span', { class: `swatch ${se.cls}`, 'aria-hidden': 'true' }), se.label)));
}

function dataTable(caption: string, series: Series[], rows: Row[], format: (v: bigint) => string): HTMLElement {
  return h(
    'details',
    { class: 'chart-table' },
    h('summary', null, 'The figures as a table'),
    table(caption, ['', ...series.map((se) => se.label), 'Total'], rows.map((r) => [r.label, ...series.map((se) => format(r.values[se.key] ?? 0n)), format(total(r, series))])),
  );
}

/** Horizontal stacked bars, one per row, with its total at the end. */
export function barChart(title: string, series: Series[], rows: Row[], format: (v: bigint) => string, empty: Child = 'Nothing yet.', exact: (v: bigint) => string = format): HTMLElement {
  const id = uid('chart');
  if (rows.length === 0 || rows.every((r) => total(r, series) === 0n)) {
    return h('figure', { class: 'chart' }, h('figcaption', { id }, title), h('p', { class: 'muted' }, empty));
  }
  const max = rows.reduce((m, r) => (total(r, series) > m ? total(r, series) : m), 0n);
  const rowHeight = 28;
  const labelWidth = 150;
  const width = 640;
  const barWidth = width - labelWidth - 170;
  const height = rows.length * rowHeight + 8;
  const svg = s(
    'svg',
    { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': id, class: 'chart-svg', preserveAspectRatio: 'xMinYMin meet' },
    rows.map((row, i) => {
      const y = 4 + i * rowHeight;
      let x = labelWidth;
      const parts = series.map((se) => {
        const w = ratio(row.values[se.key] ?? 0n, max) * barWidth;
        const rect = w > 0 ? s('rect', { x: x.toFixed(2), y: y + 4, width: Math.max(w, 1).toFixed(2), height: rowHeight - 10, class: se.cls }, s('title', null, `${row.label}, ${se.label}: ${format(row.values[se.key] ?? 0n)}`)) : null;
        x += w;
        return rect;
      });
      return s(
        'g',
        null,
        s('text', { x: labelWidth - 8, y: y + rowHeight / 2 + 3, 'text-anchor': 'end', class: 'chart-label' }, row.label.length > 22 ? `${row.label.slice(0, 21)}…` : row.label),
        parts,
        s('text', { x: x + 6, y: y + rowHeight / 2 + 3, class: 'chart-value' }, format(total(row, series))),
      );
    }),
  );
  return h('figure', { class: 'chart' }, h('figcaption', { id }, title), svg, legend(series), dataTable(title, series, rows, exact));
}

/** Vertical stacked columns over ranges of blocks. */
export function columnChart(title: string, series: Series[], rows: Row[], format: (v: bigint) => string, empty: Child = 'Nothing yet.', exact: (v: bigint) => string = format): HTMLElement {
  const id = uid('chart');
  if (rows.length === 0 || rows.every((r) => total(r, series) === 0n)) {
    return h('figure', { class: 'chart' }, h('figcaption', { id }, title), h('p', { class: 'muted' }, empty));
  }
  const max = rows.reduce((m, r) => (total(r, series) > m ? total(r, series) : m), 0n);
  const width = 640;
  const height = 220;
  const left = 8;
  const bottom = 28;
  const top = 22;
  const plot = height - bottom - top;
  const step = (width - left * 2) / rows.length;
  const barW = Math.max(2, step * 0.8);
  const labelEvery = Math.ceil(rows.length / 6);
  const svg = s(
    'svg',
    { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': id, class: 'chart-svg', preserveAspectRatio: 'xMinYMin meet' },
    s('text', { x: left, y: 14, class: 'chart-value' }, `max ${format(max)}`),
    s('line', { x1: left, x2: width - left, y1: top + plot, y2: top + plot, class: 'axis' }),
    rows.map((row, i) => {
      const x = left + i * step + (step - barW) / 2;
      let y = top + plot;
      const parts = series.map((se) => {
        const hgt = ratio(row.values[se.key] ?? 0n, max) * plot;
        if (hgt <= 0) return null;
        y -= hgt;
        return s('rect', { x: x.toFixed(2), y: y.toFixed(2), width: barW.toFixed(2), height: Math.max(hgt, 1).toFixed(2), class: se.cls }, s('title', null, `${row.label}, ${se.label}: ${format(row.values[se.key] ?? 0n)}`));
      });
      return s('g', null, parts, i % labelEvery === 0 ? s('text', { x: x, y: height - 8, class: 'chart-label' }, row.label) : null);
    }),
  );
  return h('figure', { class: 'chart' }, h('figcaption', { id }, title), svg, legend(series), dataTable(title, series, rows, exact));
}
