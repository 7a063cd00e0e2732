// TypeScript declarations for herald.js (herald.v1 browser client). Documentation: docs/client.md.

export type TransportName = 'websocket' | 'sse' | 'long-poll' | 'poll';
export type State = 'connecting' | 'connected' | 'fallback' | 'offline';
export type Quality = 'excellent' | 'good' | 'fair' | 'poor' | 'offline';

export interface Position {
  offset: number;
  epoch: string;
}

/** A `publication` frame (docs/protocol.md §5.5). */
export interface Publication<T = unknown> {
  type: 'publication';
  channel: string;
  offset: number;
  epoch: string;
  id: string;
  event?: string;
  data: T;
  ts: number;
}

/** The `published` reply (docs/protocol.md §5.4). */
export interface Published {
  type: 'published';
  channel: string;
  offset: number;
  epoch: string;
  id: string;
  duplicate: boolean;
}

export interface Subscribed {
  /** false: what was missed cannot be replayed (first subscribe, restart, gap): reload the state. */
  recovered: boolean;
  offset: number;
  epoch: string;
  transport: TransportName | null;
}

export interface HeraldError {
  code: string | number;
  message?: string;
  channel?: string;
  /** true after close codes 4500-4999 (4509: revoked) and 1009: the client does not reconnect by itself. */
  fatal?: boolean;
}

export interface SubscriptionHandlers<T = unknown> {
  onPublication?(publication: Publication<T>, subscription: Subscription): void;
  onSubscribed?(info: Subscribed, subscription: Subscription): void;
  /** The server refused the subscription (for example unknown_namespace); it is dropped. */
  onError?(error: Error & { code: string }, subscription: Subscription): void;
  /** On a fresh start, also replay the last n publications still in the channel's history. */
  rewind?: number;
}

export interface HeraldOptions {
  /** The application's base URL (the WAR's context root); default: where herald.js was loaded from. */
  url?: string;
  /** Transports to use, in order of preference. Default: websocket, sse, long-poll, poll. */
  transports?: TransportName[];
  /** A WebSocket that closes this soon (ms) after opening counts as blocked. Default 5000. */
  openGrace?: number;
  /** Milliseconds between attempts to go back to WebSocket while on a fallback (±20 %). Default 60000. */
  upgradeInterval?: number;
  /** Reconnect delay: random in [0, min(max, initial·2^attempt)) ms. Default {initial: 500, max: 30000}. */
  backoff?: { initial?: number; max?: number };
  /** Publishes kept while offline (persisted). Default 100. */
  outboxLimit?: number;
  /** Milliseconds between round-trip measurements. Default 15000. */
  pingInterval?: number;
  /** Milliseconds between two requests of the 'poll' transport. Default 5000. */
  pollInterval?: number;
  /** Seconds the server may hold a long-poll request. Default 25. */
  longPollWait?: number;
  /** Silence (ms) after which an SSE stream counts as dead. Default 70000. */
  sseTimeout?: number;
  /** Where the outbox and the transport that worked are kept; null keeps nothing. Default localStorage. */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** Prefix of the storage keys. Default 'herald:' + url. */
  storageKey?: string;
  /** Connect at once (default true); otherwise call connect(). */
  /** Called on every (re)connect: a JWT sent as Authorization, exchanged for a ticket for WebSocket and SSE. */
  token?: () => Promise<string>;
  /** Called on every (re)connect and HTTP request: a single-use ticket from POST api/tickets. */
  ticket?: () => Promise<string>;
  autoConnect?: boolean;
}

export interface HeraldEvents {
  state: State;
  transport: TransportName | null;
  quality: { quality: Quality; rtt?: number; transport: TransportName | null };
  error: HeraldError;
  published: Published;
}

export declare class Subscription {
  readonly channel: string;
  /** The last publication applied, or the position given by `subscribed`. */
  readonly position: Position | null;
  unsubscribe(): void;
}

export declare class Herald {
  constructor(options?: HeraldOptions);
  readonly state: State;
  readonly transportName: TransportName | null;
  readonly quality: Quality;
  /** Last measured round-trip time in ms. */
  readonly rtt: number | undefined;
  readonly base: string;
  readonly stats: { ignored: number };
  on<K extends keyof HeraldEvents>(name: K, listener: (value: HeraldEvents[K]) => void): () => void;
  subscribe<T = unknown>(channel: string, handlers?: SubscriptionHandlers<T>): Subscription;
  /** Resolves with the server's reply once stored (also after going offline and back); rejects when refused. */
  publish(channel: string, event: string | null | undefined, data: unknown): Promise<Published>;
  connect(): void;
  useTransports(names: TransportName[]): void;
  close(): void;
}

export declare class HeraldStatus extends HTMLElement {
  herald: Herald | undefined;
}

export declare function parseFrames(text: string): Array<{ type: string; [field: string]: unknown }>;
export declare function qualityOf(state: State, rtt?: number): Quality;

declare global {
  interface HTMLElementTagNameMap {
    'herald-status': HeraldStatus;
  }
}
