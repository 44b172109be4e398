import type { AppConfig } from '../deps.ts';

/**
 * The origins a browser may send requests from: the request's own, the public URL's (behind a TLS
 * proxy the server sees http://internal-host while the browser says https://public-host) and any
 * trusted extra. One list for HTTP writes and WebSocket upgrades alike.
 */
export function allowedOrigins(
  requestUrl: string,
  config: Pick<AppConfig, 'trustedOrigins' | 'publicUrl'>,
): Set<string> {
  const allowed = new Set([new URL(requestUrl).origin, ...config.trustedOrigins]);
  if (config.publicUrl) allowed.add(new URL(config.publicUrl).origin);
  return allowed;
}
