// Every JSON-LD context the credential code may meet, bundled with the code (contexts/README.md
// says where each copy comes from). Nothing here is ever fetched from the network.
import credentialsV1 from './contexts/credentials-v1.json';
import credentialsV2 from './contexts/credentials-v2.json';
import dataIntegrityV2 from './contexts/data-integrity-v2.json';
import didV1 from './contexts/did-v1.json';
import ed25519Signature2020V1 from './contexts/ed25519-signature-2020-v1.json';
import multikeyV1 from './contexts/multikey-v1.json';
import obContext303 from './contexts/ob-v3p0-context-3.0.3.json';
import obExtensions from './contexts/ob-v3p0-extensions.json';
import securityV1 from './contexts/security-v1.json';
import securityV2 from './contexts/security-v2.json';
import statusList2021V1 from './contexts/status-list-2021-v1.json';

export const CONTEXT_URLS = {
  credentialsV1: 'https://www.w3.org/2018/credentials/v1',
  credentialsV2: 'https://www.w3.org/ns/credentials/v2',
  openBadges: 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  openBadgesExtensions: 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
  dataIntegrityV2: 'https://w3id.org/security/data-integrity/v2',
  ed25519Signature2020: 'https://w3id.org/security/suites/ed25519-2020/v1',
  didV1: 'https://www.w3.org/ns/did/v1',
  multikeyV1: 'https://w3id.org/security/multikey/v1',
  securityV1: 'https://w3id.org/security/v1',
  securityV2: 'https://w3id.org/security/v2',
  statusList2021: 'https://w3id.org/vc/status-list/2021/v1',
} as const;

const bundled: Record<string, object> = {
  [CONTEXT_URLS.credentialsV1]: credentialsV1,
  [CONTEXT_URLS.credentialsV2]: credentialsV2,
  [CONTEXT_URLS.openBadges]: obContext303,
  [CONTEXT_URLS.openBadgesExtensions]: obExtensions,
  [CONTEXT_URLS.dataIntegrityV2]: dataIntegrityV2,
  [CONTEXT_URLS.ed25519Signature2020]: ed25519Signature2020V1,
  [CONTEXT_URLS.didV1]: didV1,
  [CONTEXT_URLS.multikeyV1]: multikeyV1,
  [CONTEXT_URLS.securityV1]: securityV1,
  [CONTEXT_URLS.securityV2]: securityV2,
  [CONTEXT_URLS.statusList2021]: statusList2021V1,
};

/** The bundled context for `url`, or undefined when the code does not know it. */
export function bundledContext(url: string): object | undefined {
  return Object.hasOwn(bundled, url) ? bundled[url] : undefined;
}

export function bundledContextUrls(): string[] {
  return Object.keys(bundled);
}
