// Open Badges 3.0 baking (https://www.imsglobal.org/spec/ob/v3p0/#baking): PNG: an iTXt chunk with
// keyword "openbadgecredential" holding the credential; SVG: <openbadges:credential> in namespace
// https://purl.imsglobal.org/ob/v3p0, the JSON in CDATA (a VC-JWT goes in a `verify` attribute
// instead; BadgeLens bakes JSON with its embedded proof, and reads both).
import { decodeJwt } from 'jose';
import { bakePng, bakeSvgElement, unbakePng, unbakeSvgElement, type SvgBaking } from '../openbadges/bake';
import { isPng } from '../openbadges/png';

export const OB3_PNG_KEYWORD = 'openbadgecredential';
export const OB3_SVG_BAKING: SvgBaking = { element: 'credential', namespace: 'https://purl.imsglobal.org/ob/v3p0' };

/** Bakes the credential's JSON (exactly as served) into a PNG, replacing an earlier one. */
export function bakeCredentialPng(png: Uint8Array, credentialJson: string): Buffer {
  return bakePng(png, credentialJson, OB3_PNG_KEYWORD);
}

/** Bakes the credential's JSON (exactly as served) into an SVG, replacing an earlier one. */
export function bakeCredentialSvg(svg: string, credentialJson: string): string {
  return bakeSvgElement(svg, OB3_SVG_BAKING, credentialJson);
}

/** What a baked image carries: the credential's JSON text, or a VC-JWT (compact JWS). */
export type BakedCredential = { format: 'json'; json: string } | { format: 'jwt'; jwt: string };

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

function classify(text: string): BakedCredential | null {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return { format: 'json', json: trimmed };
  if (COMPACT_JWS.test(trimmed)) return { format: 'jwt', jwt: trimmed };
  return null;
}

/** The Open Badges 3.0 credential baked into a PNG or SVG (bytes), or null when it carries none. */
export function unbakeCredential(image: Uint8Array): BakedCredential | null {
  if (isPng(image)) {
    const text = unbakePng(image, OB3_PNG_KEYWORD);
    return text === null ? null : classify(text);
  }
  const baked = unbakeSvgElement(Buffer.from(image).toString('utf8'), OB3_SVG_BAKING.element);
  if (!baked) return null;
  if (baked.content !== '') return classify(baked.content);
  return baked.verify === null ? null : classify(baked.verify);
}

/**
 * The credential inside a VC-JWT, NOT verified (decoding only): the payload itself for VC 2.0
 * (VC-JOSE-COSE), its `vc` claim for VC 1.1 JWTs.
 */
export function credentialOfJwt(jwt: string): Record<string, unknown> {
  const payload = decodeJwt(jwt) as Record<string, unknown>;
  const vc = payload.vc;
  return typeof vc === 'object' && vc !== null && !Array.isArray(vc) ? (vc as Record<string, unknown>) : payload;
}
