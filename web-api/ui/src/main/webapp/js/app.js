// The dashboard's shell: sign-in, the caller's roles, navigation by the URL's fragment (#/overview,
// #/prompts/{id}, #/alerts, #/compare, ...), and the page in <main>. Nothing secret ever goes into the fragment.
import {api, ApiError, forgetKey, keepKey, storedKey} from './api.js';
import {announce, fill, h} from './dom.js';
import {location} from './nav.js';
import * as overview from './pages/overview.js';
import * as prompt from './pages/prompt.js';
import * as alerts from './pages/alerts.js';
import * as compare from './pages/compare.js';
import * as executions from './pages/executions.js';
import * as keys from './pages/keys.js';
import * as matrix from './pages/matrix.js';
import * as jobs from './pages/jobs.js';

const $ = id => document.getElementById(id);
const main = $('main');

/** Who is signed in: {name, roles}, from GET /keys/me; null before sign-in. */
let caller = null;
/** Undoes what the current page set up (charts, observers) before the next one is drawn. */
let leave = () => {};

export function can(role) {
    return caller !== null && caller.roles.includes(role);
}

const ROUTES = [
    {pattern: /^\/overview$/, page: overview, nav: 'overview'},
    {pattern: /^\/prompts\/([^/]+)$/, page: prompt, nav: 'overview'},
    {pattern: /^\/alerts$/, page: alerts, nav: 'alerts'},
    {pattern: /^\/compare$/, page: compare, nav: 'compare'},
    {pattern: /^\/executions$/, page: executions, nav: 'executions'},
    {pattern: /^\/executions\/([^/]+)$/, page: {show: executions.showOne}, nav: 'executions'},
    {pattern: /^\/keys$/, page: keys, nav: 'keys'},
    {pattern: /^\/matrix$/, page: matrix, nav: 'matrix'},
    {pattern: /^\/jobs$/, page: jobs, nav: 'jobs'},
    {pattern: /^\/jobs\/executions\/(\d+)$/, page: {show: jobs.showExecution}, nav: 'jobs'},
];

/** Counts routings, so that a page that finishes loading after the user went elsewhere is dropped. */
let routing = 0;

async function route() {
    if (!caller) return;
    const turn = ++routing;
    leave();
    leave = () => {};
    const {path, params} = location();
    const match = ROUTES.map(r => ({r, m: path.match(r.pattern)})).find(x => x.m);
    for (const a of document.querySelectorAll('#nav a')) {
        if (match && a.dataset.page === match.r.nav) a.setAttribute('aria-current', 'page');
        else a.removeAttribute('aria-current');
    }
    if (!match) {
        fill(main, h('h1', {tabindex: '-1'}, 'Not found'), h('p', {}, h('a', {href: '#/overview'}, 'Go to the overview')));
        main.querySelector('h1').focus();
        return;
    }
    const args = match.m.slice(1).map(decodeURIComponent);
    fill(main, h('p', {class: 'loading'}, 'Loading…'));
    try {
        const cleanup = (await match.r.page.show(main, {args, params, can})) || (() => {});
        if (turn === routing) leave = cleanup; else cleanup();
    } catch (e) {
        if (turn === routing) showError(e);
    }
    if (turn !== routing) return;
    const heading = main.querySelector('h1');
    if (heading) {
        heading.setAttribute('tabindex', '-1');
        if (document.activeElement === document.body || document.activeElement === main) heading.focus();
    }
}

function showError(e) {
    if (e instanceof ApiError && e.status === 401) return;
    const text = e instanceof ApiError ? `${e.status}: ${e.message}` : String(e.message || e);
    fill(main, h('h1', {tabindex: '-1'}, 'Something went wrong'), h('p', {class: 'error', role: 'alert'}, text));
}

function signedIn(me) {
    caller = {name: me.name, roles: me.roles};
    $('who-name').textContent = me.name;
    $('who-roles').textContent = me.roles.join(', ');
    $('who').hidden = false;
    $('nav').hidden = false;
    // Links to pages a role cannot use are not offered (the server refuses their calls anyway).
    for (const item of document.querySelectorAll('#nav [data-role]')) item.hidden = !me.roles.includes(item.dataset.role);
    document.body.dataset.roles = me.roles.join(' ');
}

function signInForm(message) {
    caller = null;
    leave();
    leave = () => {};
    $('who').hidden = true;
    $('nav').hidden = true;
    delete document.body.dataset.roles;
    const input = h('input', {id: 'api-key', type: 'password', autocomplete: 'off', spellcheck: 'false',
        required: true, minlength: '16', 'aria-describedby': 'api-key-help'});
    const error = h('p', {id: 'sign-in-error', class: 'error', role: 'alert'}, message || '');
    // No name on the input and no action: even a form submitted without this script sends no key anywhere
    // (and CSP form-action 'none' forbids the submission).
    const form = h('form', {id: 'sign-in', class: 'sign-in', method: 'post', novalidate: true},
        h('h1', {tabindex: '-1'}, 'Sign in'),
        h('label', {for: 'api-key'}, 'API key'),
        input,
        h('p', {id: 'api-key-help', class: 'help'},
            'Paste a key with the viewer, operator or admin role. It is kept in this tab only (sessionStorage) and ',
            'sent only to this server\'s API; signing out or closing the tab forgets it.'),
        error,
        h('button', {type: 'submit', class: 'primary'}, 'Sign in'));
    form.addEventListener('submit', async event => {
        event.preventDefault();
        const key = input.value.trim();
        error.textContent = '';
        if (!key) {
            error.textContent = 'Paste an API key.';
            input.focus();
            return;
        }
        try {
            const me = await api('/keys/me', {key});
            if (!me.roles.includes('viewer')) {
                error.textContent = `The key "${me.name}" has the role ${me.roles.join(', ')} only; the dashboard needs viewer, operator or admin.`;
                return;
            }
            input.value = '';
            keepKey(key);
            signedIn(me);
            announce(`Signed in as ${me.name}`);
            if (!window.location.hash || window.location.hash === '#') history.replaceState(null, '', '#/overview');
            await route();
        } catch (e) {
            error.textContent = e instanceof ApiError && e.status === 401
                ? 'The key is unknown, revoked or expired.'
                : `Sign-in failed: ${e.message}`;
            input.focus();
        }
    });
    fill(main, form);
    input.focus();
}

function signOut(message) {
    forgetKey();
    signInForm(message);
    announce('Signed out');
}

async function start() {
    $('sign-out').addEventListener('click', () => signOut());
    $('skip').addEventListener('click', event => {
        // The fragment is the route: move focus instead of navigating to #main.
        event.preventDefault();
        (main.querySelector('h1') || main).focus();
    });
    window.addEventListener('pw:signed-out', event => signInForm(event.detail));
    window.addEventListener('hashchange', () => {
        if (!window.location.hash.startsWith('#/')) return;
        route();
    });
    const key = storedKey();
    if (!key) {
        signInForm();
        return;
    }
    try {
        signedIn(await api('/keys/me', {key}));
        await route();
    } catch (e) {
        signInForm(e instanceof ApiError && e.status === 401 ? 'The key is unknown, revoked or expired.' : e.message);
    }
}

start();
