// Credentials for the browser client (docs/security.md). `token: async () => jwt` is sent as
// `Authorization: Bearer` wherever the browser lets us set headers (fetch), and exchanged for a
// single-use ticket (POST api/tickets) where it does not (WebSocket, EventSource). `ticket: async () =>
// ticket` hands over tickets the page gets some other way. A token never goes into a URL.
// Kept per base URL, so the transports need no extra argument; one credential per server and page.
import { failure } from './herald-failure.js';

const registry = new Map();

export function useCredentials(base, options) {
  if (options.token || options.ticket) {
    registry.set(base, { token: options.token, ticket: options.ticket });
  }
}

export function hasCredentials(base) {
  return registry.has(base);
}

export async function authHeaders(base) {
  const credentials = registry.get(base);
  return credentials && credentials.token ? { Authorization: 'Bearer ' + (await credentials.token()) } : {};
}

/** A fresh single-use ticket, or null when the client has no credentials (anonymous). */
export async function ticket(base) {
  const credentials = registry.get(base);
  if (!credentials) return null;
  if (credentials.ticket) return credentials.ticket();
  const response = await fetch(base + 'api/tickets', { method: 'POST', cache: 'no-store', headers: await authHeaders(base) });
  if (!response.ok) throw failure(response.status === 401 ? 'unauthenticated' : 'http_' + response.status, 'no ticket');
  return (await response.json()).ticket;
}

/** `url` and headers for one HTTP request: the token as a header, else a ticket in the query. */
export async function authorize(base, url) {
  const credentials = registry.get(base);
  if (!credentials) return { url, headers: {} };
  if (credentials.token) return { url, headers: await authHeaders(base) };
  return { url: url + (url.includes('?') ? '&' : '?') + 'ticket=' + encodeURIComponent(await ticket(base)), headers: {} };
}
