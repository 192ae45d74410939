// The public URLs of the Open Badges 3.0 documents (DESIGN.md §3), next to the 2.0 ones they share.
import { publicUrls } from '../lib/urls';
import type { CredentialUrlBuilders } from './credential';

export function credentialUrls(base: string) {
  const urls = publicUrls(base);
  return {
    credential: (assertionId: string) => `${base}/credentials/${assertionId}`,
    /** The same credential as a file download (Content-Disposition: attachment), whatever the Accept header. */
    credentialDownload: (assertionId: string) => `${base}/credentials/${assertionId}.json`,
    credentialBakedPng: (assertionId: string) => `${base}/credentials/${assertionId}/baked.png`,
    credentialBakedSvg: (assertionId: string) => `${base}/credentials/${assertionId}/baked.svg`,
    didDocument: (issuerId: string) => `${base}/issuers/${issuerId}/did.json`,
    statusList: (issuerId: string, listId: string) => `${base}/issuers/${issuerId}/status/${listId}`,
    badgeClass: urls.badgeClass,
    badgeClassImage: urls.badgeClassImage,
    issuerImage: urls.issuerImage,
    skill: (skill: string) => `${base}/catalogue?q=${encodeURIComponent(skill)}`,
  } satisfies CredentialUrlBuilders & Record<string, (...args: string[]) => string>;
}

export type CredentialUrls = ReturnType<typeof credentialUrls>;
