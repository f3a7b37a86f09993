// Jobs: the batch jobs with their schedules and last run (GET /jobs), the recent executions
// (GET /jobs/executions), starting one with its parameters (POST /jobs/{name}, operators), and one execution
// watched until it ends (GET /jobs/executions/{id}, polled every second while it runs).
import {api, download, seg} from '../api.js';
import {announce, fill, h, scroller} from '../dom.js';
import * as fmt from '../format.js';

/** Batch statuses after which an execution no longer changes by itself. */
const FINAL = ['COMPLETED', 'FAILED', 'STOPPED', 'ABANDONED'];
const POLL_MS = 1000;

function status(s) {
    const kind = s === 'COMPLETED' ? 'status-active' : s === 'FAILED' || s === 'ABANDONED' ? 'sev-critical'
        : s === 'STOPPED' ? 'status-draft' : 'status-staged';
    return h('span', {class: `badge ${kind}`}, s.toLowerCase());
}

function executionLink(e) {
    return h('a', {href: `#/jobs/executions/${e.id}`, 'aria-label': `Execution ${e.id} of ${e.jobName}`}, `#${e.id}`);
}

export async function show(main, {can}) {
    const operate = can('operator');
    const [jobs, executions] = await Promise.all([api('/jobs'), api('/jobs/executions?limit=20')]);
    fill(main,
        h('div', {class: 'page-head'}, h('h1', {}, 'Jobs')),
        h('section', {'aria-labelledby': 'jobs-title'},
            h('h2', {id: 'jobs-title'}, 'Jobs and schedules'),
            h('p', {class: 'muted small'}, 'Schedules are cron expressions in UTC (settings promptwatch.jobs.<job>.schedule).'),
            h('div', {class: 'jobs'}, jobs.map(job => jobCard(job, operate)))),
        h('section', {'aria-labelledby': 'executions-title'},
            h('h2', {id: 'executions-title'}, 'Recent executions'),
            executions.length === 0 ? h('p', {class: 'muted'}, 'None yet.') : executionsTable(executions)));
}

function jobCard(job, operate) {
    const last = job.lastExecution;
    return h('section', {class: 'card', 'aria-labelledby': `job-${job.name}`, dataset: {job: job.name}},
        h('div', {class: 'card-head'}, h('h3', {id: `job-${job.name}`}, job.name)),
        h('p', {}, job.description),
        h('dl', {class: 'record'},
            h('dt', {}, 'Schedule'), h('dd', {}, job.schedule ? h('code', {}, job.schedule) : 'none (started by hand)',
                job.scheduleProblem ? h('div', {class: 'error'}, job.scheduleProblem) : null),
            h('dt', {}, 'Next run'), h('dd', {}, job.nextRun ? fmt.time(job.nextRun) : '–'),
            h('dt', {}, 'Last run'), h('dd', {class: 'last-run'}, last ? [executionLink(last), ' ', status(last.status),
                ` ${fmt.time(last.startedAt || last.createdAt)}`, last.endedAt ? ` – ${fmt.time(last.endedAt)}` : ''] : 'never')),
        operate ? startForm(job) : null);
}

/** The job's parameters as fields (empty: the job's default) and a Start button; then to the execution's watch. */
function startForm(job) {
    const error = h('p', {class: 'error', role: 'alert'});
    const fields = job.parameters.map(p => {
        const id = `job-${job.name}-${p.name}`;
        return h('div', {class: 'field'}, h('label', {for: id}, p.name),
            h('input', {id, name: p.name, type: 'text', placeholder: p.defaultValue ?? '', 'aria-describedby': `${id}-help`,
                autocomplete: 'off', spellcheck: 'false'}),
            h('span', {id: `${id}-help`, class: 'help'}, p.description, p.defaultValue ? ` (default ${p.defaultValue})` : ''));
    });
    const form = h('form', {class: 'start', novalidate: true, dataset: {job: job.name}},
        fields.length ? h('div', {class: 'fields'}, fields) : null,
        error,
        h('button', {type: 'submit', class: 'primary', dataset: {action: 'start'}, 'aria-label': `Start ${job.name}`}, `Start ${job.name}`));
    form.addEventListener('submit', async event => {
        event.preventDefault();
        error.textContent = '';
        const body = {};
        for (const input of form.querySelectorAll('input')) {
            if (input.value.trim()) body[input.name] = input.value.trim();
        }
        const button = form.querySelector('button');
        button.disabled = true;
        try {
            const started = await api(`/jobs/${seg(job.name)}`, {method: 'POST', body});
            announce(`Started ${job.name}: execution ${started.executionId}`);
            window.location.hash = `#/jobs/executions/${started.executionId}`;
        } catch (e) {
            error.textContent = e.message;
            button.disabled = false;
        }
    });
    return form;
}

function executionsTable(executions) {
    return scroller('Recent executions', h('table', {class: 'job-executions'},
        h('thead', {}, h('tr', {}, ['Execution', 'Job', 'Status', 'Exit status', 'Started', 'Ended', 'Started by']
            .map(t => h('th', {scope: 'col'}, t)))),
        h('tbody', {}, executions.map(e => h('tr', {dataset: {execution: e.id, status: e.status}},
            h('th', {scope: 'row'}, executionLink(e)), h('td', {}, e.jobName), h('td', {}, status(e.status)),
            h('td', {}, e.exitStatus || '–'), h('td', {class: 'when'}, fmt.time(e.startedAt || e.createdAt)),
            h('td', {class: 'when'}, fmt.time(e.endedAt)), h('td', {}, e.parameters?.startedBy || '–'))))));
}

/** A completed export's file: downloaded with the key (GET /exports/{id}), the way curl would. */
function exportFile(e) {
    const error = h('span', {class: 'error', role: 'alert'});
    return h('p', {class: 'export-file'},
        h('button', {type: 'button', id: 'export-download', onclick: async () => {
            error.textContent = '';
            try {
                announce(`Downloaded ${await download(`/exports/${e.id}`, `promptwatch-export-${e.id}.gz`)}`);
            } catch (err) {
                error.textContent = err.message;
            }
        }}, 'Download the file'), ' ', h('span', {class: 'muted small'}, h('code', {}, `GET /api/v1/exports/${e.id}`), ', gzip'), ' ', error);
}

/** One execution, polled every second until it reaches a final status; the page's cleanup stops the polling. */
export async function showExecution(main, {args: [id]}) {
    let timer = null;
    let gone = false;
    const box = h('section', {id: 'job-execution', 'aria-live': 'polite', 'aria-labelledby': 'job-execution-status'});
    const draw = e => {
        box.dataset.status = e.status;
        const steps = e.steps || [];
        fill(box,
            h('p', {id: 'job-execution-status', class: 'big'}, 'Status: ', status(e.status),
                e.exitStatus && e.exitStatus !== e.status ? ` (exit status ${e.exitStatus})` : '',
                FINAL.includes(e.status) ? '' : h('span', {class: 'muted small'}, ' · refreshed every second')),
            h('dl', {class: 'record'},
                h('dt', {}, 'Created'), h('dd', {}, fmt.time(e.createdAt)),
                h('dt', {}, 'Started'), h('dd', {}, fmt.time(e.startedAt)),
                h('dt', {}, 'Ended'), h('dd', {}, fmt.time(e.endedAt)),
                h('dt', {}, 'Parameters'), h('dd', {}, Object.keys(e.parameters || {}).length
                    ? Object.entries(e.parameters).map(([k, v]) => h('div', {}, h('code', {}, k), ` = ${v}`)) : 'none')),
            h('h2', {}, 'Steps'),
            steps.length === 0 ? h('p', {class: 'muted'}, 'No step has run yet.') : scroller('Steps', h('table', {class: 'steps'},
                h('thead', {}, h('tr', {}, ['Step', 'Status', 'Read', 'Written', 'Commits', 'Rollbacks', 'Skipped', 'Started', 'Ended']
                    .map(t => h('th', {scope: 'col'}, t)))),
                h('tbody', {}, steps.map(s => h('tr', {dataset: {step: s.name}},
                    h('th', {scope: 'row'}, s.name), h('td', {}, status(s.status)),
                    h('td', {class: 'num'}, s.readCount), h('td', {class: 'num'}, s.writeCount),
                    h('td', {class: 'num'}, s.commitCount), h('td', {class: 'num'}, s.rollbackCount),
                    h('td', {class: 'num'}, s.readSkipCount + s.processSkipCount + s.writeSkipCount),
                    h('td', {class: 'when'}, fmt.time(s.startedAt)), h('td', {class: 'when'}, fmt.time(s.endedAt))))))),
            e.jobName === 'export' && e.status === 'COMPLETED' ? exportFile(e) : null);
    };
    const poll = async () => {
        try {
            const e = await api(`/jobs/executions/${seg(id)}`);
            if (gone) return;
            draw(e);
            if (!FINAL.includes(e.status)) timer = setTimeout(poll, POLL_MS);
            else announce(`Execution ${id} ${e.status.toLowerCase()}`);
        } catch (err) {
            if (!gone) fill(box, h('p', {class: 'error', role: 'alert'}, err.message));
        }
    };
    const e = await api(`/jobs/executions/${seg(id)}`);
    fill(main, h('div', {class: 'page-head'}, h('h1', {}, `Execution ${e.id} of ${e.jobName}`),
        h('a', {href: '#/jobs'}, 'All jobs')), box);
    draw(e);
    if (!FINAL.includes(e.status)) timer = setTimeout(poll, POLL_MS);
    return () => {
        gone = true;
        clearTimeout(timer);
    };
}
