import { randomUUID } from 'node:crypto';
import type { RegisterCase } from '../cases/case.schema.ts';
import type { CaseStatus } from '../core/lifecycle.ts';

/**
 * A mixed load of API clients (intake, route, assign, close, reads), shared
 * by the chaos runner and the soak: each client works its own cases through
 * the lifecycle, and every write the server acknowledged (a 2xx answer) is
 * recorded with the state that answer confirmed.
 */

/** What a 2xx answer confirmed about a case. */
export interface Acknowledged {
  id: string;
  dossierNumber: string;
  /** The intake's Idempotency-Key and body, to retry it. */
  key: string;
  body: RegisterCase;
  status: CaseStatus;
  version: number;
  domain: string | null;
  investigatorId: string | null;
  outcome: string | null;
}

/** An intake whose answer never came (the server died meanwhile): it may or may not exist. */
export interface Unanswered {
  key: string;
  body: RegisterCase;
}

export type ErrorKind = 'refused' | 'cut off' | 'timeout' | 'http 5xx' | 'http 4xx';
export type Answer =
  | { ok: true; status: number; body: any; headers: Headers }
  | { ok: false; kind: ErrorKind; status?: number; detail: string };

export interface Api {
  /** The server's base URL; changes when a restarted server listens on another port. */
  base: string;
  token: string;
}

/** One HTTP call, its failure classified: refused (nobody listens), cut off (died mid-request), a status. */
export { callApi as call };
async function callApi(api: Api, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  try {
    const res = await fetch(api.base + path, {
      method,
      headers: { authorization: `Bearer ${api.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    if (res.status >= 500) return { ok: false, kind: 'http 5xx', status: res.status, detail: `${method} ${path}: ${res.status} ${text.slice(0, 200)}` };
    if (res.status >= 400) return { ok: false, kind: 'http 4xx', status: res.status, detail: `${method} ${path}: ${res.status} ${text.slice(0, 200)}` };
    return { ok: true, status: res.status, body: parsed, headers: res.headers };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const code = e.cause?.code ?? (e.name === 'TimeoutError' ? 'timeout' : '');
    const kind: ErrorKind = code === 'ECONNREFUSED' ? 'refused' : code === 'timeout' ? 'timeout' : 'cut off';
    return { ok: false, kind, detail: `${method} ${path}: ${code || e.message} ${e.cause?.message ?? ''}`.trim() };
  }
}

const AGENCIES = ['Belastingdienst', 'UWV', 'SVB', 'DUO', 'CJIB', 'Gemeente Utrecht'];

export function intakeBody(n: number): RegisterCase {
  return {
    petitioner: { name: `Belasting Betaler ${n}`, email: `burger${n}@example.nl` },
    agency: AGENCIES[n % AGENCIES.length]!,
    subject: `Klacht ${n}: geen reactie`,
    description: 'Ik heb maanden geleden een brief gestuurd en nog steeds geen antwoord gekregen.',
    channel: (['web', 'email', 'letter', 'phone'] as const)[n % 4]!,
    urgent: n % 17 === 0,
  };
}

export type Action = 'intake' | 'route' | 'assign' | 'close' | 'read';
export const MIX: Record<Action, number> = { intake: 35, route: 20, assign: 20, close: 15, read: 10 };

export interface Tally {
  requests: number;
  acknowledged: Record<Action, number>;
  errors: Record<ErrorKind, number>;
  /** The first few errors in words, for the report. */
  samples: string[];
  /** Milliseconds per answered request. */
  latencies: number[];
}

export function newTally(): Tally {
  return {
    requests: 0,
    acknowledged: { intake: 0, route: 0, assign: 0, close: 0, read: 0 },
    errors: { refused: 0, 'cut off': 0, timeout: 0, 'http 5xx': 0, 'http 4xx': 0 },
    samples: [],
    latencies: [],
  };
}

/** Every acknowledged write of a run, across rounds and restarts. */
export class Ledger {
  readonly cases = new Map<string, Acknowledged>();
  readonly unanswered: Unanswered[] = [];
  private counter = 0;
  next(): number {
    return ++this.counter;
  }
}

export interface ClientOptions {
  api: Api;
  ledger: Ledger;
  tally: () => Tally;
  investigatorIds: readonly string[];
  random: () => number;
  /** True while the client should keep going. */
  running: () => boolean;
  /** Waits between requests (the soak's pace); none for the chaos run. */
  pace?: () => Promise<void>;
}

/** One API client: picks an action by the mix, on its own cases, until told to stop. */
export async function runClient(o: ClientOptions): Promise<void> {
  const mine: Record<'received' | 'queued' | 'assigned', Acknowledged[]> = { received: [], queued: [], assigned: [] };
  const pick = <T>(list: T[]): T => list.splice(Math.floor(o.random() * list.length), 1)[0]!;
  const choose = (): Action => {
    let r = o.random() * 100;
    for (const [action, weight] of Object.entries(MIX) as [Action, number][]) {
      if ((r -= weight) < 0) return action;
    }
    return 'intake';
  };
  let down = false;
  let sent = 0;
  const call = (...args: Parameters<typeof callApi>) => {
    sent = performance.now();
    return callApi(...args);
  };
  const note = (a: Answer, action: Action) => {
    down = !a.ok && a.kind === 'refused';
    const t = o.tally();
    t.requests += 1;
    if (a.ok || a.kind.startsWith('http')) t.latencies.push(performance.now() - sent);
    if (a.ok) t.acknowledged[action] += 1;
    else if (a.kind === 'refused') t.errors.refused += 1; // the server is down: counted apart, and no busy loop
    else {
      t.errors[a.kind] += 1;
      if (t.samples.length < 10) t.samples.push(`${a.kind}: ${a.detail}`);
    }
  };
  const confirm = (ack: Acknowledged, view: any) => {
    Object.assign(ack, {
      status: view.status, version: view.version, domain: view.domain, investigatorId: view.investigatorId, outcome: view.outcome,
    });
  };
  while (o.running()) {
    if (down) await new Promise((r) => setTimeout(r, 25));
    await o.pace?.();
    if (!o.running()) break;
    let action = choose();
    if (action === 'route' && !mine.received.length) action = 'intake';
    if (action === 'assign' && !mine.queued.length) action = 'intake';
    if (action === 'close' && !mine.assigned.length && !mine.queued.length) action = 'intake';
    if (action === 'intake') {
      const body = intakeBody(o.ledger.next());
      const key = randomUUID();
      const a = await call(o.api, 'POST', '/api/v1/cases', body, { 'idempotency-key': key });
      note(a, action);
      if (a.ok) {
        const ack: Acknowledged = {
          id: a.body.id, dossierNumber: a.body.dossierNumber, key, body, status: 'received', version: 1, domain: null, investigatorId: null, outcome: null,
        };
        confirm(ack, a.body);
        o.ledger.cases.set(ack.id, ack);
        mine.received.push(ack);
      } else if (a.kind !== 'refused' && a.kind !== 'http 4xx') {
        o.ledger.unanswered.push({ key, body });
      }
      continue;
    }
    if (action === 'read') {
      const all = [...mine.received, ...mine.queued, ...mine.assigned];
      const path = all.length && o.random() < 0.5 ? `/api/v1/cases/${all[Math.floor(o.random() * all.length)]!.id}` : '/api/v1/tray?domain=inkomen';
      note(await call(o.api, 'GET', path), action);
      continue;
    }
    const from = action === 'route' ? mine.received : action === 'assign' ? mine.queued : mine.assigned.length ? mine.assigned : mine.queued;
    const ack = pick(from);
    const [path, body] =
      action === 'route'
        ? [`route`, { domain: 'inkomen', unit: 'standard', version: ack.version }]
        : action === 'assign'
          ? ['assign', { investigatorId: o.investigatorIds[Math.floor(o.random() * o.investigatorIds.length)]!, proposal: 'Bellen met de instantie', version: ack.version }]
          : ['close', { outcome: 'KEN', version: ack.version }];
    const a = await call(o.api, 'POST', `/api/v1/cases/${ack.id}/${path}`, body);
    note(a, action);
    if (a.ok) {
      confirm(ack, a.body);
      if (ack.status === 'queued') mine.queued.push(ack);
      else if (ack.status === 'assigned') mine.assigned.push(ack);
    } else if (a.kind === 'refused') {
      from.push(ack); // never reached the server: try again later
    }
    // Cut off or refused by the server: the outcome is unknown or the ledger stale, so this client leaves the case alone.
  }
}
