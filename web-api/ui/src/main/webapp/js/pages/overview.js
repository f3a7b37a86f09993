// Overview: firing alerts first, then a page of prompts (GET /summaries: per prompt the period's figures
// beside the period before, as /prompts/{id}/summary answers them, and a sparkline of each over the
// period, in one call for the page); "More prompts" appends the next page. performance mark
// 'pw:overview-drawn' is set when a period's first page of cards is drawn (DashboardBenchmark reads it).
import {api, query, seg} from '../api.js';
import {fill, h} from '../dom.js';
import {periodPicker, sparkline} from '../charts.js';
import * as fmt from '../format.js';
import {setParams} from '../nav.js';

export const DRAWN_MARK = 'pw:overview-drawn';

export async function show(main, {params}) {
    let period = fmt.PERIODS.includes(params.get('period')) ? params.get('period') : '24h';
    const alertsBox = h('section', {class: 'alerts-box', 'aria-labelledby': 'firing-title'});
    const prompts = h('div', {class: 'prompts', id: 'prompts'});
    const picker = h('div');
    const more = h('div', {class: 'more'});
    fill(main,
        h('div', {class: 'page-head'}, h('h1', {}, 'Overview'), picker),
        alertsBox,
        prompts,
        more);

    // Only the latest draw fills the page: a period picked while another one still loads must not be
    // overwritten by the older answer arriving last (nor a "more" page of the old period appended).
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
        fill(more);
        const [firing, page] = await Promise.all([api('/alerts?state=firing&limit=20'),
            api(`/summaries${query({period: shown})}`)]);
        if (turn !== latest) return;
        drawAlerts(alertsBox, firing.alerts);
        fill(prompts, page.items.length === 0
            ? h('p', {class: 'empty'}, 'No prompts yet. Register one through the API (README, "First calls").')
            : page.items.map(p => card(p, page)));
        prompts.dataset.period = shown;
        prompts.dataset.pages = '1';
        prompts.removeAttribute('aria-busy');
        // Marked at the first frame with the cards (style, layout and paint done), not when they enter the DOM.
        requestAnimationFrame(() => setTimeout(() => {
            if (turn === latest) performance.mark(DRAWN_MARK, {detail: {period: shown, prompts: page.items.length}});
        }));
        moreButton(page.next, turn, shown);
    };

    /** The button that appends the page after `next` (none on the last page); focus goes to the first new card. */
    const moreButton = (next, turn, shown) => {
        fill(more, next ? h('button', {type: 'button', id: 'more-prompts', onclick: async e => {
            e.target.disabled = true;
            prompts.setAttribute('aria-busy', 'true');
            try {
                const page = await api(`/summaries${query({period: shown, after: next})}`);
                if (turn !== latest) return;
                const cards = page.items.map(p => card(p, page));
                prompts.append(...cards);
                prompts.dataset.pages = String(Number(prompts.dataset.pages) + 1);
                moreButton(page.next, turn, shown);
                cards[0]?.querySelector('h2 a')?.focus();
            } catch (error) {
                e.target.disabled = false;
                fill(more, e.target, h('p', {class: 'error', role: 'alert'}, error.message));
            } finally {
                if (turn === latest) prompts.removeAttribute('aria-busy');
            }
        }}, 'More prompts') : null);
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

/** One prompt's card: its figures for the page's period, their deltas and sparklines (all from /summaries). */
function card(entry, page) {
    const path = `/prompts/${seg(entry.promptId)}`;
    const deltas = new Map(entry.total.deltas.map(d => [d.metric, d]));
    const lines = entry.sparklines;
    const title = `card-${entry.promptId}`;
    return h('section', {class: 'card', 'aria-labelledby': title,
        dataset: {prompt: entry.promptId, from: page.from, to: page.to, resolution: lines.resolution}},
        h('div', {class: 'card-head'},
            h('h2', {id: title}, h('a', {href: `#${path}`}, entry.name || entry.promptId)),
            h('span', {class: 'muted'}, entry.promptId),
            entry.activeVersion ? h('span', {class: 'badge status-active'}, `active ${entry.activeVersion}`)
                : h('span', {class: 'badge'}, 'no active version')),
        h('p', {class: 'muted small'}, `${fmt.time(page.from)} – ${fmt.time(page.to)} against the ${page.period} before`),
        h('div', {class: 'tiles'}, fmt.METRICS.map(m => tile(m, entry.total.current[m.name], deltas.get(m.name),
            lines.values[m.name] || [], page.period))));
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
