// One prompt: its versions with status and content hash, the lifecycle moves the caller's role allows
// (each confirmed in a dialog, deploy and roll back with a reason), the active version, the audit
// events, and a chart of one metric over a period.
import {api, query, seg} from '../api.js';
import {announce, fill, h, scroller} from '../dom.js';
import {lineChart, periodPicker} from '../charts.js';
import {confirmAction} from '../dialog.js';
import * as fmt from '../format.js';
import {setParams} from '../nav.js';

const STATUS_ORDER = ['active', 'staged', 'draft', 'deprecated'];

export async function show(main, {args: [id], params, can}) {
    const path = `/prompts/${seg(id)}`;
    let period = fmt.PERIODS.includes(params.get('period')) ? params.get('period') : '24h';
    let metricName = fmt.metric(params.get('metric')) ? params.get('metric') : 'executions';
    const operate = can('operator');
    let removeChart = () => {};

    const head = h('div', {class: 'page-head'});
    const activeBox = h('section', {class: 'active-box', 'aria-labelledby': 'active-title'});
    const versionsBox = h('section', {'aria-labelledby': 'versions-title'});
    const chartBox = h('section', {'aria-labelledby': 'chart-title'});
    const eventsBox = h('section', {'aria-labelledby': 'events-title'});
    fill(main, head, activeBox, versionsBox, chartBox, eventsBox);

    /** Reads the prompt, its versions and its events again and draws them (after every change too). */
    const drawRegistry = async () => {
        const [prompt, versions, events] = await Promise.all([
            api(path), api(`${path}/versions`), api(`${path}/events`)]);
        const active = versions.find(v => v.status === 'active');
        fill(head, h('h1', {}, prompt.name || prompt.id),
            h('p', {class: 'muted'}, prompt.id, prompt.tags?.length ? ` · ${prompt.tags.join(', ')}` : '',
                prompt.description ? ` · ${prompt.description}` : ''));
        drawActive(active, prompt);
        drawVersions(versions);
        drawEvents(events);
    };

    const drawActive = (active, prompt) => {
        activeBox.dataset.activeVersion = active ? active.version : '';
        const rollback = operate && active && active.rollbackTo
            ? h('button', {type: 'button', class: 'danger', dataset: {action: 'rollback'},
                onclick: () => move({
                    title: `Roll back ${prompt.id}?`,
                    text: `Version ${active.version} is deprecated and ${active.rollbackTo} becomes active again.`,
                    confirm: `Roll back to ${active.rollbackTo}`, reason: 'Reason (kept in the audit events)', reasonRequired: true,
                    call: reason => api(`${path}/rollback`, {method: 'POST', body: {reason}}),
                    done: `Rolled back to ${active.rollbackTo}`,
                })}, `Roll back to ${active.rollbackTo}…`)
            : null;
        fill(activeBox,
            h('h2', {id: 'active-title'}, 'Active version'),
            active
                ? h('p', {}, h('strong', {id: 'active-version'}, active.version),
                    ` · deployed ${fmt.time(active.deployedAt)} by ${active.deployedBy || '–'}`,
                    active.rollbackTo ? ` · rollback reference ${active.rollbackTo}` : '', ' ', rollback)
                : h('p', {id: 'active-version', class: 'muted'}, 'None: no version is deployed.'));
    };

    const drawVersions = versions => {
        const sorted = [...versions].sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status));
        fill(versionsBox,
            h('h2', {id: 'versions-title'}, 'Versions'),
            scroller('Versions', h('table', {class: 'versions'},
                h('thead', {}, h('tr', {},
                    h('th', {scope: 'col'}, 'Version'), h('th', {scope: 'col'}, 'Status'), h('th', {scope: 'col'}, 'Content hash'),
                    h('th', {scope: 'col'}, 'Created'), h('th', {scope: 'col'}, 'Deployed'),
                    operate ? h('th', {scope: 'col'}, 'Actions') : null)),
                h('tbody', {}, sorted.map(v => h('tr', {dataset: {version: v.version, status: v.status}},
                    h('th', {scope: 'row'}, v.version),
                    h('td', {}, h('span', {class: `badge status-${v.status}`}, v.status)),
                    h('td', {}, h('code', {title: v.contentHash}, fmt.shortHash(v.contentHash))),
                    h('td', {}, fmt.time(v.createdAt), v.createdBy ? ` · ${v.createdBy}` : ''),
                    h('td', {}, v.deployedAt ? `${fmt.time(v.deployedAt)} · ${v.deployedBy || ''}` : '–'),
                    operate ? h('td', {class: 'actions'}, actions(v)) : null))))));
    };

    /** The moves the registry allows from a version's status (README: lifecycle), for operators. */
    const actions = v => {
        const vpath = `${path}/versions/${seg(v.version)}`;
        const out = [];
        if (v.status === 'draft') {
            out.push(button('stage', `Stage ${v.version}`, 'Stage', () => move({
                title: `Stage ${v.version}?`, text: `Version ${v.version} becomes staged: ready to deploy.`,
                confirm: 'Stage', call: () => api(`${vpath}/stage`, {method: 'POST'}), done: `Staged ${v.version}`,
            })));
        }
        if (v.status === 'staged') {
            out.push(button('deploy', `Deploy ${v.version}`, 'Deploy…', () => move({
                title: `Deploy ${v.version}?`,
                text: `Version ${v.version} becomes the active version of ${id}; the one active now becomes its rollback reference.`,
                confirm: `Deploy ${v.version}`, reason: 'Reason (kept in the audit events)', reasonRequired: true,
                call: reason => api(`${vpath}/deploy`, {method: 'POST', body: {reason}}), done: `Deployed ${v.version}`,
            }), 'primary'));
        }
        if (v.status === 'draft' || v.status === 'staged') {
            out.push(button('deprecate', `Deprecate ${v.version}`, 'Deprecate…', () => move({
                title: `Deprecate ${v.version}?`, text: `Version ${v.version} can no longer be staged or deployed.`,
                confirm: 'Deprecate', call: () => api(`${vpath}/deprecate`, {method: 'POST'}), done: `Deprecated ${v.version}`,
            }), 'danger'));
        }
        return out;
    };

    const button = (action, label, text, onclick, kind = '') => h('button', {type: 'button', class: kind,
        'aria-label': label, dataset: {action}, onclick}, text);

    const move = async ({title, text, confirm, reason, reasonRequired, call, done}) => {
        const result = await confirmAction({title, text, confirm, reason, reasonRequired, action: call});
        if (result) {
            await drawRegistry();
            announce(done);
            (versionsBox.querySelector('h2') || main).focus?.();
        }
    };

    const drawEvents = events => {
        const newest = [...events].sort((a, b) => (b.at || '').localeCompare(a.at || '') || (b.id - a.id));
        fill(eventsBox,
            h('h2', {id: 'events-title'}, 'Audit events'),
            newest.length === 0 ? h('p', {class: 'muted'}, 'No events.') : scroller('Audit events', h('table', {class: 'events'},
                h('thead', {}, h('tr', {}, ['When', 'Action', 'Version', 'From → to', 'Who', 'Reason']
                    .map(t => h('th', {scope: 'col'}, t)))),
                h('tbody', {}, newest.map(e => h('tr', {dataset: {event: e.action, version: e.version}},
                    h('td', {class: 'when'}, fmt.time(e.at)), h('td', {}, e.action), h('td', {}, e.version || '–'),
                    h('td', {}, `${e.from || '–'} → ${e.to || '–'}`), h('td', {}, e.actor || '–'),
                    h('td', {class: 'reason'}, e.reason || '')))))));
    };

    const drawChart = async () => {
        removeChart();
        const to = new Date();
        const from = new Date(to.getTime() - fmt.periodMs(period));
        const series = await api(`/metrics${query({promptId: id, from: from.toISOString(), to: to.toISOString()})}`);
        const m = fmt.metric(metricName);
        const select = h('select', {id: 'chart-metric', onchange: e => {
            metricName = e.target.value;
            setParams({period, metric: metricName});
            drawChart();
        }}, fmt.METRICS.map(x => h('option', {value: x.name, selected: x.name === metricName}, x.label)));
        const plot = h('div', {class: 'chart', role: 'img',
            'aria-label': `${m.label} per ${series.resolution} bucket over the last ${period}; ${series.buckets.length} buckets with records`});
        fill(chartBox,
            h('div', {class: 'page-head'},
                h('h2', {id: 'chart-title'}, 'Metrics'),
                h('div', {class: 'controls'},
                    h('label', {for: 'chart-metric'}, 'Metric '), select,
                    periodPicker(period, p => {
                        period = p;
                        setParams({period, metric: metricName});
                        drawChart();
                    }))),
            plot,
            h('p', {class: 'muted small'}, `${series.resolution} buckets, ${fmt.time(series.from)} – ${fmt.time(series.to)}`));
        removeChart = series.buckets.length === 0
            ? (fill(plot, h('p', {class: 'muted'}, 'No records in this period.')), () => {})
            : lineChart(plot, series, metricName);
    };

    await drawRegistry();
    await drawChart();
    return () => removeChart();
}
