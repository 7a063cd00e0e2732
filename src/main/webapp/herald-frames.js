// Frames and requests shared by Herald's transports (herald.v1, docs/protocol.md).
import { authorize } from './herald-auth.js';
import { failure } from './herald-failure.js';

/** Server text may hold several JSON objects separated by "\n" (protocol §2). */
export function parseFrames(text) {
  return text.split('\n').filter((part) => part.trim() !== '').map((part) => JSON.parse(part));
}

/** POST <base>api/client with one client frame; resolves with the reply frame (HTTP transports). */
export async function postFrame(base, frame) {
  let response;
  try {
    const { url, headers } = await authorize(base, base + 'api/client');
    response = await fetch(url, {
      method: 'POST', cache: 'no-store', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(frame),
    });
  } catch (e) {
    throw failure('network', String(e));
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = body && body.error ? body.error : { code: 'http_' + response.status, message: response.statusText };
    throw failure(error.code, error.message, { status: response.status });
  }
  if (body && body.type === 'error') {
    throw failure(body.code, body.message);
  }
  return body;
}

