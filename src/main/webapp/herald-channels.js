// The client's channels: a position per channel, taken from 'subscribed' and from each publication
// applied, so that publications reach the application in order and each once, whatever the transport.

export class Subscription {
  constructor(herald, channel, handlers) {
    this.herald = herald;
    this.channel = channel;
    this.handlers = handlers || {};
    this.position = null; // {offset, epoch} of the last publication applied
    this.accepted = false; // the server accepted the channel once (HTTP cursors carry only those)
  }

  unsubscribe() {
    this.herald.drop(this);
  }
}

export class Channels {
  /** emit(name, value): client events; ask(subscription): subscribe again with its (new) position. */
  constructor(emit, ask) {
    this.emit = emit;
    this.ask = ask;
    this.all = new Map();
    this.stats = { ignored: 0 };
  }

  /** The cursor of the HTTP transports (docs/protocol.md §15.1). */
  cursor() {
    return [...this.all.values()].filter((s) => s.accepted).map((s) => (s.position
      ? `${s.channel}~${s.position.offset}~${s.position.epoch}` : s.channel)).join(',');
  }

  subscribed(frame, transport) {
    const subscription = this.all.get(frame.channel);
    if (!subscription) return;
    subscription.accepted = true;
    const known = subscription.position;
    const continues = frame.recovered && known && known.epoch === frame.epoch;
    if (!continues) subscription.position = { offset: frame.offset, epoch: frame.epoch };
    this.call(subscription, 'onSubscribed', { recovered: !!continues, offset: frame.offset, epoch: frame.epoch, transport });
    const rewind = subscription.handlers.rewind;
    if (!continues && rewind > 0 && frame.offset > 0 && !subscription.rewound) {
      // the application wants the latest publications too (a display): ask again from a bit earlier
      subscription.rewound = true;
      subscription.position = { offset: Math.max(0, frame.offset - rewind), epoch: frame.epoch };
      this.ask(subscription);
      return;
    }
    for (const publication of frame.publications || []) this.publication(publication, transport);
    if (subscription.position.epoch === frame.epoch && subscription.position.offset < frame.offset) {
      subscription.position.offset = frame.offset;
    }
  }

  publication(frame, transport) {
    const subscription = this.all.get(frame.channel);
    if (!subscription || !subscription.position) return;
    const position = subscription.position;
    if (frame.epoch !== position.epoch) {
      // a new history the server did not announce with 'subscribed': the application must reload
      subscription.position = { offset: frame.offset - 1, epoch: frame.epoch };
      this.call(subscription, 'onSubscribed', { recovered: false, offset: frame.offset - 1, epoch: frame.epoch, transport });
    } else if (frame.offset <= position.offset) {
      this.stats.ignored++; // already applied: a retry or an overlap during a transport switch
      return;
    }
    subscription.position.offset = frame.offset;
    this.call(subscription, 'onPublication', frame);
  }

  call(subscription, handler, value) {
    const fn = subscription.handlers[handler];
    if (!fn) return;
    try {
      fn(value, subscription);
    } catch (e) {
      this.emit('error', { code: 'handler', message: String(e), channel: subscription.channel });
    }
  }
}
