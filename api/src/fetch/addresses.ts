// Which network addresses the server may connect to on behalf of someone else: public unicast
// only. Pure; ipaddr.js knows the special-purpose ranges (IANA registries).
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** IPv6 addresses in use on the Internet all live in 2000::/3; anything else is special or unassigned. */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');
const NAT64_WELL_KNOWN = ipaddr.parseCIDR('64:ff9b::/96');

/** A host given as an IP address in any spelling (decimal, octal, hex, short, bracketed IPv6), normalised; null for a name. */
export function ipLiteral(host: string): string | null {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (!ipaddr.isValid(bare)) return null;
  return ipaddr.parse(bare).toString();
}

function ipv4FromBits(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

/** The IPv4 addresses an IPv6 address carries inside it (mapped, translated, NAT64, 6to4, Teredo), or null when it carries none. */
function embeddedIpv4(address: ipaddr.IPv6, range: string): ipaddr.IPv4[] | null {
  const parts = address.parts;
  switch (range) {
    case 'ipv4Mapped':
    case 'rfc6145':
      return [ipv4FromBits(parts[6], parts[7])];
    case 'rfc6052':
      // Only the well-known /96 prefix embeds the IPv4 address at a fixed place; 64:ff9b:1::/48 is for local use.
      return address.match(NAT64_WELL_KNOWN) ? [ipv4FromBits(parts[6], parts[7])] : [];
    case '6to4':
      return [ipv4FromBits(parts[1], parts[2])];
    case 'teredo':
      // The Teredo server, and the client's address stored with every bit flipped.
      return [ipv4FromBits(parts[2], parts[3]), ipv4FromBits(~parts[6] & 0xffff, ~parts[7] & 0xffff)];
    default:
      return null;
  }
}

function ipv4Problem(address: ipaddr.IPv4): string | null {
  const range = address.range();
  return range === 'unicast' ? null : `${address.toString()} is a ${range} address`;
}

function addressProblemOf(address: Address): string | null {
  if (address.kind() === 'ipv4') return ipv4Problem(address as ipaddr.IPv4);
  const v6 = address as ipaddr.IPv6;
  const range = v6.range();
  const embedded = embeddedIpv4(v6, range);
  if (embedded) {
    if (embedded.length === 0) return `${v6.toString()} is a ${range} address`;
    const inner = embedded.map(ipv4Problem).find((problem) => problem !== null);
    return inner ? `${v6.toString()} (${range}) embeds ${inner}` : null;
  }
  if (range !== 'unicast') return `${v6.toString()} is a ${range} address`;
  if (!v6.match(GLOBAL_UNICAST_V6)) return `${v6.toString()} is not a global unicast address`;
  return null;
}

/**
 * Why the server must not connect to this address (loopback, private, link-local, unique-local,
 * carrier-grade NAT, multicast, broadcast, reserved, benchmarking, unspecified, or an IPv6 form
 * carrying one of those), or null when it is public. Anything that does not parse is refused.
 */
export function addressProblem(address: string): string | null {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (!ipaddr.isValid(bare)) return `"${address}" is not an IP address`;
  return addressProblemOf(ipaddr.parse(bare));
}

export function isPublicAddress(address: string): boolean {
  return addressProblem(address) === null;
}

export function isLoopbackAddress(address: string): boolean {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  return ipaddr.isValid(bare) && ipaddr.parse(bare).range() === 'loopback';
}
