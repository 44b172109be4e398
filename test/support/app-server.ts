import type { Clock } from '../../server/deps.ts';
import { startNodeServer, type NodeServerOptions, type RunningServer } from '../../server/runtime/start.ts';

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  constructor(private current = new Date('2026-03-02T09:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  set(now: Date): void {
    this.current = new Date(now);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Starts the real Node server (HTTP on a free port) over the given database, with the demo region. */
export async function startTestServer(options: {
  databaseUrl?: string | undefined;
  clock?: Clock;
  /** The clock sessions expire by (default: the wall clock). */
  sessionClock?: Clock;
  /** Mount /api/dev (outbox, settable clock); off unless a test asks for it, as on a real server. */
  devRoutes?: boolean;
  mode?: 'development' | 'test' | 'production';
  allowDemoLogin?: boolean;
  loadDemo?: boolean;
  idleUnloadMs?: number;
  /** Any other server option (public URL, trusted origins, a log, the pending budget). */
  more?: Partial<NodeServerOptions>;
}): Promise<RunningServer> {
  return startNodeServer({
    port: 0,
    databaseUrl: options.databaseUrl,
    mode: options.mode ?? 'test',
    loadDemo: options.loadDemo ?? true,
    allowDemoLogin: options.allowDemoLogin ?? false,
    devRoutes: options.devRoutes ?? false,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.sessionClock ? { sessionClock: options.sessionClock } : {}),
    ...(options.idleUnloadMs !== undefined ? { idleUnloadMs: options.idleUnloadMs } : {}),
    ...options.more,
  });
}

export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** A browser-like HTTP client: keeps its session cookie and sends our Origin on writes. */
export class Client {
  private cookie: string | undefined;
  constructor(
    readonly baseUrl: string,
    private readonly origin: string | null = baseUrl,
  ) {}

  /** The Cookie header this client sends (for WebSocket clients that share its session). */
  get cookieHeader(): string | undefined {
    return this.cookie;
  }

  get hasSession(): boolean {
    return this.cookie !== undefined;
  }

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...extraHeaders };
    if (this.cookie) headers.cookie = this.cookie;
    if (method !== 'GET' && this.origin && !('origin' in extraHeaders)) headers.origin = this.origin;
    // An empty value means "send no such header" (e.g. a request without Origin).
    for (const [name, value] of Object.entries(headers)) if (value === '') delete headers[name];
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(this.baseUrl + path, { method, headers, body: payload ?? null, redirect: 'manual' });
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair] = setCookie.split(';');
      const [name, value] = (pair ?? '').split('=');
      if (name !== 'tafelwerk_session') continue;
      this.cookie = value ? `${name}=${value}` : undefined;
      if (/max-age=0/i.test(setCookie) || /expires=Thu, 01 Jan 1970/i.test(setCookie)) this.cookie = undefined;
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  }

  get<T = unknown>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = unknown>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }
  put<T = unknown>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, body ?? {});
  }
  patch<T = unknown>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body ?? {});
  }
  delete<T = unknown>(path: string) {
    return this.request<T>('DELETE', path);
  }

  async login(email: string, password = 'demo-tafelwerk'): Promise<this> {
    const reply = await this.post('/api/auth/login', { email, password });
    if (reply.status !== 200) throw new Error(`login ${email} failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    return this;
  }
}
