// How figures are written. One place, so that every page and the browser test read them alike.

const integer = new Intl.NumberFormat('en', {maximumFractionDigits: 0});
const PERIOD_MS = {'1h': 3600e3, '24h': 86400e3, '7d': 7 * 86400e3};

export const PERIODS = ['1h', '24h', '7d'];

/**
 * The metrics the overview shows, as /prompts/{id}/summary and /metrics name them. better: which way is
 * good news (+1 up, -1 down, 0 neither), so that a delta is marked better or worse, not just up or down.
 */
export const METRICS = [
    {name: 'executions', label: 'Volume', kind: 'count', better: 0},
    {name: 'successRate', label: 'Success rate', kind: 'rate', better: 1},
    {name: 'latencyP50Ms', label: 'Latency p50', kind: 'ms', better: -1},
    {name: 'latencyP95Ms', label: 'Latency p95', kind: 'ms', better: -1},
    {name: 'qualityAvg', label: 'Quality', kind: 'score', better: 1},
    {name: 'feedbackAvg', label: 'Feedback', kind: 'feedback', better: 1},
    {name: 'costSum', label: 'Cost', kind: 'cost', better: -1},
];

export function metric(name) {
    return METRICS.find(m => m.name === name);
}

export function value(kind, v) {
    if (v === null || v === undefined || Number.isNaN(v)) return '–';
    switch (kind) {
        case 'count': return integer.format(v);
        case 'rate': return `${(v * 100).toFixed(1)} %`;
        case 'ms': return v >= 10000 ? `${(v / 1000).toFixed(1)} s` : `${integer.format(v)} ms`;
        case 'score': return v.toFixed(2);
        case 'feedback': return `${v.toFixed(2)} / 5`;
        case 'cost': return `$${v < 1 ? v.toFixed(4) : v.toFixed(2)}`;
        default: return String(v);
    }
}

/**
 * A delta as text: the relative change when there is one (previous value not 0), else the absolute
 * change (rates in percentage points), else that there is nothing to compare with.
 */
export function delta(kind, d) {
    if (!d || d.absolute === null || d.absolute === undefined) return 'no previous data';
    if (d.absolute === 0) return 'no change';
    const sign = d.absolute > 0 ? '+' : '−';
    if (d.relative !== null && d.relative !== undefined) {
        const percent = Math.abs(d.relative * 100);
        return `${sign}${percent < 0.05 ? '<0.1' : percent.toFixed(1)} %`;
    }
    if (kind === 'rate') return `${sign}${Math.abs(d.absolute * 100).toFixed(1)} pp`;
    return `${sign}${value(kind, Math.abs(d.absolute))}`;
}

/** 'better', 'worse' or 'neutral' for a delta of a metric. */
export function judgement(m, d) {
    if (!d || !d.absolute || m.better === 0) return 'neutral';
    return Math.sign(d.absolute) === m.better ? 'better' : 'worse';
}

export function periodMs(period) {
    return PERIOD_MS[period];
}

const when = new Intl.DateTimeFormat('en-GB', {
    year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
});

export function time(iso) {
    return iso ? when.format(new Date(iso)) : '–';
}

export function shortHash(hash) {
    return hash ? hash.slice(0, 12) : '–';
}
