import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { bakeCredentialPng, bakeCredentialSvg, credentialOfJwt, unbakeCredential } from '../src/credentials/bake';
import { IssuerSigningKey } from '../src/credentials/keys';
import { signCredential } from '../src/credentials/proofs';
import { bakePng, bakeSvg, unbakePng, unbakeSvg } from '../src/openbadges/bake';
import { generateBadgeSvg, rasterise } from '../src/openbadges/images';
import { readPngChunks } from '../src/openbadges/png';
import { DID, fixtureBytes, sampleCredential } from './credentials-helpers';

async function servedCredentialJson(): Promise<string> {
  const key = await IssuerSigningKey.generate('key-1');
  const signed = await signCredential(sampleCredential(), { signer: await key.signer(DID) });
  // A name with characters that need care in XML and PNG text.
  return JSON.stringify({ ...signed, name: 'Sécurité ]]> <soudure> & "arc"' });
}

describe('Open Badges 3.0 baking', () => {
  it('PNG: one uncompressed iTXt chunk "openbadgecredential" before IEND holding exactly the credential JSON', async () => {
    const json = await servedCredentialJson();
    const png = await rasterise(generateBadgeSvg({ name: 'MIG Welding', category: 'skill' }), 128);
    const baked = bakeCredentialPng(png, json);
    const chunks = readPngChunks(baked);
    expect(chunks.at(-1)!.type).toBe('IEND');
    expect(chunks.at(-2)!.type).toBe('iTXt');
    expect(chunks.at(-2)!.data.subarray(0, 'openbadgecredential'.length + 5)).toEqual(Buffer.from('openbadgecredential\0\0\0\0\0', 'latin1'));
    expect(unbakeCredential(baked)).toEqual({ format: 'json', json });
    // Baking again replaces; an OB 2.0 assertion baked in the same image stays apart.
    const both = bakePng(bakeCredentialPng(baked, json), '{"type":"Assertion"}');
    expect(readPngChunks(both).filter((chunk) => chunk.type === 'iTXt')).toHaveLength(2);
    expect(unbakeCredential(both)).toEqual({ format: 'json', json });
    expect(unbakePng(both)).toBe('{"type":"Assertion"}');
    expect(unbakeCredential(png)).toBeNull();
  });

  it('SVG: <openbadges:credential> in the OB 3.0 namespace, first child of the root, JSON in CDATA', async () => {
    const json = await servedCredentialJson();
    const svg = generateBadgeSvg({ name: 'MIG Welding', category: 'skill' });
    const baked = bakeCredentialSvg(svg, json);
    expect(baked).toMatch(/^<svg xmlns:openbadges="https:\/\/purl\.imsglobal\.org\/ob\/v3p0" [^>]*><openbadges:credential><!\[CDATA\[/);
    expect(() => new Resvg(baked)).not.toThrow();
    expect(unbakeCredential(Buffer.from(baked))).toEqual({ format: 'json', json });
    const again = bakeCredentialSvg(baked, json);
    expect(again.match(/<openbadges:credential>/g)).toHaveLength(1);
    expect(unbakeCredential(Buffer.from(svg))).toBeNull();
  });

  it('keeps Open Badges 2.0 and 3.0 SVG baking apart', () => {
    const ob2 = bakeSvg(generateBadgeSvg({ name: 'Old', category: 'career' }), '{"type":"Assertion"}');
    expect(unbakeCredential(Buffer.from(ob2))).toBeNull();
    expect(unbakeSvg(bakeCredentialSvg(generateBadgeSvg({ name: 'New', category: 'career' }), '{}'))).toBeNull();
  });

  it('unbakes the 1EdTech samples: JSON in PNG, VC-JWT in PNG and in SVG', () => {
    const json = unbakeCredential(fixtureBytes('vectors/simple-json.png'));
    expect(json?.format).toBe('json');
    expect(JSON.parse((json as { json: string }).json)).toMatchObject({ type: ['VerifiableCredential', 'OpenBadgeCredential'], proof: expect.anything() });
    for (const file of ['vectors/simple-jwt.png', 'vectors/simple-jwt.svg']) {
      const baked = unbakeCredential(fixtureBytes(file));
      expect(baked?.format, file).toBe('jwt');
      const credential = credentialOfJwt((baked as { jwt: string }).jwt);
      expect(credential).toMatchObject({ id: 'http://example.com/credentials/3527', type: ['VerifiableCredential', 'OpenBadgeCredential'] });
    }
  });
});
