// Sparklines (small SVG, one per figure) and the metric chart (uPlot, from the WebJar).
import {uPlot} from './vendor.js';
import {h, svg} from './dom.js';
import * as fmt from './format.js';

const WINDOW_MS = {'1m': 60e3, '5m': 300e3, '1h': 3600e3, '6h': 6 * 3600e3, '24h': 86400e3, '7d': 7 * 86400e3};

/**
 * A metric of a /metrics series as one value per bucket of the whole range [from, to): the series
 * lists only buckets with records; volume is 0 in the others, every other metric has no value there.
 */
export function perBucket(series, name) {
    const step = WINDOW_MS[series.resolution];
    const from = Date.parse(series.from);
    const to = Date.parse(series.to);
    const byStart = new Map(series.buckets.map(b => [Date.parse(b.start), b.metrics]));
    const times = [];
    const values = [];
    for (let t = from; t < to; t += step) {
        const m = byStart.get(t);
        times.push(t / 1000);
        values.push(m ? m[name] ?? null : (name === 'executions' ? 0 : null));
    }
    return {times, values};
}

/** A sparkline of values (nulls leave gaps), described for screen readers by label. */
export function sparkline(values, label) {
    const W = 120;
    const H = 28;
    const known = values.filter(v => v !== null && v !== undefined);
    const chart = svg('svg', {class: 'spark', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label,
        preserveAspectRatio: 'none'});
    if (known.length === 0) return chart;
    const lo = Math.min(...known);
    const hi = Math.max(...known);
    const x = i => values.length === 1 ? W / 2 : (i * W) / (values.length - 1);
    const y = v => hi === lo ? H / 2 : H - 2 - ((v - lo) * (H - 4)) / (hi - lo);
    let run = [];
    const flush = () => {
        if (run.length === 1) chart.append(svg('circle', {cx: run[0][0], cy: run[0][1], r: 1.5, class: 'dot'}));
        if (run.length > 1) chart.append(svg('polyline', {points: run.map(p => p.join(',')).join(' '), class: 'line'}));
        run = [];
    };
    values.forEach((v, i) => {
        if (v === null || v === undefined) flush(); else run.push([x(i).toFixed(1), y(v).toFixed(1)]);
    });
    flush();
    return chart;
}

function cssVar(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/**
 * A uPlot line chart of one metric of a series in container, resized with it; returns a function that
 * removes it. The figure's words (a caption and a table of the same values) are the caller's.
 */
export function lineChart(container, series, metricName) {
    const m = fmt.metric(metricName) || {label: metricName, kind: 'score'};
    const {times, values} = perBucket(series, metricName);
    const axis = {stroke: cssVar('--fg-muted'), grid: {stroke: cssVar('--grid'), width: 1}, ticks: {stroke: cssVar('--grid')}};
    const width = () => Math.max(280, container.clientWidth);
    const plot = new uPlot({
        width: width(),
        height: 240,
        series: [
            {},
            {label: m.label, stroke: cssVar('--series-1'), width: 2, spanGaps: false,
                points: {show: true, size: 4}, value: (u, v) => fmt.value(m.kind, v)},
        ],
        // Counts keep uPlot's own tick labels (rounding 2.5 to "3" would mislabel the scale).
        axes: [axis, m.kind === 'count' ? {...axis, size: 60}
            : {...axis, size: 70, values: (u, ticks) => ticks.map(v => fmt.value(m.kind, v))}],
        scales: {x: {time: true}},
        cursor: {drag: {x: false, y: false}},
    }, [times, values], container);
    const resize = new ResizeObserver(() => plot.setSize({width: width(), height: 240}));
    resize.observe(container);
    return () => {
        resize.disconnect();
        plot.destroy();
    };
}

/** The period picker: 1 h / 24 h / 7 d as toggle buttons (aria-pressed), keyboard-reachable as any button. */
export function periodPicker(current, onPick) {
    return h('div', {class: 'segmented', role: 'group', 'aria-label': 'Period'},
        fmt.PERIODS.map(p => h('button', {type: 'button', 'aria-pressed': String(p === current), dataset: {period: p},
            onclick: () => onPick(p)}, p)));
}

/**
 * A forest plot: one row per item {name, estimate, low, high} (low/high may be null: the point alone),
 * on one horizontal scale, with a reference line at zero when zero lies in range (the differences'
 * chart). SVG scaled to the container's width; label names it for screen readers, and the caller
 * shows the same figures in a table.
 */
export function intervalChart(items, {label, format = v => String(v), reference = null}) {
    // Drawn at about the width it will have (text keeps its size on a phone instead of shrinking with the chart).
    const W = Math.round(Math.min(640, Math.max(300, window.innerWidth - 48)));
    const LEFT = W < 480 ? 80 : 150;
    const RIGHT = 20;
    const ROW = 30;
    const H = items.length * ROW + 34;
    const values = items.flatMap(i => [i.estimate, i.low, i.high]).filter(v => v !== null && v !== undefined && Number.isFinite(v));
    if (reference !== null) values.push(reference);
    let lo = Math.min(...values);
    let hi = Math.max(...values);
    if (!(hi > lo)) {
        lo -= Math.abs(lo) * 0.1 || 1;
        hi += Math.abs(hi) * 0.1 || 1;
    }
    const pad = (hi - lo) * 0.06;
    lo -= pad;
    hi += pad;
    const x = v => LEFT + ((v - lo) * (W - LEFT - RIGHT)) / (hi - lo);
    const chart = svg('svg', {class: 'forest', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label});
    if (reference !== null) {
        chart.append(svg('line', {x1: x(reference), x2: x(reference), y1: 4, y2: H - 24, class: 'reference'}));
    }
    items.forEach((item, i) => {
        const y = 18 + i * ROW;
        chart.append(svg('text', {x: LEFT - 8, y: y + 4, 'text-anchor': 'end', class: 'name'}, item.name));
        if (item.low !== null && item.low !== undefined && item.high !== null && item.high !== undefined) {
            chart.append(svg('line', {x1: x(item.low), x2: x(item.high), y1: y, y2: y, class: 'interval'}));
            for (const end of [item.low, item.high]) {
                chart.append(svg('line', {x1: x(end), x2: x(end), y1: y - 6, y2: y + 6, class: 'interval'}));
            }
        }
        if (item.estimate !== null && item.estimate !== undefined) {
            chart.append(svg('rect', {x: x(item.estimate) - 5, y: y - 5, width: 10, height: 10, class: `estimate ${i === 0 ? 'first' : ''}`}));
        }
    });
    const axisY = H - 10;
    for (const v of [lo + pad, (lo + hi) / 2, hi - pad]) {
        chart.append(svg('text', {x: x(v), y: axisY, 'text-anchor': 'middle', class: 'tick'}, format(v)));
    }
    return chart;
}
