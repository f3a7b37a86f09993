// Overview: firing alerts first, then per prompt the period's figures beside the period before
// (GET /prompts/{id}/summary) with a sparkline of each over the period (GET /metrics).
import {api, query, seg} from '../api.js';
import {fill, h, scroller} from '../dom.js';
import {periodPicker, perBucket, sparkline} from '../charts.js';
import * as fmt from '../format.js';
import {setParams} from '../nav.js';

export async function show(main, {params}) {
    let period = fmt.PERIODS.includes(params.get('period')) ? params.get('period') : '24h';
    const alertsBox = h('section', {class: 'alerts-box', 'aria-labelledby': 'firing-title'});
    const prompts = h('div', {class: 'prompts', id: 'prompts'});
    const picker = h('div');
    fill(main,
        h('div', {class: 'page-head'}, h('h1', {}, 'Overview'), picker),
        alertsBox,
        prompts);

    // Only the latest draw fills the page: a period picked while another one still loads must not be
    // overwritten by the older answer arriving last.
    let latest = 0;
    const draw = async () => {
        const turn = ++latest;
        const shown = period;
        fill(picker, periodPicker(period, p => {
            period = p;
            setParams({period});
            draw().catch(e => fill(prompts, h('p', {class: 'error', role: 'alert'}, e.message)));
        }));
        prompts.setAttribute('aria-busy', 'true');
        // The period the figures are for is named only once they are drawn (tests wait for it).
        delete prompts.dataset.period;
        const [firing, list] = await Promise.all([api('/alerts?state=firing&limit=20'), api('/prompts')]);
        if (turn !== latest) return;
        drawAlerts(alertsBox, firing.alerts);
        const cards = await inBatches(list, 4, p => card(p, shown));
        if (turn !== latest) return;
        fill(prompts, list.length === 0
            ? h('p', {class: 'empty'}, 'No prompts yet. Register one through the API (README, "First calls").')
            : cards);
        prompts.dataset.period = shown;
        prompts.removeAttribute('aria-busy');
    };
    await draw();
}

function drawAlerts(box, alerts) {
    if (alerts.length === 0) {
        fill(box, h('h2', {id: 'firing-title', class: 'quiet'}, 'No firing alerts'));
        box.dataset.count = '0';
        return;
    }
    box.dataset.count = String(alerts.length);
    fill(box,
        h('h2', {id: 'firing-title'}, `Firing alerts (${alerts.length})`),
        h('ul', {class: 'firing'}, alerts.map(a => h('li', {class: `sev-${a.severity}`, dataset: {alert: a.id}},
            h('span', {class: `badge sev-${a.severity}`}, a.severity),
            ' ',
            h('a', {href: `#/prompts/${encodeURIComponent(a.promptId || '')}`}, a.promptId || 'all prompts'),
            a.version ? ` ${a.version}` : '',
            ': ',
            a.ruleName || a.kind,
            a.value !== null && a.value !== undefined ? ` (${a.metric} ${round(a.value)} ${a.comparison || ''} ${round(a.limit)})` : '',
            h('span', {class: 'muted'}, ` since ${fmt.time(a.firedAt)}`)))),
        h('p', {}, h('a', {href: '#/alerts'}, 'All alerts')));
}

function round(v) {
    return v === null || v === undefined ? '' : Number(v.toPrecision(4)).toString();
}

async function card(prompt, period) {
    const path = `/prompts/${seg(prompt.id)}`;
    const summary = await api(`${path}/summary${query({period})}`);
    const series = await api(`/metrics${query({promptId: prompt.id, from: summary.from, to: summary.to})}`);
    const deltas = new Map(summary.total.deltas.map(d => [d.metric, d]));
    const title = `card-${prompt.id}`;
    return h('section', {class: 'card', 'aria-labelledby': title,
        dataset: {prompt: prompt.id, from: summary.from, to: summary.to, resolution: series.resolution}},
        h('div', {class: 'card-head'},
            h('h2', {id: title}, h('a', {href: `#${path}`}, prompt.name || prompt.id)),
            h('span', {class: 'muted'}, prompt.id),
            prompt.activeVersion ? h('span', {class: 'badge status-active'}, `active ${prompt.activeVersion}`)
                : h('span', {class: 'badge'}, 'no active version')),
        h('p', {class: 'muted small'}, `${fmt.time(summary.from)} – ${fmt.time(summary.to)} against the ${period} before`),
        h('div', {class: 'tiles'}, fmt.METRICS.map(m => tile(m, summary.total.current[m.name], deltas.get(m.name),
            perBucket(series, m.name).values, period))));
}

function tile(m, current, d, values, period) {
    const judged = fmt.judgement(m, d);
    const arrow = !d || !d.absolute ? '' : d.absolute > 0 ? '▲ ' : '▼ ';
    return h('div', {class: 'tile', dataset: {metric: m.name}},
        h('span', {class: 'label'}, m.label),
        h('span', {class: 'value', dataset: {value: current ?? ''}}, fmt.value(m.kind, current)),
        h('span', {class: `delta ${judged}`, dataset: {absolute: d?.absolute ?? '', relative: d?.relative ?? ''}},
            arrow, fmt.delta(m.kind, d),
            h('span', {class: 'sr-only'}, judged === 'neutral' ? ' against the previous period'
                : ` against the previous period, ${judged}`)),
        sparkline(values, `${m.label} over the last ${period}, ${values.length} buckets`));
}

/** Runs f over items, at most n at a time (the server has two cores; the browser six connections). */
async function inBatches(items, n, f) {
    const out = [];
    for (let i = 0; i < items.length; i += n) {
        out.push(...await Promise.all(items.slice(i, i + n).map(f)));
    }
    return out;
}
