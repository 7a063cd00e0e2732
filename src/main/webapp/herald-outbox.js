// Herald's outbox: publishes wait here, persisted, until the server has answered them. Each has an
// idempotency key, so sending it again after a lost connection never publishes it twice.

const RETRYABLE = new Set(['network', 'unavailable', 'internal']);

function randomKey() {
  // crypto.randomUUID needs a secure context; an intranet page over http may not be one
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return 'h' + btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_');
}

export class Outbox {
  /**
   * limit: how many may wait; load()/save(items): persistence; emit(name, value): client events;
   * link(): the live transport, or null while offline.
   */
  constructor({ limit, load, save, emit, link }) {
    Object.assign(this, { limit, save, emit, link });
    this.items = load() || [];
    this.waiting = new Map(); // idempotencyKey -> {resolve, reject} of this page's publish() calls
  }

  add(channel, event, data) {
    return new Promise((resolve, reject) => {
      if (this.items.length >= this.limit) {
        reject(Object.assign(new Error('outbox full'), { code: 'outbox_full' }));
        return;
      }
      const item = { idempotencyKey: randomKey(), channel, data };
      if (event !== undefined && event !== null) item.event = event;
      this.items.push(item);
      this.save(this.items);
      this.waiting.set(item.idempotencyKey, { resolve, reject });
      this.pump();
    });
  }

  /** Sends one at a time, oldest first: order is kept, and a retry reuses its key. */
  async pump() {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        const through = this.link();
        if (!through || this.items.length === 0) return;
        const item = this.items[0];
        let reply;
        try {
          reply = await through.request({ type: 'publish', ...item });
        } catch (error) {
          if (RETRYABLE.has(error.code) || error.status >= 500) {
            if (this.link() !== through) continue; // switched or offline meanwhile: the next link retries
            setTimeout(() => this.pump(), 2000);
            return;
          }
          this.settle(item, null, error);
          continue;
        }
        this.settle(item, reply, null);
      }
    } finally {
      this.pumping = false;
    }
  }

  settle(item, reply, error) {
    this.items = this.items.filter((queued) => queued.idempotencyKey !== item.idempotencyKey);
    this.save(this.items);
    const waiting = this.waiting.get(item.idempotencyKey);
    this.waiting.delete(item.idempotencyKey);
    if (error) {
      this.emit('error', { code: error.code, message: error.message, channel: item.channel });
      if (waiting) waiting.reject(error);
    } else {
      this.emit('published', reply);
      if (waiting) waiting.resolve(reply);
    }
  }
}
