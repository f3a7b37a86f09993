// The route lives in the URL's fragment: '#/prompts/x?period=24h' is {path: '/prompts/x', params}.

export function location() {
    const raw = window.location.hash.replace(/^#/, '');
    const [path, q = ''] = raw.split('?');
    return {path: path || '/overview', params: new URLSearchParams(q)};
}

/** Changes the fragment's parameters without a new history entry or a new page (a period picked, a filter). */
export function setParams(params) {
    const {path} = location();
    const q = new URLSearchParams(params).toString();
    history.replaceState(null, '', `#${path}${q ? `?${q}` : ''}`);
}
