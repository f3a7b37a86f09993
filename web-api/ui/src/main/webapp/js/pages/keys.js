// Keys (admin): issue a key (POST /keys; its secret is in that answer only, so it is shown once, with a copy
// button, and dropped from the page when the admin says it is stored), list them (GET /keys, never secrets),
// revoke one (DELETE /keys/{id}, confirmed). The server refuses all of it to any other role; the page says so.
import {api, forgetKey, seg} from '../api.js';
import {announce, fill, h, scroller} from '../dom.js';
import {confirmAction} from '../dialog.js';
import * as fmt from '../format.js';

const ROLES = [
    {name: 'viewer', text: 'reads everything'},
    {name: 'operator', text: 'viewer, plus lifecycle moves, alerts, experiments, jobs'},
    {name: 'ingest', text: 'sends execution records'},
    {name: 'admin', text: 'every role, plus keys'},
];

export async function show(main, {can}) {
    if (!can('admin')) {
        fill(main, h('h1', {}, 'Keys'),
            h('p', {id: 'keys-refused'}, 'Managing keys needs a key with the admin role; this key does not have it.'));
        return;
    }
    const me = await api('/keys/me');
    const secretBox = h('section', {id: 'key-issued', 'aria-labelledby': 'key-issued-title', hidden: true});
    const listBox = h('section', {'aria-labelledby': 'keys-title'});

    const name = h('input', {id: 'key-name', type: 'text', required: true, maxlength: '100', autocomplete: 'off', spellcheck: 'false'});
    const expires = h('input', {id: 'key-expires', type: 'datetime-local', 'aria-describedby': 'key-expires-help'});
    const roleBoxes = ROLES.map(r => h('label', {class: 'check', for: `key-role-${r.name}`},
        h('input', {type: 'checkbox', id: `key-role-${r.name}`, value: r.name, checked: r.name === 'viewer'}),
        ` ${r.name} `, h('span', {class: 'muted small'}, `(${r.text})`)));
    const error = h('p', {id: 'key-error', class: 'error', role: 'alert'});
    const form = h('form', {id: 'key-form', class: 'panel', novalidate: true},
        h('h2', {}, 'New key'),
        h('div', {class: 'fields'},
            h('div', {class: 'field'}, h('label', {for: 'key-name'}, 'Name (who or what uses it)'), name),
            h('div', {class: 'field'}, h('label', {for: 'key-expires'}, 'Expires (optional, your time zone)'), expires,
                h('span', {id: 'key-expires-help', class: 'help'}, 'Empty: until revoked.'))),
        h('fieldset', {class: 'checks'}, h('legend', {}, 'Roles'), roleBoxes),
        error,
        h('button', {type: 'submit', class: 'primary', id: 'key-create'}, 'Create key'));

    form.addEventListener('submit', async event => {
        event.preventDefault();
        error.textContent = '';
        const roles = [...form.querySelectorAll('.checks input:checked')].map(i => i.value);
        if (!name.value.trim()) {
            error.textContent = 'Give the key a name.';
            name.focus();
            return;
        }
        if (roles.length === 0) {
            error.textContent = 'Tick at least one role.';
            return;
        }
        const body = {name: name.value.trim(), roles};
        if (expires.value) body.expiresAt = new Date(expires.value).toISOString();
        try {
            const issued = await api('/keys', {method: 'POST', body});
            name.value = '';
            expires.value = '';
            showSecret(issued);
            await drawList();
        } catch (e) {
            error.textContent = e.message;
        }
    });

    /** The secret, once: a read-only field, a copy button, and a button that forgets it. */
    const showSecret = issued => {
        const field = h('input', {id: 'key-secret', type: 'text', readonly: true, value: issued.key, spellcheck: 'false',
            autocomplete: 'off', 'aria-describedby': 'key-secret-help'});
        const copied = h('span', {id: 'key-copy-status', class: 'muted small', 'aria-live': 'polite'});
        const copy = h('button', {type: 'button', id: 'key-copy', onclick: async () => {
            try {
                await navigator.clipboard.writeText(field.value);
                copied.textContent = 'Copied to the clipboard.';
            } catch (e) {
                // No clipboard access (an insecure origin, a denied permission): leave the text selected for Ctrl+C.
                field.focus();
                field.select();
                copied.textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
            }
        }}, 'Copy');
        const done = h('button', {type: 'button', id: 'key-done', onclick: () => {
            fill(secretBox);
            secretBox.hidden = true;
            name.focus();
            announce('The secret is gone from the page');
        }}, 'I have stored it');
        fill(secretBox,
            h('h2', {id: 'key-issued-title'}, `Key "${issued.name}" created`),
            h('p', {id: 'key-secret-help'}, 'This is the only time the secret is shown: the server keeps only its hash. ',
                'Store it now (a secret manager, the client\'s configuration).'),
            h('div', {class: 'secret'}, h('label', {for: 'key-secret', class: 'sr-only'}, 'Secret'), field, copy, done),
            copied);
        secretBox.hidden = false;
        secretBox.dataset.keyId = issued.id;
        field.focus();
        field.select();
    };

    const drawList = async () => {
        const keys = await api('/keys');
        const now = Date.now();
        const state = k => k.revokedAt ? 'revoked' : k.expiresAt && Date.parse(k.expiresAt) <= now ? 'expired' : 'active';
        const sorted = [...keys].sort((a, b) => (state(a) === 'active' ? 0 : 1) - (state(b) === 'active' ? 0 : 1)
            || (b.createdAt || '').localeCompare(a.createdAt || ''));
        fill(listBox, h('h2', {id: 'keys-title'}, `Keys (${keys.filter(k => state(k) === 'active').length} active)`),
            scroller('Keys', h('table', {class: 'keys'},
                h('thead', {}, h('tr', {}, ['Name', 'Roles', 'State', 'Created', 'Last used', 'Expires', 'Actions']
                    .map(t => h('th', {scope: 'col'}, t)))),
                h('tbody', {}, sorted.map(k => h('tr', {dataset: {key: k.id, state: state(k)}},
                    h('th', {scope: 'row'}, k.name, k.id === me.id ? h('span', {class: 'muted small'}, ' (this key)') : null,
                        h('div', {class: 'muted small'}, h('code', {}, k.id))),
                    h('td', {}, k.roles.join(', ')),
                    h('td', {}, h('span', {class: `badge key-${state(k)}`}, state(k)),
                        k.revokedAt ? h('div', {class: 'muted small'}, fmt.time(k.revokedAt)) : null),
                    h('td', {class: 'when'}, fmt.time(k.createdAt), k.createdBy ? h('div', {class: 'muted small'}, `by ${k.createdBy}`) : null),
                    h('td', {class: 'when'}, fmt.time(k.lastUsedAt)),
                    h('td', {class: 'when'}, k.expiresAt ? fmt.time(k.expiresAt) : 'never'),
                    h('td', {class: 'actions'}, state(k) === 'active' ? h('button', {type: 'button', class: 'danger',
                        dataset: {action: 'revoke'}, 'aria-label': `Revoke ${k.name}`, onclick: () => revoke(k)}, 'Revoke…') : null)))))));
    };

    const revoke = async k => {
        const self = k.id === me.id;
        const done = await confirmAction({
            title: `Revoke "${k.name}"?`,
            text: self ? 'This is the key you are signed in with: the dashboard signs out at once, and every client using it '
                + 'is refused from the next request on.' : 'Every client using this key is refused from the next request on. This cannot be undone.',
            confirm: 'Revoke',
            action: () => api(`/keys/${seg(k.id)}`, {method: 'DELETE'}),
        });
        if (done) {
            announce(`Revoked ${k.name}`);
            if (!self) await drawList();
            else {
                forgetKey();
                window.dispatchEvent(new CustomEvent('pw:signed-out', {detail: 'You revoked the key you were signed in with.'}));
            }
        }
    };

    fill(main, h('div', {class: 'page-head'}, h('h1', {}, 'Keys')), secretBox, form, listBox);
    await drawList();
}
