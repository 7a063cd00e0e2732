// The HTTP transports (docs/protocol.md §15): SSE, long-poll and poll down, POST /api/client up.
import { parseFrames, postFrame } from './herald-frames.js';
import { authorize, hasCredentials, ticket } from './herald-auth.js';

/** An HTTP transport without channels holds no stream: it is open once the server answers a ping. */
function idle(transport) {
  if (transport.opened) {
    return;
  }
  postFrame(transport.base, { type: 'ping' }).then(() => {
    if (!transport.opened && !transport.stopped) {
      transport.opened = true;
      transport.openedAt = Date.now();
      transport.events.open({});
    }
  }, () => transport.finish('network'));
}

/**
 * What the HTTP transports share: the channel set travels as a cursor, so a change of channels
 * re-opens the downstream (debounced: several subscribe() calls in a row re-open once), and every
 * client frame goes up as POST /api/client.
 */
class HttpTransport {
  constructor(base, events, name) {
    this.name = name;
    this.base = base;
    this.events = events;
    this.opened = false;
  }

  finish(code) {
    this.release();
    if (!this.stopped) {
      this.stopped = true;
      this.events.close({ code, opened: this.opened, lived: this.opened ? Date.now() - this.openedAt : 0 });
    }
  }

  resync() {
    clearTimeout(this.resyncTimer);
    this.resyncTimer = setTimeout(() => {
      if (!this.stopped && this.events.cursor() !== this.cursor) {
        this.reopen();
      }
    }, 0);
  }

  subscribe() {
    this.resync();
  }

  unsubscribe() {
    this.resync();
  }

  request(frame) {
    return postFrame(this.base, frame);
  }

  stop() {
    this.finish('stopped');
  }
}

/** Server-Sent Events down, POST /api/client up. Reopens the stream when the set of channels changes. */
export class SseTransport extends HttpTransport {
  constructor(base, events) {
    super(base, events, 'sse');
  }

  start() {
    this.cursor = this.events.cursor();
    if (this.cursor === '') {
      // nothing to stream yet (the server requires a cursor): check the server answers, wait for channels
      idle(this);
      return;
    }
    const url = this.base + 'api/sse?cursor=' + encodeURIComponent(this.cursor);
    if (!hasCredentials(this.base)) {
      this.stream(url);
      return;
    }
    // EventSource cannot send Authorization: a single-use ticket in the query (never the token)
    ticket(this.base).then((t) => this.stopped || this.stream(url + '&ticket=' + encodeURIComponent(t)),
      () => this.finish('unauthenticated'));
  }

  stream(url) {
    const source = new EventSource(url);
    this.source = source;
    const established = () => {
      if (!this.opened) {
        this.opened = true;
        this.openedAt = Date.now();
        this.events.open({});
      }
    };
    source.onopen = established;
    source.onmessage = (message) => {
      established();
      let frames;
      try {
        frames = parseFrames(message.data);
      } catch (e) {
        return;
      }
      this.events.frames(frames);
    };
    // EventSource would retry on its own; the client decides instead (backoff, fallback, fresh cursor)
    source.onerror = () => {
      if (this.source === source) {
        this.finish('sse_lost');
      }
    };
  }

  release() {
    if (this.source) {
      this.source.close();
      this.source = null;
    }
  }

  reopen() {
    if (this.source) {
      this.source.close();
    }
    this.start();
  }
}

/** Long-poll (wait > 0) or plain polling with ETag (wait = 0). */
export class PollTransport extends HttpTransport {
  constructor(base, events, name, options) {
    super(base, events, name);
    this.wait = name === 'long-poll' ? options.longPollWait : 0;
    this.interval = options.pollInterval;
  }

  start() {
    this.loop();
  }

  async loop() {
    while (!this.stopped) {
      const cursor = this.events.cursor();
      if (cursor === '') {
        this.cursor = cursor;
        idle(this);
        await new Promise((resolve) => {
          this.wake = resolve;
        });
        this.resyncing = false;
        continue;
      }
      if (cursor !== this.cursor) {
        this.etag = null;
      }
      this.cursor = cursor;
      this.abort = new AbortController();
      const limit = setTimeout(() => this.abort.abort(), (this.wait + 15) * 1000);
      let response;
      try {
        const auth = await authorize(this.base, this.base + 'api/poll?cursor=' + encodeURIComponent(cursor) + '&wait=' + this.wait);
        const headers = this.etag ? { 'If-None-Match': this.etag, ...auth.headers } : auth.headers;
        response = await fetch(auth.url, { cache: 'no-store', headers, signal: this.abort.signal });
      } catch (e) {
        clearTimeout(limit);
        if (this.resyncing) {
          this.resyncing = false;
          continue;
        }
        this.finish('network');
        return;
      }
      clearTimeout(limit);
      if (response.status !== 304 && !response.ok) {
        this.finish('http_' + response.status);
        return;
      }
      let body = null;
      if (response.status !== 304) {
        body = await response.json().catch(() => null);
        if (!body || !Array.isArray(body.frames)) {
          if (this.resyncing) {
            this.resyncing = false; // aborted while reading: ask again with the new cursor
            continue;
          }
          this.finish('malformed');
          return;
        }
        this.etag = response.headers.get('ETag');
      }
      if (this.stopped) {
        return;
      }
      if (!this.opened) {
        this.opened = true;
        this.openedAt = Date.now();
        this.events.open({});
      }
      this.events.frames(body ? body.frames : []);
      if (this.wait === 0 && !this.resyncing) {
        await new Promise((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, this.interval);
        });
      }
      this.resyncing = false;
    }
  }

  /** Ends a wait in progress: the loop looks at the cursor (or at stopped) again. */
  release() {
    if (this.wake) {
      this.wake();
    }
    if (this.abort) {
      this.abort.abort();
    }
  }

  reopen() {
    this.resyncing = true;
    this.release();
  }
}

