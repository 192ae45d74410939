import { describe, expect, it } from 'vitest';
import { addressProblem, ipLiteral, isPublicAddress } from '../src/fetch/addresses';
import { fetchTestHostsWarning, parseFetchTestHosts } from '../src/fetch/testHosts';

describe('addressProblem', () => {
  it.each([
    ['127.0.0.1', /loopback/],
    ['127.255.255.254', /loopback/],
    ['10.1.2.3', /private/],
    ['172.16.0.1', /private/],
    ['172.31.255.255', /private/],
    ['192.168.0.1', /private/],
    ['169.254.169.254', /linkLocal/],
    ['100.64.0.1', /carrierGradeNat/],
    ['0.0.0.0', /unspecified/],
    ['0.1.2.3', /unspecified/],
    ['255.255.255.255', /broadcast/],
    ['224.0.0.1', /multicast/],
    ['239.255.255.250', /multicast/],
    ['240.0.0.1', /reserved/],
    ['192.0.2.1', /reserved/],
    ['198.18.0.1', /reserved/], // benchmarking (RFC 2544)
    ['203.0.113.9', /reserved/],
    ['::1', /loopback/],
    ['::', /unspecified/],
    ['fe80::1', /linkLocal/],
    ['fe80::1%eth0', /linkLocal/],
    ['fc00::1', /uniqueLocal/],
    ['fd12:3456::1', /uniqueLocal/],
    ['ff02::1', /multicast/],
    ['2001:db8::1', /reserved/],
    ['2001:2::1', /benchmarking/],
    ['::ffff:127.0.0.1', /embeds 127\.0\.0\.1 is a loopback/],
    ['::ffff:7f00:1', /embeds 127\.0\.0\.1/],
    ['::ffff:10.0.0.1', /embeds 10\.0\.0\.1 is a private/],
    ['::ffff:0:a00:1', /embeds 10\.0\.0\.1/], // IPv4-translated (RFC 6145)
    ['64:ff9b::7f00:1', /embeds 127\.0\.0\.1/], // NAT64 well-known prefix
    ['64:ff9b::a9fe:a9fe', /embeds 169\.254\.169\.254/],
    ['64:ff9b:1::1', /rfc6052/], // local-use NAT64 prefix
    ['64:ff9b:1::5db8:d822', /rfc6052/],
    ['2002:7f00:1::', /6to4.*127\.0\.0\.1/],
    ['2002:c0a8:101::1', /6to4.*192\.168\.1\.1/],
    ['2001:0:7f00:1::1', /teredo.*127\.0\.0\.1/], // Teredo server field
    ['2001:0:5db8:d822:0:0:f5ff:fffe', /teredo.*10\.0\.0\.1/], // client field, bits flipped
    ['::7f00:1', /not a global unicast/], // deprecated IPv4-compatible form
    ['100::1', /discard/],
    ['not an address', /not an IP address/],
  ])('refuses %s', (address, why) => {
    expect(addressProblem(address)).toMatch(why);
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['93.184.216.34', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '2a00:1450:4001::1', '::ffff:93.184.216.34', '64:ff9b::5db8:d822', '2002:5db8:d822::1'])(
    'accepts the public address %s',
    (address) => {
      expect(addressProblem(address)).toBeNull();
    },
  );
});

describe('ipLiteral', () => {
  it('recognises every spelling of an IPv4 address, and bracketed IPv6', () => {
    for (const spelling of ['127.0.0.1', '2130706433', '0177.0.0.1', '0x7f.0.0.1', '0x7f000001', '017700000001', '127.1', '127.0.1']) {
      expect(ipLiteral(spelling), spelling).toBe('127.0.0.1');
    }
    expect(ipLiteral('[::ffff:127.0.0.1]')).toBe('::ffff:7f00:1');
    expect(ipLiteral('badges.example')).toBeNull();
    expect(ipLiteral('127.0.0.1.nip.io')).toBeNull();
  });
});

describe('FETCH_TEST_HOSTS', () => {
  it('parses host=address:port entries', () => {
    const hosts = parseFetchTestHosts(' issuer.test=127.0.0.1:4001, API.Credly.com=127.0.0.1:4002 ,,ipv6.test=[::1]:4003');
    expect([...hosts]).toEqual([
      ['issuer.test', { address: '127.0.0.1', port: 4001 }],
      ['api.credly.com', { address: '127.0.0.1', port: 4002 }],
      ['ipv6.test', { address: '::1', port: 4003 }],
    ]);
  });

  it('is empty when unset or blank', () => {
    expect(parseFetchTestHosts(undefined).size).toBe(0);
    expect(parseFetchTestHosts('  ').size).toBe(0);
    expect(fetchTestHostsWarning(parseFetchTestHosts(undefined))).toBeNull();
  });

  it.each([
    ['issuer.test', /host=address:port/],
    ['issuer.test=127.0.0.1', /host=address:port/],
    ['issuer.test:443=127.0.0.1:4001', /without port/],
    ['issuer.test=10.0.0.1:4001', /loopback/],
    ['issuer.test=example.com:4001', /loopback/],
    ['issuer.test=127.0.0.1:0', /port/],
    ['issuer.test=127.0.0.1:70000', /port/],
  ])('refuses %s with a message naming the variable', (value, why) => {
    expect(() => parseFetchTestHosts(value)).toThrow(/FETCH_TEST_HOSTS/);
    expect(() => parseFetchTestHosts(value)).toThrow(why);
  });

  it('warns by name when set', () => {
    expect(fetchTestHostsWarning(parseFetchTestHosts('issuer.test=127.0.0.1:4001'))).toMatch(/FETCH_TEST_HOSTS.*issuer\.test → 127\.0\.0\.1:4001/);
  });
});
