// Herald transports (herald.v1, docs/protocol.md and docs/client.md). Each opens one way to the server
// and reports to the client through `events`: open(info), frames(list), close(info). The client owns
// positions, subscriptions and the outbox; a transport only moves frames.

import { WebSocketTransport } from './herald-websocket.js';
import { PollTransport, SseTransport } from './herald-http.js';

export { parseFrames } from './herald-frames.js';

export const TRANSPORTS = ['websocket', 'sse', 'long-poll', 'poll'];

export function transport(name, base, events, options) {
  switch (name) {
    case 'websocket':
      return new WebSocketTransport(base, events);
    case 'sse':
      return new SseTransport(base, events);
    case 'long-poll':
    case 'poll':
      return new PollTransport(base, events, name, options);
    default:
      throw new Error('unknown transport ' + name);
  }
}
