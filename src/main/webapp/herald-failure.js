// The error value every part of the client rejects with: an Error with a Herald error code
// (docs/protocol.md §10) or a transport code ('network', 'http_<status>'). A leaf: it imports nothing,
// so the modules that need it (frames, auth, websocket) do not import each other for it.
export function failure(code, message, extra = {}) {
  return Object.assign(new Error(message || code), { code }, extra);
}
