// What an earner hands in to import a badge, turned into the one thing the verifier checks: a badge
// URL, or an inline credential (an Open Badges 2.0 assertion or 3.0 credential object, or a VC-JWT).
// Pure: files are unbaked here (PNG iTXt, SVG <openbadges:…>), nothing is fetched.
import { COMPACT_JWS, MAX_BADGE_URL_LENGTH } from '../../../shared/schemas/verify';
import { MAX_IMPORT_FILE_BYTES } from '../../../shared/schemas/imports';
import { unbakeCredential } from '../credentials/bake';
import { unbakePng, unbakeSvg } from '../openbadges/bake';
import { isPng } from '../openbadges/png';
import { isObject, type JsonObject } from '../verify/json';

export type ImportInput = { kind: 'url'; url: string } | { kind: 'credential'; credential: JsonObject | string } | { kind: 'file'; bytes: Uint8Array };

export type ImportCandidate = { kind: 'url'; url: string } | { kind: 'credential'; credential: JsonObject | string };

export type CandidateResult = { ok: true; candidate: ImportCandidate } | { ok: false; code: 'unreadable_file' | 'not_baked' | 'file_too_large'; message: string };

/** More `<openbadges:` elements than this in one SVG is no badge (and each would cost a scan of the file). */
const MAX_SVG_BAKED_ELEMENTS = 4;

const unreadable = (message: string): CandidateResult => ({ ok: false, code: 'unreadable_file', message });
const notBaked = (what: string): CandidateResult => ({
  ok: false,
  code: 'not_baked',
  message: `This ${what} carries no badge: only a "baked" badge image (with its Open Badges data inside) can be imported. Download the badge image from the site that issued it.`,
});

/** Text found inside a file or pasted: a JSON object, a VC-JWT, or a URL (OB 2.0 baking may hold just the assertion's URL). */
function candidateOfText(text: string, what: string): CandidateResult {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      return unreadable(`The badge data in this ${what} is not valid JSON.`);
    }
    return isObject(parsed) ? { ok: true, candidate: { kind: 'credential', credential: parsed } } : unreadable(`The badge data in this ${what} is not a JSON object.`);
  }
  if (COMPACT_JWS.test(trimmed)) return { ok: true, candidate: { kind: 'credential', credential: trimmed } };
  if (/^https?:\/\//i.test(trimmed) && trimmed.length <= MAX_BADGE_URL_LENGTH) return { ok: true, candidate: { kind: 'url', url: trimmed } };
  return unreadable(`The badge data in this ${what} is neither Open Badges JSON, a VC-JWT nor a badge URL.`);
}

function candidateOfPng(bytes: Uint8Array): CandidateResult {
  try {
    const credential = unbakeCredential(bytes);
    if (credential) return candidateOfText(credential.format === 'json' ? credential.json : credential.jwt, 'image');
    const assertion = unbakePng(bytes);
    return assertion === null ? notBaked('PNG image') : candidateOfText(assertion, 'image');
  } catch {
    return unreadable('This PNG file is damaged or malformed.');
  }
}

function candidateOfSvg(svg: string): CandidateResult {
  if ((svg.match(/<openbadges:/g) ?? []).length > MAX_SVG_BAKED_ELEMENTS) return unreadable('This SVG file holds too many Open Badges elements to be a badge.');
  const credential = unbakeCredential(Buffer.from(svg, 'utf8'));
  if (credential) return candidateOfText(credential.format === 'json' ? credential.json : credential.jwt, 'image');
  const baked = unbakeSvg(svg);
  if (!baked) return notBaked('SVG image');
  // OB 2.0 SVG baking: the assertion JSON inside, or only its URL in `verify`.
  return candidateOfText(baked.assertion !== '' ? baked.assertion : (baked.verify ?? ''), 'image');
}

/** A file handed in: a baked PNG or SVG, an Open Badges JSON file, or a text file holding a VC-JWT. */
export function candidateOfFile(bytes: Uint8Array): CandidateResult {
  if (bytes.length > MAX_IMPORT_FILE_BYTES) return { ok: false, code: 'file_too_large', message: `This file is larger than the ${MAX_IMPORT_FILE_BYTES / (1024 * 1024)} MB a badge may have.` };
  if (bytes.length === 0) return unreadable('This file is empty.');
  if (isPng(bytes)) return candidateOfPng(bytes);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return unreadable('This file is neither a PNG image nor text (SVG, JSON or a VC-JWT).');
  }
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('<')) return candidateOfSvg(text);
  return candidateOfText(text, 'file');
}

/** The candidate of any input: URLs and credentials as they are, files unbaked. */
export function candidateOf(input: ImportInput): CandidateResult {
  switch (input.kind) {
    case 'url':
      return { ok: true, candidate: { kind: 'url', url: input.url } };
    case 'credential':
      return { ok: true, candidate: { kind: 'credential', credential: input.credential } };
    case 'file':
      return candidateOfFile(input.bytes);
  }
}

/** The bytes of a `data:image/png;base64,…` or `data:image/svg+xml;base64,…` URI (already matched by the schema). */
export function bytesOfDataUri(uri: string): Uint8Array {
  return Buffer.from(uri.slice(uri.indexOf(',') + 1), 'base64');
}
