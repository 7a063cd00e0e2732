// The WebSocket transport: herald.v1 frames both ways, replies matched to requests by ref.
import { failure } from './herald-failure.js';
import { parseFrames } from './herald-frames.js';
import { hasCredentials, ticket } from './herald-auth.js';

export class WebSocketTransport {
  constructor(base, events) {
    this.name = 'websocket';
    this.base = base;
    this.url = base.replace(/^http/, 'ws') + 'ws';
    this.events = events;
    this.pending = new Map();
    this.nextRef = 1;
    this.opened = false;
  }

  start() {
    if (!hasCredentials(this.base)) {
      this.connect(['herald.v1']);
      return;
    }
    // a browser cannot send Authorization on a WebSocket: a single-use ticket rides as a second subprotocol
    ticket(this.base).then(
      (t) => this.stopped || this.connect(['herald.v1', 'herald.ticket.' + t]),
      () => this.closed(4007, 'token_expired'));
  }

  connect(protocols) {
    const ws = new WebSocket(this.url, protocols);
    this.ws = ws;
    ws.onmessage = (message) => this.received(message.data);
    ws.onclose = (event) => this.closed(event.code, event.reason);
  }

  received(text) {
    if (typeof text !== 'string') {
      return;
    }
    let frames;
    try {
      frames = parseFrames(text);
    } catch (e) {
      this.events.frames([{ type: 'error', code: 'malformed', message: 'unreadable server frame' }]);
      return;
    }
    for (const frame of frames) {
      if (frame.type === 'connected' && !this.opened) {
        this.opened = true;
        this.openedAt = Date.now();
        this.events.open({ timeout: frame.timeout, heartbeat: frame.heartbeat, client: frame.client });
      } else if (frame.type === 'ping') {
        this.write({ type: 'pong' });
      }
      const waiting = frame.ref !== undefined ? this.pending.get(frame.ref) : undefined;
      if (waiting) {
        this.pending.delete(frame.ref);
        if (frame.type === 'error') {
          waiting.reject(failure(frame.code, frame.message));
        } else {
          waiting.resolve(frame);
        }
      }
    }
    this.events.frames(frames);
  }

  closed(code, reason) {
    for (const waiting of this.pending.values()) {
      waiting.reject(failure('network', 'connection closed'));
    }
    this.pending.clear();
    if (!this.stopped) {
      this.stopped = true;
      this.events.close({ code, reason, opened: this.opened, lived: this.opened ? Date.now() - this.openedAt : 0 });
    }
  }

  write(frame) {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) {
      return false;
    }
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  request(frame) {
    const ref = 'r' + this.nextRef++;
    return new Promise((resolve, reject) => {
      if (!this.write({ ...frame, ref })) {
        reject(failure('network', 'not connected'));
        return;
      }
      this.pending.set(ref, { resolve, reject });
    });
  }

  subscribe(channel, since) {
    return this.request(since ? { type: 'subscribe', channel, since } : { type: 'subscribe', channel });
  }

  unsubscribe(channel) {
    return this.request({ type: 'unsubscribe', channel }).catch(() => undefined);
  }

  stop() {
    this.stopped = true;
    if (this.ws) {
      this.ws.onmessage = null;
      this.ws.onclose = null;
      try {
        this.ws.close(1000);
      } catch (e) {
        // already closed
      }
    }
    this.closed(1000, 'stopped');
  }
}

