// Compare: two or more versions of a prompt (or an experiment's arms) on one metric, drawn from the answer
// of POST /analysis/compare (each group with its interval, each variant's difference from the control with
// the API's interval, p-values, effect size and the recommendation in words), and the sample-size
// calculator (POST /analysis/sample-size).
import {api, ApiError, seg} from '../api.js';
import {fill, h, scroller} from '../dom.js';
import {intervalChart} from '../charts.js';
import * as stats from '../stats.js';
import {setParams} from '../nav.js';

/** The metrics /analysis/compare takes (MetricField), with how their values are written. */
const METRICS = [
    {name: 'qualityScore', label: 'Quality score', digits: 3},
    {name: 'success', label: 'Success rate', rate: true},
    {name: 'latencyMs', label: 'Latency (ms)', digits: 1},
    {name: 'userFeedback', label: 'User feedback', digits: 2},
    {name: 'cost', label: 'Cost ($)', digits: 5},
    {name: 'totalTokens', label: 'Total tokens', digits: 1},
];

const PERIODS = [
    {name: '24h', label: 'Last 24 hours', ms: 86400e3},
    {name: '7d', label: 'Last 7 days', ms: 7 * 86400e3},
    {name: '30d', label: 'Last 30 days', ms: 30 * 86400e3},
    {name: 'all', label: 'All records', ms: null},
];

/** A p-value as written everywhere on this page (and read back by the browser test). */
export function pValue(p) {
    if (p === null || p === undefined || Number.isNaN(p)) return '–';
    if (p < 0.0001) return '< 0.0001';
    return p.toPrecision(3);
}

/** The effect sizes' names as written (the API's are identifiers). */
const EFFECT_NAMES = {cohensD: 'Cohen\'s d', hedgesG: 'Hedges\' g', cohensH: 'Cohen\'s h', cliffsDelta: 'Cliff\'s delta'};

function num(v, digits = 3) {
    if (v === null || v === undefined || Number.isNaN(v)) return '–';
    return Math.abs(v) >= 1e5 ? v.toExponential(3) : v.toFixed(digits);
}

export async function show(main, {params}) {
    const [prompts, experiments] = await Promise.all([api('/prompts'), api('/experiments')]);
    const state = {
        prompt: params.get('prompt') || '',
        versions: (params.get('versions') || '').split(',').filter(Boolean),
        metric: METRICS.some(m => m.name === params.get('metric')) ? params.get('metric') : 'qualityScore',
        period: PERIODS.some(p => p.name === params.get('period')) ? params.get('period') : '30d',
        experiment: params.get('experiment') || '',
    };

    const experimentSelect = h('select', {id: 'compare-experiment'},
        h('option', {value: ''}, '— none: pick versions below —'),
        experiments.map(x => h('option', {value: x.id, selected: x.id === state.experiment},
            `${x.name || x.id} (${x.promptId}: ${x.arms.map(a => a.version).join(' vs ')}, ${x.status})`)));
    const promptSelect = h('select', {id: 'compare-prompt', required: true},
        h('option', {value: ''}, '— choose a prompt —'),
        prompts.map(p => h('option', {value: p.id, selected: p.id === state.prompt}, `${p.name || p.id} (${p.id})`)));
    const versionsBox = h('fieldset', {id: 'compare-versions', class: 'checks'}, h('legend', {}, 'Versions'));
    const metricSelect = h('select', {id: 'compare-metric'},
        METRICS.map(m => h('option', {value: m.name, selected: m.name === state.metric}, m.label)));
    const periodSelect = h('select', {id: 'compare-period'},
        PERIODS.map(p => h('option', {value: p.name, selected: p.name === state.period}, p.label)));
    const alphaInput = h('input', {id: 'compare-alpha', type: 'number', min: '0.001', max: '0.5', step: '0.001', value: '0.05'});
    const thresholdInput = h('input', {id: 'compare-threshold', type: 'number', step: 'any', value: '0',
        'aria-describedby': 'compare-threshold-help'});
    const formError = h('p', {id: 'compare-error', class: 'error', role: 'alert'});
    const result = h('section', {id: 'compare-result', 'aria-labelledby': 'compare-result-title', 'aria-live': 'polite'});
    const calculator = h('section', {'aria-labelledby': 'sample-size-title'});

    const drawVersions = async () => {
        if (!state.prompt) {
            fill(versionsBox, h('legend', {}, 'Versions'), h('p', {class: 'muted small'}, 'Choose a prompt first.'));
            return;
        }
        const versions = await api(`/prompts/${seg(state.prompt)}/versions`);
        if (state.versions.length === 0) {
            // The active version as control, then the newest others: the usual question is "is the new one better?".
            const active = versions.find(v => v.status === 'active');
            const rest = versions.filter(v => v !== active).reverse();
            state.versions = [active, ...rest].filter(Boolean).slice(0, 2).map(v => v.version);
        }
        fill(versionsBox, h('legend', {}, 'Versions (the first ticked is the control)'),
            versions.map(v => {
                const box = h('input', {type: 'checkbox', id: `cmp-v-${v.version}`, value: v.version,
                    checked: state.versions.includes(v.version), onchange: () => {
                        state.versions = box.checked ? [...state.versions, v.version] : state.versions.filter(x => x !== v.version);
                        state.experiment = '';
                        experimentSelect.value = '';
                    }});
                return h('label', {class: 'check', for: `cmp-v-${v.version}`}, box, ` ${v.version} `,
                    h('span', {class: `badge status-${v.status}`}, v.status));
            }));
    };

    promptSelect.addEventListener('change', async () => {
        state.prompt = promptSelect.value;
        state.versions = [];
        state.experiment = '';
        experimentSelect.value = '';
        await drawVersions();
    });
    /** Takes an experiment's prompt, arms (the control first), metric and α into the form. */
    const applyExperiment = x => {
        state.experiment = x ? x.id : '';
        if (!x) return;
        state.prompt = x.promptId;
        promptSelect.value = x.promptId;
        state.versions = x.arms.map(a => a.version);
        if (METRICS.some(m => m.name === x.metric)) {
            state.metric = x.metric;
            metricSelect.value = x.metric;
        }
        alphaInput.value = String(x.alpha);
    };
    experimentSelect.addEventListener('change', async () => {
        applyExperiment(experiments.find(e => e.id === experimentSelect.value));
        await drawVersions();
    });

    /** The body of POST /analysis/compare for what the form says (an experiment: from its start to its end). */
    const request = () => {
        const x = experiments.find(e => e.id === state.experiment);
        const period = PERIODS.find(p => p.name === state.period);
        const selection = {promptId: state.prompt, versions: state.versions};
        if (x) {
            selection.from = x.createdAt;
            if (x.stoppedAt) selection.to = x.stoppedAt;
        } else if (period.ms) {
            const to = new Date();
            selection.from = new Date(to.getTime() - period.ms).toISOString();
            selection.to = to.toISOString();
        }
        return {metric: state.metric, alpha: Number(alphaInput.value), practicalThreshold: Number(thresholdInput.value), selection};
    };

    const form = h('form', {id: 'compare-form', class: 'panel', novalidate: true},
        h('div', {class: 'fields'},
            h('div', {class: 'field'}, h('label', {for: 'compare-experiment'}, 'Experiment'), experimentSelect),
            h('div', {class: 'field'}, h('label', {for: 'compare-prompt'}, 'Prompt'), promptSelect),
            h('div', {class: 'field'}, h('label', {for: 'compare-metric'}, 'Metric'), metricSelect),
            h('div', {class: 'field'}, h('label', {for: 'compare-period'}, 'Records'), periodSelect),
            h('div', {class: 'field'}, h('label', {for: 'compare-alpha'}, 'Significance level α'), alphaInput),
            h('div', {class: 'field'}, h('label', {for: 'compare-threshold'}, 'Practical threshold'), thresholdInput,
                h('span', {id: 'compare-threshold-help', class: 'help'}, 'Smallest difference that matters, in the metric\'s unit.'))),
        versionsBox,
        formError,
        h('button', {type: 'submit', class: 'primary', id: 'compare-run'}, 'Compare'));

    form.addEventListener('submit', async event => {
        event.preventDefault();
        formError.textContent = '';
        state.metric = metricSelect.value;
        state.period = periodSelect.value;
        if (!state.prompt) {
            formError.textContent = 'Choose a prompt.';
            promptSelect.focus();
            return;
        }
        if (state.versions.length < 2) {
            formError.textContent = 'Tick two or more versions; the first ticked is the control.';
            versionsBox.querySelector('input')?.focus();
            return;
        }
        setParams(state.experiment ? {experiment: state.experiment}
            : {prompt: state.prompt, versions: state.versions.join(','), metric: state.metric, period: state.period});
        const body = request();
        result.setAttribute('aria-busy', 'true');
        try {
            const answer = await api('/analysis/compare', {method: 'POST', body});
            drawResult(result, answer, body);
            drawCalculator(calculator, answer);
        } catch (e) {
            fill(result, h('p', {class: 'error', role: 'alert'}, e instanceof ApiError ? `${e.status}: ${e.message}` : e.message));
        } finally {
            result.removeAttribute('aria-busy');
        }
    });

    fill(main,
        h('div', {class: 'page-head'}, h('h1', {}, 'Compare versions')),
        h('p', {class: 'muted'}, 'Welch t-test (continuous metrics) or two-proportion z-test (success) of each variant against the control, ',
            'Holm-adjusted over the variants, from the stored records.'),
        form, result, calculator);
    applyExperiment(experiments.find(e => e.id === state.experiment));
    await drawVersions();
    drawCalculator(calculator, null);
    if (state.experiment || (params.get('prompt') && state.versions.length >= 2)) form.requestSubmit();
}

function drawResult(box, answer, body) {
    const m = METRICS.find(x => x.name === answer.metric) || METRICS[0];
    const rate = answer.kind === 'binary' || m.rate;
    const fmt = v => rate ? `${(v * 100).toFixed(1)} %` : num(v, m.digits);
    const fmtDiff = v => rate ? `${v >= 0 ? '+' : '−'}${Math.abs(v * 100).toFixed(1)} pp` : `${v >= 0 ? '+' : '−'}${num(Math.abs(v), m.digits)}`;
    const conf = answer.confidence;
    const percent = `${Math.round(conf * 100)} %`;
    const groups = answer.groups.map(g => {
        const estimate = rate ? g.rate : g.mean;
        const interval = rate ? stats.wilsonInterval(g.successes, g.n, conf) : stats.meanInterval(g.mean, g.sd, g.n, conf);
        return {g, estimate, low: interval ? interval[0] : null, high: interval ? interval[1] : null};
    });
    box.dataset.request = JSON.stringify(body);
    fill(box,
        h('h2', {id: 'compare-result-title'}, `${m.label}: ${answer.groups.map(g => g.name).join(' vs ')}`),
        h('p', {id: 'compare-recommendation', class: 'recommendation'}, answer.recommendation),
        answer.warnings?.length ? h('ul', {class: 'warnings'}, answer.warnings.map(w => h('li', {}, w))) : null,
        h('div', {class: 'two-col'},
            h('figure', {},
                h('figcaption', {}, `${rate ? 'Rate' : 'Mean'} of each version with its ${percent} interval `,
                    h('span', {class: 'muted small'}, rate ? '(Wilson)' : '(t, from the answer\'s n, mean and SD)')),
                intervalChart(groups.map(x => ({name: x.g.name, estimate: x.estimate, low: x.low, high: x.high})),
                    {label: `${m.label} per version with ${percent} intervals: ` + groups.map(x =>
                        `${x.g.name} ${fmt(x.estimate)} (${x.low === null ? 'no interval' : `${fmt(x.low)} to ${fmt(x.high)}`})`).join('; '),
                    format: fmt})),
            h('figure', {},
                h('figcaption', {}, `Difference from ${answer.comparisons[0]?.control} with its ${percent} interval`),
                intervalChart(answer.comparisons.map(p => ({name: p.variant, estimate: p.difference, low: p.ciLow, high: p.ciHigh})),
                    {label: `Difference of each variant from the control with ${percent} intervals: ` + answer.comparisons.map(p =>
                        `${p.variant} ${fmtDiff(p.difference)} (${fmtDiff(p.ciLow)} to ${fmtDiff(p.ciHigh)})`).join('; '),
                    format: fmtDiff, reference: 0}))),
        h('h3', {}, 'Versions'),
        scroller('Versions compared', h('table', {class: 'groups'},
            h('thead', {}, h('tr', {}, ['Version', 'n', rate ? 'Successes' : 'Mean', rate ? 'Rate' : 'SD', `${percent} interval`]
                .map(t => h('th', {scope: 'col'}, t)))),
            h('tbody', {}, groups.map(({g, estimate, low, high}, i) => h('tr', {dataset: {group: g.name}},
                h('th', {scope: 'row'}, g.name, i === 0 ? h('span', {class: 'muted small'}, ' (control)') : null),
                h('td', {class: 'num'}, String(g.n)),
                h('td', {class: 'num'}, rate ? String(g.successes) : fmt(g.mean)),
                h('td', {class: 'num'}, rate ? fmt(estimate) : num(g.sd, m.digits)),
                h('td', {class: 'num'}, low === null ? '–' : `${fmt(low)} to ${fmt(high)}`)))))),
        h('h3', {}, 'Tests against the control'),
        scroller('Tests against the control', h('table', {class: 'pairs'},
            h('thead', {}, h('tr', {}, ['Variant', 'Difference', `${percent} interval`, 'p-value', 'Holm-adjusted p', 'Effect size', 'Verdict']
                .map(t => h('th', {scope: 'col'}, t)))),
            h('tbody', {}, answer.comparisons.map(p => h('tr', {dataset: {variant: p.variant}},
                h('th', {scope: 'row'}, p.variant),
                h('td', {class: 'num'}, fmtDiff(p.difference)),
                h('td', {class: 'num'}, `${fmtDiff(p.ciLow)} to ${fmtDiff(p.ciHigh)}`),
                h('td', {class: 'num p-value', dataset: {pValue: p.pValue}}, pValue(p.pValue)),
                h('td', {class: 'num p-holm', dataset: {pValue: p.pValueHolm}}, pValue(p.pValueHolm)),
                h('td', {}, `${EFFECT_NAMES[p.effectSizeName] || p.effectSizeName} ${num(p.effectSize, 3)} (${String(p.magnitude).toLowerCase()})`),
                h('td', {}, h('span', {class: `badge ${p.statisticallySignificant ? 'verdict-yes' : 'verdict-no'}`},
                    p.statisticallySignificant ? (p.practicallySignificant ? 'significant' : 'significant, below threshold')
                        : 'not significant'))))))),
        answer.homogeneity ? h('p', {class: 'muted'}, `All versions alike (chi-square): χ² = ${num(answer.homogeneity.statistic, 2)}, `,
            `df = ${answer.homogeneity.df}, p = ${pValue(answer.homogeneity.pValue)}`) : null,
        h('details', {}, h('summary', {}, 'Conventions'), h('p', {class: 'small'}, answer.conventions)));
}

/**
 * The sample-size calculator: records per version for a difference to be found at α and power, or the
 * power n records per version reach. After a comparison its figures are filled in (the control's rate or
 * SD, the observed difference) as a starting point.
 */
function drawCalculator(box, answer) {
    const binary = answer ? answer.kind === 'binary' : false;
    const control = answer?.groups[0];
    const variant = answer?.groups[1];
    const kind = h('select', {id: 'ss-kind'},
        h('option', {value: 'proportions', selected: binary}, 'Rates (success)'),
        h('option', {value: 'means', selected: !binary}, 'Means (continuous metric)'));
    const field = (id, label, value, attrs = {}) => h('div', {class: 'field', dataset: {for: id}},
        h('label', {for: id}, label), h('input', {id, type: 'number', step: 'any', value: value ?? '', ...attrs}));
    const p1 = field('ss-p1', 'Control rate p1', control?.rate != null ? control.rate.toFixed(3) : '0.80', {min: '0', max: '1'});
    const p2 = field('ss-p2', 'Variant rate p2', variant?.rate != null ? variant.rate.toFixed(3) : '0.85', {min: '0', max: '1'});
    const delta = field('ss-delta', 'Difference to detect', control?.mean != null && variant?.mean != null
        ? Math.abs(variant.mean - control.mean).toPrecision(3) : '0.05');
    const sd = field('ss-sd', 'Standard deviation', control?.sd ? control.sd.toPrecision(3) : '0.2', {min: '0'});
    const alpha = field('ss-alpha', 'α', answer ? String(answer.alpha) : '0.05', {min: '0.001', max: '0.5'});
    const mode = h('select', {id: 'ss-mode'},
        h('option', {value: 'size'}, 'Records per version for a power'),
        h('option', {value: 'power'}, 'Power reached with n per version'));
    const power = field('ss-power', 'Power', '0.8', {min: '0.5', max: '0.999'});
    const n = field('ss-n', 'Records per version n', '500', {min: '2', step: '1'});
    const out = h('p', {id: 'ss-result', class: 'result', 'aria-live': 'polite'});
    const error = h('p', {class: 'error', role: 'alert'});
    const sync = () => {
        const means = kind.value === 'means';
        p1.hidden = p2.hidden = means;
        delta.hidden = sd.hidden = !means;
        power.hidden = mode.value !== 'size';
        n.hidden = mode.value === 'size';
    };
    kind.addEventListener('change', sync);
    mode.addEventListener('change', sync);
    const value = f => Number(f.querySelector('input').value);
    const form = h('form', {id: 'sample-size', class: 'panel', novalidate: true},
        h('div', {class: 'fields'},
            h('div', {class: 'field'}, h('label', {for: 'ss-kind'}, 'Compare'), kind),
            h('div', {class: 'field'}, h('label', {for: 'ss-mode'}, 'Find'), mode),
            p1, p2, delta, sd, alpha, power, n),
        error,
        h('button', {type: 'submit', id: 'ss-run'}, 'Calculate'),
        out);
    form.addEventListener('submit', async event => {
        event.preventDefault();
        error.textContent = '';
        const body = {kind: kind.value, alpha: value(alpha)};
        if (kind.value === 'means') Object.assign(body, {delta: value(delta), sd: value(sd)});
        else Object.assign(body, {p1: value(p1), p2: value(p2)});
        if (mode.value === 'size') body.power = value(power); else body.n = value(n);
        try {
            const a = await api('/analysis/sample-size', {method: 'POST', body});
            out.dataset.perGroup = a.perGroup ?? '';
            out.dataset.power = a.power ?? '';
            fill(out, a.perGroup !== null && a.perGroup !== undefined
                ? [h('strong', {}, `${a.perGroup.toLocaleString('en')} records per version`),
                    ` (exactly ${a.exactPerGroup.toFixed(1)}) for power ${a.power} at α = ${a.alpha}. `]
                : [h('strong', {}, `Power ${(a.power * 100).toFixed(1)} %`), ` with ${a.nPerGroup} records per version at α = ${a.alpha}. `],
                h('span', {class: 'muted small'}, a.method));
        } catch (e) {
            error.textContent = e instanceof ApiError ? e.message : String(e);
        }
    });
    fill(box, h('h2', {id: 'sample-size-title'}, 'Sample size'),
        h('p', {class: 'muted'}, answer ? 'Filled in from the comparison above; change any figure.'
            : 'How many records each version needs before a difference of a given size can be told apart.'),
        form);
    sync();
}
