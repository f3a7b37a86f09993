// Executions: the stored records newest first (GET /executions), filtered by prompt, version, model, outcome
// and period, in keyset pages (the answer's nextCursor asks for the next one: no offsets, no page drift while
// records arrive); and one record as stored (GET /executions/{id}): the text or only its hash, as the prompt's
// privacy mode let the server keep it.
import {api, query, seg} from '../api.js';
import {fill, h, scroller} from '../dom.js';
import * as fmt from '../format.js';
import {setParams} from '../nav.js';

const PERIODS = [
    {name: '1h', label: 'Last hour', ms: 3600e3},
    {name: '24h', label: 'Last 24 hours', ms: 86400e3},
    {name: '7d', label: 'Last 7 days', ms: 7 * 86400e3},
    {name: 'all', label: 'All', ms: null},
];
const PAGE = 50;

export async function show(main, {params}) {
    const prompts = await api('/prompts');
    const filter = {
        promptId: params.get('promptId') || '',
        version: params.get('version') || '',
        model: params.get('model') || '',
        success: ['true', 'false'].includes(params.get('success')) ? params.get('success') : '',
        period: PERIODS.some(p => p.name === params.get('period')) ? params.get('period') : '24h',
    };
    const promptSelect = h('select', {id: 'ex-prompt'}, h('option', {value: ''}, 'All prompts'),
        prompts.map(p => h('option', {value: p.id, selected: p.id === filter.promptId}, p.name ? `${p.name} (${p.id})` : p.id)));
    const versionSelect = h('select', {id: 'ex-version'});
    const modelInput = h('input', {id: 'ex-model', type: 'text', value: filter.model, list: 'ex-models', autocomplete: 'off',
        spellcheck: 'false'});
    const models = h('datalist', {id: 'ex-models'});
    const successSelect = h('select', {id: 'ex-success'},
        [['', 'Any'], ['true', 'Succeeded'], ['false', 'Failed']].map(([v, t]) => h('option', {value: v, selected: v === filter.success}, t)));
    const periodSelect = h('select', {id: 'ex-period'},
        PERIODS.map(p => h('option', {value: p.name, selected: p.name === filter.period}, p.label)));
    const list = h('section', {id: 'ex-list', 'aria-labelledby': 'ex-list-title'});

    const drawVersions = async () => {
        const versions = filter.promptId ? await api(`/prompts/${seg(filter.promptId)}/versions`) : [];
        if (!versions.some(v => v.version === filter.version)) filter.version = '';
        fill(versionSelect, h('option', {value: ''}, filter.promptId ? 'All versions' : 'Choose a prompt first'),
            versions.map(v => h('option', {value: v.version, selected: v.version === filter.version}, `${v.version} (${v.status})`)));
        versionSelect.disabled = !filter.promptId;
    };
    promptSelect.addEventListener('change', async () => {
        filter.promptId = promptSelect.value;
        filter.version = '';
        await drawVersions();
    });

    const form = h('form', {id: 'ex-filters', class: 'panel', novalidate: true},
        h('div', {class: 'fields'},
            h('div', {class: 'field'}, h('label', {for: 'ex-prompt'}, 'Prompt'), promptSelect),
            h('div', {class: 'field'}, h('label', {for: 'ex-version'}, 'Version'), versionSelect),
            h('div', {class: 'field'}, h('label', {for: 'ex-model'}, 'Model'), modelInput, models),
            h('div', {class: 'field'}, h('label', {for: 'ex-success'}, 'Outcome'), successSelect),
            h('div', {class: 'field'}, h('label', {for: 'ex-period'}, 'Period'), periodSelect)),
        h('button', {type: 'submit', class: 'primary', id: 'ex-apply'}, 'Show records'));

    const draw = async () => {
        const period = PERIODS.find(p => p.name === filter.period);
        const to = new Date();
        const base = {
            promptId: filter.promptId, version: filter.version, model: filter.model, success: filter.success,
            from: period.ms ? new Date(to.getTime() - period.ms).toISOString() : null,
            to: period.ms ? to.toISOString() : null, limit: PAGE,
        };
        // Named again only when the first page of this filter is drawn (the browser test waits for it).
        delete list.dataset.pages;
        const rows = h('tbody');
        const more = h('div', {class: 'more'});
        const count = h('p', {id: 'ex-count', class: 'muted small', 'aria-live': 'polite'});
        fill(list, h('h2', {id: 'ex-list-title'}, 'Records, newest first'), count,
            scroller('Execution records', h('table', {class: 'executions'},
                h('thead', {}, h('tr', {}, ['Time', 'Prompt', 'Version', 'Model', 'Outcome', 'Latency', 'Tokens', 'Cost',
                    'Quality', 'Feedback'].map(t => h('th', {scope: 'col'}, t)))),
                rows)),
            more);
        list.setAttribute('aria-busy', 'true');
        let pages = 0;
        const page = async cursor => {
            const answer = await api(`/executions${query({...base, cursor})}`);
            pages++;
            rows.append(...answer.items.map(row));
            list.dataset.pages = String(pages);
            count.textContent = `${rows.children.length} record${rows.children.length === 1 ? '' : 's'} shown`
                + (answer.nextCursor ? '; older ones follow' : '');
            if (!rows.children.length) rows.append(h('tr', {}, h('td', {colspan: 10, class: 'muted'}, 'No records match.')));
            fill(more, answer.nextCursor ? h('button', {type: 'button', id: 'ex-more', onclick: async e => {
                e.target.disabled = true;
                await page(answer.nextCursor);
                rows.querySelector(`tr:nth-child(${(pages - 1) * PAGE + 1}) a`)?.focus();
            }}, `Older records (next ${PAGE})`) : null);
        };
        await page(null);
        list.removeAttribute('aria-busy');
    };

    form.addEventListener('submit', async event => {
        event.preventDefault();
        filter.version = versionSelect.value;
        filter.model = modelInput.value.trim();
        filter.success = successSelect.value;
        filter.period = periodSelect.value;
        setParams(Object.fromEntries(Object.entries(filter).filter(([, v]) => v)));
        await draw();
    });

    fill(main, h('div', {class: 'page-head'}, h('h1', {}, 'Executions')), form, list);
    await drawVersions();
    api(`/metrics/models${query({from: new Date(Date.now() - 7 * 86400e3).toISOString(), to: new Date().toISOString()})}`)
        .then(t => fill(models, t.rows.map(r => h('option', {value: r.name})))).catch(() => {});
    await draw();
}

function row(e) {
    return h('tr', {dataset: {execution: e.executionId, success: e.success}},
        h('td', {class: 'when'}, h('a', {href: `#/executions/${encodeURIComponent(e.executionId)}`,
            'aria-label': `Record ${e.executionId} of ${fmt.time(e.timestamp)}`}, fmt.time(e.timestamp))),
        h('td', {}, e.promptId),
        h('td', {}, e.version),
        h('td', {}, e.model || '–'),
        h('td', {}, e.success ? h('span', {class: 'badge verdict-yes'}, 'ok')
            : h('span', {class: 'badge sev-critical'}, e.errorType ? `failed: ${e.errorType}` : 'failed')),
        h('td', {class: 'num'}, fmt.value('ms', e.latencyMs)),
        h('td', {class: 'num'}, e.totalTokens ?? '–'),
        h('td', {class: 'num'}, fmt.value('cost', e.cost)),
        h('td', {class: 'num'}, e.qualityScore === null || e.qualityScore === undefined ? '–' : e.qualityScore.toFixed(2)),
        h('td', {class: 'num'}, e.userFeedback ?? '–'));
}

/** One record: every field the server kept, input and output as stored (text, or only a hash). */
export async function showOne(main, {args: [id]}) {
    const e = await api(`/executions/${seg(id)}`);
    const item = (label, value) => value === null || value === undefined || value === '' ? null
        : [h('dt', {}, label), h('dd', {}, value)];
    const text = (label, stored, hash) => h('section', {class: 'stored-text', 'aria-label': label},
        h('h3', {}, label),
        stored !== null && stored !== undefined ? h('pre', {class: 'text', tabindex: '0'}, stored)
            : h('p', {class: 'muted'}, hash ? ['Not kept (privacy mode ', e.privacyMode, '): SHA-256 ', h('code', {}, hash)]
                : 'Not kept.'));
    fill(main,
        h('div', {class: 'page-head'}, h('h1', {}, `Record ${e.executionId}`),
            h('a', {href: `#/executions?promptId=${encodeURIComponent(e.promptId)}`}, 'All records of this prompt')),
        h('dl', {class: 'record', id: 'ex-detail', dataset: {execution: e.executionId}},
            item('Prompt', h('a', {href: `#/prompts/${encodeURIComponent(e.promptId)}`}, e.promptId)),
            item('Version', e.version), item('Template', e.templateId), item('Model', e.model),
            item('Time', `${fmt.time(e.timestamp)} (received ${fmt.time(e.receivedAt)})`),
            item('Outcome', e.success ? 'succeeded' : `failed${e.errorType ? `: ${e.errorType}` : ''}`),
            item('Error message', e.errorMessage),
            item('Latency', fmt.value('ms', e.latencyMs)),
            item('Tokens', e.totalTokens === null ? null : `${e.inputTokens ?? '–'} in, ${e.outputTokens ?? '–'} out, ${e.totalTokens} total`),
            item('Cost', e.cost === null ? null : fmt.value('cost', e.cost)),
            item('Quality score', e.qualityScore), item('Discrimination score', e.discriminationScore),
            item('Behavioural score', e.behavioralScore),
            item('User feedback', e.userFeedback === null ? null : `${e.userFeedback} / 5${e.feedbackComment ? `: ${e.feedbackComment}` : ''}`),
            item('Difficulty', e.difficulty), item('Domain', e.domain), item('Temperature', e.temperature),
            item('Conditional path', e.conditionalPath), item('User', e.userId), item('Session', e.sessionId),
            item('Tags', e.tags ? JSON.stringify(e.tags) : null),
            item('Privacy mode', e.privacyMode)),
        h('div', {class: 'two-col'},
            text('Input', e.input, e.inputHash),
            text('Output', e.output, e.outputHash)),
        e.metadata ? h('section', {'aria-label': 'Metadata'}, h('h3', {}, 'Metadata'),
            h('pre', {class: 'text', tabindex: '0'}, JSON.stringify(e.metadata, null, 2))) : null);
}
