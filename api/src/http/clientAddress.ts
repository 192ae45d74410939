import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { Context } from 'hono';
import ipaddr from 'ipaddr.js';
import { createGenerationalCache } from '../lib/generationalCache';
import type { AppEnv } from './env';

// Who is asking: the address rate limits are counted against, and whether a request comes from this
// machine. The pure parts take strings; the Context helpers read the socket that @hono/node-server
// passes as `c.env.incoming` (absent under app.request(), where there is no connection at all).

/** The Node request behind a Hono context, when the app runs under @hono/node-server. */
export function incomingOf(c: Context): IncomingMessage | undefined {
  const env = c.env as { incoming?: IncomingMessage } | undefined;
  return env?.incoming;
}

/** The address the TCP connection comes from, or undefined when there is no socket. */
export function socketAddress(c: Context): string | undefined {
  return incomingOf(c)?.socket?.remoteAddress ?? undefined;
}

/** An address as written in a forwarding header, without brackets or port: "[2001:db8::1]:443" -> "2001:db8::1". */
export function bareAddress(entry: string): string | null {
  let value = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
  return isIP(value) ? value : null;
}

/**
 * The client behind `hops` trusted proxies. Each proxy appends the address it received the request
 * from, so the entries a client can forge are on the left: the one the outermost trusted proxy wrote
 * is the `hops`-th from the right (1 = the rightmost). With fewer entries than hops the leftmost is
 * taken; an entry that is not an IP address yields null (use the socket address).
 */
export function forwardedClient(header: string | undefined | null, hops: number): string | null {
  if (hops < 1 || !header) return null;
  const entries = header.split(',').filter((entry) => entry.trim() !== '');
  if (entries.length === 0) return null;
  return bareAddress(entries[Math.max(0, entries.length - hops)]);
}

/**
 * The key rate limits count against: an IPv4 address as is; an IPv6 address by its /64 (one
 * subscriber usually holds a whole /64, so per-address keys would give an attacker 2^64 of them);
 * IPv4-mapped IPv6 as the IPv4 address it carries.
 */
export function rateLimitKey(address: string): string {
  let key = knownKeys.get(address);
  if (key === undefined) knownKeys.set(address, (key = keyOf(address)));
  return key;
}

/** Keys of the addresses seen lately: reading an address costs 1-5 µs, and every rate-limited request asks. */
const knownKeys = createGenerationalCache<string>(4096);

function keyOf(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address.replace(/%.*$/, ''));
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `${new ipaddr.IPv6([...parts, 0, 0, 0, 0]).toString()}/64`;
}

/** True for 127.0.0.0/8, ::1 and their IPv4-mapped forms. */
export function isLoopbackAddress(address: string | undefined | null): boolean {
  if (!address || !isIP(address.replace(/%.*$/, ''))) return false;
  return ipaddr.process(address.replace(/%.*$/, '')).range() === 'loopback';
}

/** The client's address: from X-Forwarded-For behind TRUST_PROXY hops, else the socket's; "unknown" without either. */
export function clientAddress(c: Context<AppEnv>): string {
  const hops = c.var.deps.trustProxy;
  const forwarded = hops > 0 ? forwardedClient(c.req.header('x-forwarded-for'), hops) : null;
  return forwarded ?? socketAddress(c) ?? 'unknown';
}

/** The rate-limit key of this request's client. */
export function clientKey(c: Context<AppEnv>): string {
  return rateLimitKey(clientAddress(c));
}
