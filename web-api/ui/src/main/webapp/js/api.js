// The only way the dashboard talks to the server: the public API under /api/v1, with the key the user
// typed. The key lives in sessionStorage (this tab only, gone when it closes): never in a URL, a cookie
// or a log line, and it is sent only in the Authorization header to this origin (CSP connect-src 'self').

const KEY = 'promptwatch.key';
const BASE = '/api/v1';

export class ApiError extends Error {
    constructor(status, problem) {
        super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
        this.status = status;
        this.problem = problem || {};
    }
}

export function storedKey() {
    return sessionStorage.getItem(KEY);
}

export function keepKey(key) {
    sessionStorage.setItem(KEY, key);
}

export function forgetKey() {
    sessionStorage.removeItem(KEY);
}

/**
 * Calls the API. A 401 means the key stopped working (revoked, expired): the page is told through the
 * 'pw:signed-out' event and forgets the key. Errors come back as ApiError with the problem document.
 */
export async function api(path, {method = 'GET', body, key = storedKey()} = {}) {
    const headers = {Accept: 'application/json, application/problem+json'};
    if (key) headers.Authorization = `Bearer ${key}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(BASE + path, {
        method, headers, body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer',
    });
    const type = response.headers.get('Content-Type') || '';
    const data = type.includes('json') ? await response.json() : null;
    if (!response.ok) {
        if (response.status === 401 && key === storedKey()) {
            forgetKey();
            window.dispatchEvent(new CustomEvent('pw:signed-out', {detail: 'The key stopped working (revoked or expired).'}));
        }
        throw new ApiError(response.status, data);
    }
    return data;
}

/** Encodes one path segment (prompt ids are slugs, versions may hold '+'). */
export function seg(value) {
    return encodeURIComponent(value);
}

export function query(params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
        if (v !== undefined && v !== null && v !== '') q.set(k, v);
    }
    const s = q.toString();
    return s ? `?${s}` : '';
}

/**
 * Downloads a file the API answers (an export) with the key in the header, as a link can carry no header:
 * fetched as a blob and saved under the name the server's Content-Disposition gives.
 */
export async function download(path, fallbackName) {
    const key = storedKey();
    const response = await fetch(BASE + path, {
        headers: {Accept: '*/*', Authorization: `Bearer ${key}`}, credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer',
    });
    if (!response.ok) {
        const type = response.headers.get('Content-Type') || '';
        throw new ApiError(response.status, type.includes('json') ? await response.json() : null);
    }
    const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') || '')?.[1] || fallbackName;
    const url = URL.createObjectURL(await response.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    return name;
}
