// Reports: the reports the daily-report and comprehensive-report jobs stored (GET /reports), filtered by prompt and
// type, in keyset pages (the answer's next asks for the following one); one report's HTML rendering
// (GET /reports/{id}?format=html) shown in a frame, its Markdown and JSON downloaded; and for operators a daily
// report generated on demand (POST /jobs/daily-report), watched to its end with the jobs page's watch.
import {api, download, query, seg, text} from '../api.js';
import {announce, fill, h, scroller} from '../dom.js';
import * as fmt from '../format.js';
import {setParams} from '../nav.js';
import {watchExecution} from './jobs.js';

const PAGE = 20;
const TYPES = [['', 'Any'], ['daily', 'Daily'], ['comprehensive', 'Comprehensive']];

/** Yesterday's UTC day, YYYY-MM-DD: the day a daily report usually covers. */
function yesterday() {
    return new Date(Date.now() - 86400e3).toISOString().slice(0, 10);
}

function period(r) {
    const from = r.periodFrom.slice(0, 10);
    const last = new Date(Date.parse(r.periodTo) - 1).toISOString().slice(0, 10);
    return from === last ? `${from} (UTC)` : `${from} – ${last} (UTC)`;
}

export async function show(main, {params, can}) {
    const prompts = await api('/prompts');
    const filter = {
        promptId: params.get('promptId') || '',
        type: TYPES.some(([v]) => v && v === params.get('type')) ? params.get('type') : '',
    };
    const promptOptions = selected => prompts.map(p => h('option', {value: p.id, selected: p.id === selected},
        p.name ? `${p.name} (${p.id})` : p.id));
    const promptSelect = h('select', {id: 'rp-prompt'}, h('option', {value: ''}, 'All prompts'), promptOptions(filter.promptId));
    const typeSelect = h('select', {id: 'rp-type'}, TYPES.map(([v, t]) => h('option', {value: v, selected: v === filter.type}, t)));
    const list = h('section', {id: 'rp-list', 'aria-labelledby': 'rp-list-title'});

    const draw = async () => {
        // Named again only when the first page of this filter is drawn (the browser test waits for it).
        delete list.dataset.pages;
        const rows = h('tbody');
        const more = h('div', {class: 'more'});
        const count = h('p', {id: 'rp-count', class: 'muted small', 'aria-live': 'polite'});
        fill(list, h('h2', {id: 'rp-list-title'}, 'Stored reports, newest period first'), count,
            scroller('Stored reports', h('table', {class: 'reports'},
                h('thead', {}, h('tr', {}, ['Report', 'Type', 'Prompt', 'Period', 'Created'].map(t => h('th', {scope: 'col'}, t)))),
                rows)),
            more);
        list.setAttribute('aria-busy', 'true');
        let pages = 0;
        const page = async after => {
            const answer = await api(`/reports${query({promptId: filter.promptId, type: filter.type, limit: PAGE, after})}`);
            pages++;
            rows.append(...answer.reports.map(row));
            list.dataset.pages = String(pages);
            count.textContent = `${rows.children.length} report${rows.children.length === 1 ? '' : 's'} shown`
                + (answer.next ? '; older ones follow' : '');
            if (!rows.children.length) rows.append(h('tr', {}, h('td', {colspan: 5, class: 'muted'}, 'No reports match.')));
            fill(more, answer.next ? h('button', {type: 'button', id: 'rp-more', onclick: async e => {
                e.target.disabled = true;
                await page(answer.next);
                rows.querySelector(`tr:nth-child(${(pages - 1) * PAGE + 1}) a`)?.focus();
            }}, `Older reports (next ${PAGE})`) : null);
        };
        await page(null);
        list.removeAttribute('aria-busy');
    };

    const form = h('form', {id: 'rp-filters', class: 'panel', novalidate: true},
        h('div', {class: 'fields'},
            h('div', {class: 'field'}, h('label', {for: 'rp-prompt'}, 'Prompt'), promptSelect),
            h('div', {class: 'field'}, h('label', {for: 'rp-type'}, 'Type'), typeSelect)),
        h('button', {type: 'submit', class: 'primary', id: 'rp-apply'}, 'Show reports'));
    form.addEventListener('submit', async event => {
        event.preventDefault();
        filter.promptId = promptSelect.value;
        filter.type = typeSelect.value;
        setParams(Object.fromEntries(Object.entries(filter).filter(([, v]) => v)));
        await draw();
    });

    let stop = () => {};
    const generate = can('operator') ? generateForm(promptOptions, (watch) => {
        stop();
        stop = watch.stop;
        // The new report joins the list once its job has ended.
        watch.ended.then(() => draw());
    }) : null;

    fill(main, h('div', {class: 'page-head'}, h('h1', {}, 'Reports')), form, generate, list);
    await draw();
    return () => stop();
}

function row(r) {
    return h('tr', {dataset: {report: r.id, type: r.type, prompt: r.promptId}},
        h('th', {scope: 'row'}, h('a', {href: `#/reports/${r.id}`, 'aria-label': `Open report ${r.id}: ${r.type}`
            + `${r.promptId ? ` of ${r.promptId}` : ''}, ${period(r)}`}, `#${r.id}`)),
        h('td', {}, r.type),
        h('td', {}, r.promptId || 'all prompts'),
        h('td', {class: 'when'}, period(r)),
        h('td', {class: 'when'}, fmt.time(r.createdAt)));
}

/**
 * For operators: a daily report of one prompt and UTC day, through the same job the schedule starts; its execution is
 * watched below the form (onStarted receives the watch).
 */
function generateForm(promptOptions, onStarted) {
    const error = h('p', {class: 'error', role: 'alert'});
    const watchBox = h('div', {id: 'rp-watch'});
    const form = h('form', {id: 'rp-generate-form', class: 'panel', novalidate: true},
        h('h2', {}, 'Generate a daily report'),
        h('div', {class: 'fields'},
            h('div', {class: 'field'}, h('label', {for: 'rp-gen-prompt'}, 'Prompt'),
                h('select', {id: 'rp-gen-prompt', required: true}, promptOptions(null))),
            h('div', {class: 'field'}, h('label', {for: 'rp-gen-date'}, 'Day (UTC)'),
                h('input', {id: 'rp-gen-date', type: 'date', value: yesterday(), required: true}))),
        error,
        h('button', {type: 'submit', class: 'primary', id: 'rp-generate', dataset: {action: 'generate'}}, 'Generate daily report'),
        watchBox);
    form.addEventListener('submit', async event => {
        event.preventDefault();
        error.textContent = '';
        const promptId = form.querySelector('#rp-gen-prompt').value;
        const date = form.querySelector('#rp-gen-date').value;
        if (!promptId || !date) {
            error.textContent = 'Choose a prompt and a day.';
            return;
        }
        const button = form.querySelector('#rp-generate');
        button.disabled = true;
        try {
            const started = await api('/jobs/daily-report', {method: 'POST', body: {date, promptId}});
            announce(`Started the daily report of ${promptId} for ${date}: execution ${started.executionId}`);
            const watch = watchExecution(await api(`/jobs/executions/${seg(started.executionId)}`));
            fill(watchBox, h('p', {}, h('a', {href: `#/jobs/executions/${started.executionId}`}, `Execution ${started.executionId}`),
                ` of daily-report for ${promptId}, ${date}`), watch.box);
            onStarted(watch);
            watch.ended.then(() => { button.disabled = false; });
        } catch (e) {
            error.textContent = e.message;
            button.disabled = false;
        }
    });
    return form;
}

/**
 * The report's stylesheet, out of its HTML: the dashboard's policy (style-src 'self') reaches into the frame, where the
 * inline <style> would be refused, so the rules are given to the frame's document as a constructed stylesheet instead
 * (the CSSOM, which the policy does not restrict). The renderer writes exactly one plain <style> element.
 */
function splitStyle(html) {
    let css = '';
    const body = html.replace(/<style>([\s\S]*?)<\/style>/g, (_, rules) => {
        css += rules;
        return '';
    });
    return {body, css};
}

/**
 * One report: its HTML rendering in a sandboxed frame (srcdoc: the HTML is fetched with the key, which a frame's src
 * could not send; no allow-scripts, so nothing in it runs; allow-same-origin only so that the page can size the frame
 * and give it its stylesheet), and its Markdown and JSON renderings downloaded with the key.
 */
export async function showOne(main, {args: [id]}) {
    const {body, css} = splitStyle(await text(`/reports/${seg(id)}?format=html`, 'text/html'));
    const frame = h('iframe', {id: 'report-frame', class: 'report-frame', sandbox: 'allow-same-origin', title: `Report ${id}`,
        referrerpolicy: 'no-referrer'});
    frame.addEventListener('load', () => {
        const doc = frame.contentDocument;
        // The empty document a new frame holds before its srcdoc is loaded fires a load too.
        if (!doc || doc.URL !== 'about:srcdoc') return;
        const sheet = new frame.contentWindow.CSSStyleSheet();
        sheet.replaceSync(css);
        doc.adoptedStyleSheets = [sheet];
        frame.style.height = `${Math.ceil(doc.documentElement.scrollHeight) + 2}px`;
        frame.dataset.loaded = 'true';
    });
    frame.srcdoc = body;
    const error = h('span', {class: 'error', role: 'alert'});
    const fetchFile = (format, extension, label) => h('button', {type: 'button', id: `report-${format}`, onclick: async () => {
        error.textContent = '';
        try {
            announce(`Downloaded ${await download(`/reports/${seg(id)}?format=${format}`, `promptwatch-report-${id}.${extension}`)}`);
        } catch (err) {
            error.textContent = err.message;
        }
    }}, label);
    fill(main,
        h('div', {class: 'page-head'}, h('h1', {}, `Report ${id}`), h('a', {href: '#/reports'}, 'All reports')),
        h('p', {class: 'export-file'}, fetchFile('markdown', 'md', 'Download Markdown'), fetchFile('json', 'json', 'Download JSON'),
            h('span', {class: 'muted small'}, h('code', {}, `GET /api/v1/reports/${id}?format=…`)), error),
        frame);
}
