/**
 * The client address as our trusted reverse proxy reported it in X-Forwarded-For. A proxy appends the
 * address it received the request from to whatever the header already held, so only the right-most
 * entry was written by the proxy; every entry to its left came with the request and can be forged.
 * Undefined when there is no usable entry (then the connection's own address counts).
 */
export function clientAddressFromForwarded(header: string | null | undefined): string | undefined {
  const last = header?.split(',').at(-1)?.trim();
  return last ? last : undefined;
}
