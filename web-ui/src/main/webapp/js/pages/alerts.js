// Alerts: newest first, filtered by state, in keyset pages; operators acknowledge and resolve.
import {api, query, seg} from '../api.js';
import {announce, fill, h, scroller} from '../dom.js';
import {confirmAction} from '../dialog.js';
import * as fmt from '../format.js';
import {setParams} from '../nav.js';

const STATES = ['firing', 'acknowledged', 'resolved', 'all'];

export async function show(main, {params, can}) {
    let state = STATES.includes(params.get('state')) ? params.get('state') : 'firing';
    const operate = can('operator');
    const filter = h('div');
    const list = h('section', {'aria-labelledby': 'alerts-title'});
    fill(main, h('div', {class: 'page-head'}, h('h1', {}, 'Alerts'), filter), list);

    const draw = async () => {
        fill(filter, h('div', {class: 'segmented', role: 'group', 'aria-label': 'State'},
            STATES.map(s => h('button', {type: 'button', 'aria-pressed': String(s === state), dataset: {state: s},
                onclick: () => {
                    state = s;
                    setParams({state});
                    draw();
                }}, s))));
        const rows = h('tbody');
        const more = h('p');
        fill(list, h('h2', {id: 'alerts-title', class: 'sr-only'}, `${state} alerts`),
            scroller('Alerts', h('table', {class: 'alerts'},
                h('thead', {}, h('tr', {}, ['Severity', 'State', 'Prompt', 'Rule', 'Value', 'Fired', 'Handled',
                    ...(operate ? ['Actions'] : [])].map(t => h('th', {scope: 'col'}, t)))),
                rows)),
            more);
        const page = async after => {
            const answer = await api(`/alerts${query({state: state === 'all' ? null : state, after, limit: 50})}`);
            rows.append(...answer.alerts.map(row));
            if (!rows.children.length) rows.append(h('tr', {}, h('td', {colspan: operate ? 8 : 7, class: 'muted'}, `No ${state === 'all' ? '' : state + ' '}alerts.`)));
            fill(more, answer.next ? h('button', {type: 'button', onclick: () => page(answer.next)}, 'Older alerts') : null);
        };
        await page(null);
    };

    const row = a => h('tr', {dataset: {alert: a.id, state: a.state}},
        h('td', {}, h('span', {class: `badge sev-${a.severity}`}, a.severity)),
        h('td', {class: 'state'}, a.state),
        h('td', {}, a.promptId ? h('a', {href: `#/prompts/${encodeURIComponent(a.promptId)}`}, a.promptId) : '–',
            a.version ? ` ${a.version}` : ''),
        h('td', {}, a.ruleName || a.kind, a.detail ? h('div', {class: 'muted small'}, a.detail) : null),
        h('td', {}, a.value !== null && a.value !== undefined
            ? `${a.metric} ${num(a.value)} ${a.comparison || ''} ${num(a.limit)}${a.window ? ` (${a.window}, n=${a.samples})` : ''}` : '–'),
        h('td', {class: 'when'}, fmt.time(a.firedAt)),
        h('td', {}, handled(a)),
        operate ? h('td', {class: 'actions'}, actions(a)) : null);

    const handled = a => [
        a.acknowledgedAt ? h('div', {}, `acknowledged ${fmt.time(a.acknowledgedAt)} by ${a.acknowledgedBy}`,
            a.acknowledgeNote ? `: ${a.acknowledgeNote}` : '') : null,
        a.resolvedAt ? h('div', {}, `resolved ${fmt.time(a.resolvedAt)}${a.resolvedBy ? ` by ${a.resolvedBy}` : ''}`,
            a.resolveNote ? `: ${a.resolveNote}` : '') : null,
    ];

    const actions = a => {
        const out = [];
        if (a.state === 'firing') out.push(act(a, 'acknowledge', 'Acknowledge', 'Stops repeated notifications and escalation.'));
        if (a.state === 'firing' || a.state === 'acknowledged') out.push(act(a, 'resolve', 'Resolve', 'Closes the alert by hand; the rule\'s channels are told.'));
        return out;
    };

    const act = (a, action, label, text) => h('button', {type: 'button', dataset: {action},
        'aria-label': `${label} alert ${a.ruleName || a.kind} on ${a.promptId || 'all prompts'}`,
        onclick: async () => {
            const done = await confirmAction({title: `${label} this alert?`, text, confirm: label, reason: 'Note (optional)',
                action: note => api(`/alerts/${seg(a.id)}/${action}`, {method: 'POST', body: {note}})});
            if (done) {
                announce(`${label}d`);
                await draw();
            }
        }}, `${label}…`);

    await draw();
}

function num(v) {
    return v === null || v === undefined ? '' : Number(v.toPrecision(4)).toString();
}
