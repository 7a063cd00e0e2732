// <herald-status>: a badge for a Herald client. Green: real time over WebSocket; yellow: on an HTTP
// fallback; red: connecting or offline. It follows the last Herald created on the page unless its
// `herald` property is set.

const COLORS = { connected: '#1a7f37', fallback: '#bf8700', connecting: '#cf222e', offline: '#cf222e' };
const unattached = new Set();
let latest = null;

/** Called by every new Herald: badges without an explicit client follow the newest one. */
export function announce(herald) {
  latest = herald;
  for (const element of unattached) element.attach(herald, false);
}

const Base = typeof HTMLElement === 'undefined' ? class {} : HTMLElement;

export class HeraldStatus extends Base {
  set herald(herald) {
    this.attach(herald, true);
  }

  get herald() {
    return this.client;
  }

  connectedCallback() {
    if (!this.shadowRoot) {
      this.attachShadow({ mode: 'open' }).innerHTML = `<style>
        :host { display: inline-flex; align-items: center; gap: .4em; font: 13px/1.4 system-ui, sans-serif; }
        .dot { width: .8em; height: .8em; border-radius: 50%; background: #cf222e; }
      </style><span class="dot" part="dot"></span><span class="text" part="text">offline</span>`;
    }
    if (!this.client) {
      unattached.add(this);
      if (latest) this.attach(latest, false);
    }
    this.render();
  }

  disconnectedCallback() {
    unattached.delete(this);
    this.detach();
  }

  attach(herald, explicit) {
    if (explicit) unattached.delete(this);
    this.detach();
    this.client = herald;
    this.offs = ['state', 'transport', 'quality'].map((name) => herald.on(name, () => this.render()));
    this.render();
  }

  detach() {
    (this.offs || []).forEach((off) => off());
    this.offs = [];
  }

  render() {
    if (!this.shadowRoot) return;
    const herald = this.client;
    const state = herald ? herald.state : 'offline';
    const transport = herald && herald.transportName;
    let text = state === 'connecting' ? 'connecting…' : 'offline';
    if (state === 'connected' || state === 'fallback') {
      text = `${state === 'connected' ? 'live' : 'fallback'} · ${transport} · ${herald.quality}`;
      if (herald.rtt !== undefined) text += ` · ${herald.rtt} ms`;
    }
    this.setAttribute('state', state);
    this.shadowRoot.querySelector('.dot').style.background = COLORS[state];
    this.shadowRoot.querySelector('.text').textContent = text;
  }
}

if (typeof customElements !== 'undefined' && !customElements.get('herald-status')) {
  customElements.define('herald-status', HeraldStatus);
}
