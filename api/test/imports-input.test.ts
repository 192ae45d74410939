// The pure parts of importing: what a handed-in file holds, and whether a recipient claim names an address.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bakeCredentialPng } from '../src/credentials/bake';
import { candidateOfFile } from '../src/imports/input';
import { recipientEmailOf } from '../src/imports/recipient';
import { hashRecipient } from '../src/lib/crypto';
import { bakePng, bakeSvg, MAX_BAKED_TEXT_BYTES, unbakePng } from '../src/openbadges/bake';
import { InvalidPngError } from '../src/openbadges/png';
import { badgePng, badgeSvg, compressedBakedPng } from './imports-fixtures';

describe('candidateOfFile', () => {
  it('finds an OB 2.0 assertion URL or JSON, an OB 3.0 credential or a VC-JWT in PNG, SVG, JSON and text files', async () => {
    const png = await badgePng();
    expect(candidateOfFile(bakePng(png, 'https://badges.example/assertions/1'))).toEqual({ ok: true, candidate: { kind: 'url', url: 'https://badges.example/assertions/1' } });
    expect(candidateOfFile(bakeCredentialPng(png, 'aaa.bbb.ccc'))).toEqual({ ok: true, candidate: { kind: 'credential', credential: 'aaa.bbb.ccc' } });
    expect(candidateOfFile(Buffer.from(bakeSvg(badgeSvg(), '{"type":"Assertion"}')))).toEqual({ ok: true, candidate: { kind: 'credential', credential: { type: 'Assertion' } } });
    expect(candidateOfFile(Buffer.from('\uFEFF {"type":["VerifiableCredential"]}\n'))).toEqual({ ok: true, candidate: { kind: 'credential', credential: { type: ['VerifiableCredential'] } } });
    expect(candidateOfFile(Buffer.from('eyJh.eyJi.c2ln\n'))).toEqual({ ok: true, candidate: { kind: 'credential', credential: 'eyJh.eyJi.c2ln' } });
  });

  it('refuses empty, binary, oversized and unbaked files, and JSON that is not an object', async () => {
    expect(candidateOfFile(new Uint8Array(0))).toMatchObject({ ok: false, code: 'unreadable_file' });
    expect(candidateOfFile(new Uint8Array([0xff, 0xfe, 0x00, 0x81]))).toMatchObject({ ok: false, code: 'unreadable_file' });
    expect(candidateOfFile(new Uint8Array(1024 * 1024 + 1))).toMatchObject({ ok: false, code: 'file_too_large' });
    expect(candidateOfFile(await badgePng())).toMatchObject({ ok: false, code: 'not_baked' });
    expect(candidateOfFile(Buffer.from('[1,2]'))).toMatchObject({ ok: false, code: 'unreadable_file' });
    expect(candidateOfFile(Buffer.from('{"unterminated'))).toMatchObject({ ok: false, code: 'unreadable_file' });
  });

  it('never inflates a compressed baked chunk past its limit', async () => {
    const png = await badgePng();
    expect(unbakePng(compressedBakedPng(png, 1000))).toBe(' '.repeat(1000));
    expect(() => unbakePng(compressedBakedPng(png, MAX_BAKED_TEXT_BYTES + 1))).toThrow(InvalidPngError);
  });
});

describe('recipientEmailOf', () => {
  const emails = ['rosa@example.test', 'rosa.work@company.test'];

  it('matches salted and unsalted sha256 hashes, md5 hashes, bare hex and plain addresses', () => {
    expect(recipientEmailOf([{ identity: hashRecipient('rosa.work@company.test', 's4lt'), hashed: true, salt: 's4lt' }], emails)).toBe('rosa.work@company.test');
    expect(recipientEmailOf([{ identity: hashRecipient('rosa@example.test', '').toUpperCase().replace('SHA256', 'sha256'), hashed: true, salt: null }], emails)).toBe('rosa@example.test');
    const md5 = `md5$${createHash('md5').update('rosa@example.testpepper').digest('hex')}`;
    expect(recipientEmailOf([{ identity: md5, hashed: true, salt: 'pepper' }], emails)).toBe('rosa@example.test');
    expect(recipientEmailOf([{ identity: hashRecipient('rosa@example.test', 'x').slice('sha256$'.length), hashed: true, salt: 'x' }], emails)).toBe('rosa@example.test');
    expect(recipientEmailOf([{ identity: ' Rosa@Example.TEST ', hashed: false, salt: null }], emails)).toBe('rosa@example.test');
  });

  it('refuses other addresses, a wrong salt and malformed hashes', () => {
    expect(recipientEmailOf([{ identity: hashRecipient('other@example.test', 's'), hashed: true, salt: 's' }], emails)).toBeNull();
    expect(recipientEmailOf([{ identity: hashRecipient('rosa@example.test', 's'), hashed: true, salt: 't' }], emails)).toBeNull();
    expect(recipientEmailOf([{ identity: 'sha256$abc', hashed: true, salt: null }], emails)).toBeNull();
    expect(recipientEmailOf([{ identity: 'rosa@example.test', hashed: true, salt: null }], emails)).toBeNull();
    expect(recipientEmailOf([], emails)).toBeNull();
  });
});
