// Herald browser client for herald.v1: WebSocket first, HTTP fallbacks (SSE, long-poll, poll), resume
// from positions, an outbox that survives going offline. Usage and options: docs/client.md.
import { transport, TRANSPORTS } from './herald-transports.js';
import { announce } from './herald-status.js';
import { Outbox } from './herald-outbox.js';
import { Channels, Subscription } from './herald-channels.js';
import { useCredentials } from './herald-auth.js';

export { HeraldStatus } from './herald-status.js';
export { Subscription } from './herald-channels.js';
export { parseFrames } from './herald-transports.js';

const DEFAULTS = {
  transports: TRANSPORTS,
  openGrace: 5000, // a WebSocket that dies this soon after opening counts as blocked (intercepting proxies)
  upgradeInterval: 60000, // how often a client on a fallback tries WebSocket again (±20 % jitter)
  backoff: { initial: 500, max: 30000 }, // full jitter: a random delay in [0, min(max, initial·2^attempt))
  outboxLimit: 100, // publishes kept while offline; more are refused rather than growing without bound
  pingInterval: 15000, // how often the round-trip time is measured
  pollInterval: 5000, // pause between two polls on the 'poll' transport
  longPollWait: 25, // seconds the server may hold a long-poll request
  sseTimeout: 70000, // silence on SSE that means the stream is dead (server pings every 25 s)
  autoConnect: true,
};

function browserStorage() {
  try {
    return globalThis.localStorage || null;
  } catch (e) {
    return null;
  }
}

export function qualityOf(state, rtt) {
  if (state !== 'connected' && state !== 'fallback') return 'offline';
  if (rtt === undefined) return 'good';
  if (rtt < 150) return 'excellent';
  if (rtt < 400) return 'good';
  if (rtt < 1000) return 'fair';
  return 'poor';
}

export class Herald {
  constructor(options = {}) {
    this.options = { ...DEFAULTS, ...options, backoff: { ...DEFAULTS.backoff, ...(options.backoff || {}) } };
    const base = new URL(options.url || './', import.meta.url).href;
    this.base = base.endsWith('/') ? base : base + '/';
    this.storage = options.storage === undefined ? browserStorage() : options.storage;
    // options.token / options.ticket: async functions asked on every (re)connect (docs/security.md)
    useCredentials(this.base, options);
    this.key = options.storageKey || 'herald:' + this.base;
    this.channels = new Channels((name, value) => this.emit(name, value), (subscription) => {
      this.transport.unsubscribe(subscription.channel);
      this.request(subscription);
    });
    this.subscriptions = this.channels.all;
    this.stats = this.channels.stats;
    this.listeners = new Map();
    this.outbox = new Outbox({
      limit: this.options.outboxLimit,
      load: () => this.load('outbox', []),
      save: (items) => this.save('outbox', items),
      emit: (name, value) => this.emit(name, value),
      link: () => (this.live() ? this.transport : null),
    });
    this.state = 'offline';
    this.transport = null;
    this.rtt = undefined;
    this.quality = 'offline';
    this.attempt = 0;
    this.generation = 0;
    announce(this);
    // after the caller's subscribe() calls, so that the first request already carries them
    if (this.options.autoConnect) queueMicrotask(() => this.closed || this.connect());
  }

  // ---- public API ----

  on(name, listener) {
    if (!this.listeners.has(name)) this.listeners.set(name, new Set());
    this.listeners.get(name).add(listener);
    return () => this.listeners.get(name).delete(listener);
  }

  subscribe(channel, handlers) {
    if (this.subscriptions.has(channel)) throw new Error('already subscribed to ' + channel);
    const subscription = new Subscription(this, channel, handlers);
    this.subscriptions.set(channel, subscription);
    if (this.live()) this.request(subscription);
    return subscription;
  }

  publish(channel, event, data) {
    return this.outbox.add(channel, event, data);
  }

  connect(first = this.preferred()) {
    this.closed = false;
    this.tried = new Set();
    this.open(first);
  }

  /** Uses these transports from now on, in this order (the demo's switch); reconnects at once. */
  useTransports(names) {
    this.options.transports = names;
    this.halt();
    this.connect(names[0]);
  }

  close() {
    this.closed = true;
    this.halt();
    this.setState('offline');
  }

  get transportName() {
    return this.transport && this.transport.opened && this.live() ? this.transport.name : null;
  }

  // ---- connection life ----

  preferred() {
    const remembered = this.load('transport', null);
    return this.options.transports.includes(remembered) ? remembered : this.options.transports[0];
  }

  open(name) {
    clearTimeout(this.retryTimer);
    this.tried.add(name);
    this.setState('connecting');
    const generation = ++this.generation;
    this.transport = transport(name, this.base, this.events(generation), this.options);
    this.transport.start();
  }

  events(generation) {
    return {
      cursor: () => this.channels.cursor(),
      open: (info) => this.current(generation) && this.opened(info),
      frames: (frames) => this.current(generation) && this.received(frames),
      close: (info) => this.current(generation) && this.lost(info),
    };
  }

  current(generation) {
    if (generation === this.probeGeneration && this.probe) this.promote();
    return generation === this.generation;
  }

  opened(info) {
    const name = this.transport.name;
    this.tried = new Set();
    this.heard = Date.now();
    this.silence = name === 'websocket' ? info.timeout : info.timeout || (name === 'sse' ? this.options.sseTimeout : 0);
    // a forced transport says nothing about what works here: remember only choices made by fallback
    if (this.options.transports.length > 1) this.save('transport', name);
    this.setState(name === 'websocket' ? 'connected' : 'fallback');
    this.emit('transport', name);
    for (const subscription of this.subscriptions.values()) this.request(subscription);
    this.outbox.pump();
    this.ping();
    clearInterval(this.pinger);
    this.pinger = setInterval(() => this.ping(), this.options.pingInterval);
    clearInterval(this.watchdog);
    this.watchdog = setInterval(() => this.watch(), 1000);
    this.scheduleUpgrade();
  }

  watch() {
    if (this.silence && Date.now() - this.heard > this.silence) {
      // the server advertised how long it may stay silent: past that the connection is dead
      this.transport.stop();
    }
  }

  lost(info) {
    this.stopTimers();
    const name = this.transport.name;
    this.transport = null;
    this.emit('transport', null);
    if (this.closed) return;
    // protocol §11: the code says it; 4500-4999 (and the standard 1009) mean "not as it is"
    if (info.code === 1009 || (info.code >= 4500 && info.code <= 4999)) {
      this.setState('offline');
      this.emit('error', { code: info.code, message: info.reason || 'closed by the server', fatal: true });
      return;
    }
    const herald = info.code >= 4000 && info.code < 4500;
    if (info.lived >= this.options.openGrace) this.attempt = 0;
    const blocked = !herald && (!info.opened || info.lived < this.options.openGrace);
    if (blocked) {
      const order = this.options.transports;
      const next = order.find((candidate, i) => i > order.indexOf(name) && !this.tried.has(candidate))
        || order.find((candidate) => !this.tried.has(candidate));
      if (next) {
        this.open(next);
        return;
      }
    }
    this.setState('offline');
    const bound = Math.min(this.options.backoff.max, this.options.backoff.initial * 2 ** this.attempt++);
    this.retryTimer = setTimeout(() => this.connect(), Math.random() * bound);
  }

  halt() {
    this.stopTimers();
    clearTimeout(this.retryTimer);
    this.generation++;
    const stopping = [this.transport, this.probe];
    this.transport = null;
    this.probe = null;
    for (const t of stopping) if (t) t.stop();
    this.emit('transport', null);
  }

  stopTimers() {
    clearInterval(this.pinger);
    clearInterval(this.watchdog);
    clearTimeout(this.upgradeTimer);
  }

  // ---- upgrade back to WebSocket ----

  scheduleUpgrade() {
    const order = this.options.transports;
    if (this.transport.name === 'websocket' || !order.includes('websocket')) return;
    const delay = this.options.upgradeInterval * (0.8 + 0.4 * Math.random());
    this.upgradeTimer = setTimeout(() => this.tryUpgrade(), delay);
  }

  tryUpgrade() {
    if (!this.live() || this.probe) return;
    // the probe has a generation of its own (negative, never reused) until it is promoted
    const generation = -(this.probes = (this.probes || 0) + 1);
    this.probeGeneration = generation;
    const probe = transport('websocket', this.base, {
      cursor: () => this.channels.cursor(),
      open: (info) => this.current(generation) && this.opened(info),
      frames: (frames) => this.current(generation) && this.received(frames),
      close: (info) => {
        if (this.probe === probe) {
          this.probe = null; // refused again: stay where we are, try later
          this.scheduleUpgrade();
        } else if (this.current(generation)) {
          this.lost(info);
        }
      },
    }, this.options);
    this.probe = probe;
    probe.start();
  }

  promote() {
    // the probe reached 'connected': it replaces the fallback; positions make the switch seamless
    const old = this.transport;
    this.generation = this.probeGeneration;
    this.transport = this.probe;
    this.probe = null;
    this.stopTimers();
    if (old) old.stop();
  }

  // ---- frames ----

  received(frames) {
    this.heard = Date.now();
    for (const frame of frames) {
      if (frame.type === 'subscribed') this.channels.subscribed(frame, this.transportName);
      else if (frame.type === 'publication') this.channels.publication(frame, this.transportName);
      else if (frame.type === 'error' && frame.ref === undefined) this.emit('error', frame);
      else if (frame.type === 'unsubscribed' && frame.ref === undefined) this.ended(frame);
    }
  }

  /** The server ended a subscription (protocol §5.3: the identity may no longer read it); never resubscribed. */
  ended(frame) {
    const subscription = this.subscriptions.get(frame.channel);
    if (!subscription) return;
    this.subscriptions.delete(frame.channel);
    const error = { code: frame.code, message: frame.message, channel: frame.channel };
    this.channels.call(subscription, 'onError', error);
    this.emit('error', error);
  }

  // ---- requests over the live transport ----

  live() {
    return this.state === 'connected' || this.state === 'fallback';
  }

  request(subscription) {
    const since = subscription.position ? { ...subscription.position } : undefined;
    const http = this.transport.name !== 'websocket';
    // on HTTP a refused channel would fail the whole cursor: POST /api/client checks it first
    const through = this.transport;
    const asked = http && !subscription.accepted
      ? through.request({ type: 'subscribe', channel: subscription.channel }).then(() => {
        subscription.accepted = true;
        if (this.transport === through) through.subscribe();
      })
      : this.transport.subscribe(subscription.channel, since);
    Promise.resolve(asked).catch((error) => {
      if (error.code === 'network' || this.subscriptions.get(subscription.channel) !== subscription) return;
      this.subscriptions.delete(subscription.channel);
      this.channels.call(subscription, 'onError', error);
      this.emit('error', { code: error.code, message: error.message, channel: subscription.channel });
    });
  }

  drop(subscription) {
    if (this.subscriptions.get(subscription.channel) !== subscription) return;
    this.subscriptions.delete(subscription.channel);
    if (this.live()) this.transport.unsubscribe(subscription.channel);
  }

  async ping() {
    const through = this.transport;
    const started = performance.now();
    try {
      await through.request({ type: 'ping' });
    } catch (e) {
      return;
    }
    if (this.transport === through) {
      this.rtt = Math.round(performance.now() - started);
      this.updateQuality();
    }
  }

  // ---- state, events, storage ----

  setState(state) {
    if (state !== this.state) {
      this.state = state;
      this.emit('state', state);
    }
    this.updateQuality();
  }

  updateQuality() {
    const quality = qualityOf(this.state, this.rtt);
    if (!this.live()) this.rtt = undefined;
    if (quality !== this.quality || this.live()) {
      this.quality = quality;
      this.emit('quality', { quality, rtt: this.rtt, transport: this.transportName });
    }
  }

  emit(name, value) {
    for (const listener of this.listeners.get(name) || []) {
      try {
        listener(value);
      } catch (e) {
        console.error('herald listener failed', e);
      }
    }
  }

  load(name, fallback) {
    try {
      const text = this.storage && this.storage.getItem(this.key + ':' + name);
      return text ? JSON.parse(text) : fallback;
    } catch (e) {
      return fallback;
    }
  }

  save(name, value) {
    try {
      if (this.storage) this.storage.setItem(this.key + ':' + name, JSON.stringify(value));
    } catch (e) {
      // storage full or disabled: the outbox still works for this page
    }
  }
}
