// Matrix: success rate of every prompt on every model over a period (GET /analysis/matrix), as a heatmap
// table. Colours are viridis in ten steps (ordered in lightness, readable with every common colour-vision
// deficiency and in greyscale), and every cell also writes its rate: colour is never the only carrier. A
// cell's n, successes and Wilson interval show on hover and on keyboard focus (each cell is focusable).
import {api, query} from '../api.js';
import {fill, h, scroller} from '../dom.js';
import {setParams} from '../nav.js';

const PERIODS = [
    {name: '24h', label: '24 h', ms: 86400e3},
    {name: '7d', label: '7 d', ms: 7 * 86400e3},
    {name: '30d', label: '30 d', ms: 30 * 86400e3},
];
const STEPS = 10;

const percent = v => `${(v * 100).toFixed(1)} %`;

export async function show(main, {params}) {
    let period = PERIODS.some(p => p.name === params.get('period')) ? params.get('period') : '7d';
    const picker = h('div');
    const body = h('section', {id: 'matrix', 'aria-labelledby': 'matrix-title'});
    fill(main, h('div', {class: 'page-head'}, h('h1', {}, 'Success matrix'), picker), body);

    let latest = 0; // only the latest draw fills the page (see the overview)
    const draw = async () => {
        const turn = ++latest;
        const shown = period;
        fill(picker, h('div', {class: 'segmented', role: 'group', 'aria-label': 'Period'},
            PERIODS.map(p => h('button', {type: 'button', 'aria-pressed': String(p.name === period), dataset: {period: p.name},
                onclick: () => {
                    period = p.name;
                    setParams({period});
                    draw();
                }}, p.label))));
        const to = new Date();
        const from = new Date(to.getTime() - PERIODS.find(p => p.name === period).ms);
        body.setAttribute('aria-busy', 'true');
        delete body.dataset.period;
        const m = await api(`/analysis/matrix${query({from: from.toISOString(), to: to.toISOString()})}`);
        if (turn !== latest) return;
        const level = Math.round(m.confidence * 100);
        fill(body,
            h('h2', {id: 'matrix-title', class: 'sr-only'}, 'Success rate per prompt and model'),
            h('p', {class: 'muted'}, `Success rate of each prompt on each model, ${from.toLocaleString('en-GB')} – `,
                `${to.toLocaleString('en-GB')}. Hover or focus a cell for its records and ${level} % interval (${m.intervalMethod}); `,
                'the last columns test whether the prompt\'s models differ (chi-square).'),
            legend(),
            m.prompts.length === 0 ? h('p', {class: 'empty'}, 'No records in this period.')
                : scroller('Success matrix', h('table', {class: 'matrix'},
                    h('caption', {class: 'sr-only'}, `Success rate per prompt (rows) and model (columns), with n and ${level} % intervals`),
                    h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Prompt'),
                        m.models.map(model => h('th', {scope: 'col'}, model)),
                        h('th', {scope: 'col'}, 'Spread'), h('th', {scope: 'col'}, 'Models differ? (p)'))),
                    h('tbody', {}, m.prompts.map(row => h('tr', {dataset: {prompt: row.promptId}},
                        h('th', {scope: 'row'}, h('a', {href: `#/prompts/${encodeURIComponent(row.promptId)}`}, row.promptId)),
                        m.models.map(model => cell(row, row.cells.find(c => c.model === model), model, level)),
                        h('td', {class: 'num'}, row.spread === null || row.spread === undefined ? '–' : `${(row.spread * 100).toFixed(1)} pp`),
                        h('td', {class: 'num'}, row.pValue === null || row.pValue === undefined ? '–'
                            : `${row.pValue < 0.05 ? 'yes' : 'no'} (${row.pValue < 0.0001 ? '< 0.0001' : row.pValue.toPrecision(3)})`))))))
        );
        body.dataset.period = shown;
        body.removeAttribute('aria-busy');
    };
    await draw();
}

function step(rate) {
    return Math.min(STEPS - 1, Math.floor(rate * STEPS));
}

function cell(row, c, model, level) {
    if (!c) return h('td', {class: 'heat none'}, h('span', {class: 'sr-only'}, `${row.promptId} on ${model}: no records`), '·');
    const tipId = `tip-${row.promptId}-${model}`.replace(/[^A-Za-z0-9_-]/g, '_');
    return h('td', {class: `heat heat-${step(c.rate)}`, dataset: {model, n: c.n, rate: c.rate, ciLow: c.ciLow, ciHigh: c.ciHigh}},
        h('div', {class: 'cell', tabindex: '0', 'aria-describedby': tipId},
            h('span', {class: 'rate'}, percent(c.rate)),
            h('span', {class: 'tip', id: tipId, role: 'tooltip'},
                `${row.promptId} on ${model}: ${c.successes} of ${c.n} succeeded; ${level} % interval ${percent(c.ciLow)} – ${percent(c.ciHigh)}`)));
}

function legend() {
    return h('div', {class: 'legend', 'aria-hidden': 'true'},
        h('span', {class: 'muted small'}, '0 %'),
        Array.from({length: STEPS}, (_, i) => h('span', {class: `swatch heat-${i}`}, `${i * 10}`)),
        h('span', {class: 'muted small'}, '100 %'));
}
