// Building the page without innerHTML: every text from the API goes in as text, never as markup.

/** h('a', {href: '#/x', class: 'c', dataset: {v: 1}, onclick: f}, 'text', child) */
export function h(tag, attrs = {}, ...children) {
    const el = document.createElement(tag);
    setAttrs(el, attrs);
    append(el, children);
    return el;
}

const SVG = 'http://www.w3.org/2000/svg';

export function svg(tag, attrs = {}, ...children) {
    const el = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) {
        if (v !== undefined && v !== null && v !== false) el.setAttribute(k, String(v));
    }
    append(el, children);
    return el;
}

function setAttrs(el, attrs) {
    for (const [k, v] of Object.entries(attrs || {})) {
        if (v === undefined || v === null || v === false) continue;
        if (k === 'dataset') {
            for (const [dk, dv] of Object.entries(v)) {
                if (dv !== undefined && dv !== null) el.dataset[dk] = String(dv);
            }
        } else if (k.startsWith('on') && typeof v === 'function') {
            el.addEventListener(k.slice(2), v);
        } else if (k === 'class') {
            el.className = v;
        } else if (v === true) {
            el.setAttribute(k, '');
        } else {
            el.setAttribute(k, String(v));
        }
    }
}

function append(el, children) {
    for (const c of children.flat(Infinity)) {
        if (c === undefined || c === null || c === false) continue;
        el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
}

/** Replaces the children of el. */
export function fill(el, ...children) {
    el.replaceChildren();
    append(el, children);
    return el;
}

/** A table that scrolls sideways on a narrow screen, reachable by keyboard (a focusable, named region). */
export function scroller(label, table) {
    return h('div', {class: 'scroller', role: 'region', 'aria-label': label, tabindex: '0'}, table);
}

/** Tells screen readers (and tests) what happened, in the page's live region. */
export function announce(text) {
    const status = document.getElementById('status');
    status.textContent = '';
    // A new text node after the clear, so that the same message twice is still announced.
    requestAnimationFrame(() => { status.textContent = text; });
    clearTimeout(announce.timer);
    announce.timer = setTimeout(() => { status.textContent = ''; }, 5000);
}
