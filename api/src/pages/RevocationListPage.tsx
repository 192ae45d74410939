/** @jsxImportSource hono/jsx */
import type { Issuer } from '../db/issuers';
import { publicUrls } from '../lib/urls';
import { Layout } from './Layout';

export interface RevocationListPageProps {
  issuer: Issuer;
  /** The entries of the OB 2.0 RevocationList, as verifiers get them. */
  revoked: { id: string; revocationReason?: string }[];
  publicUrl: string;
}

/** The issuer's revocation list for people: the same entries as the Open Badges document, and a way back. */
export function RevocationListPage({ issuer, revoked, publicUrl }: RevocationListPageProps) {
  const urls = publicUrls(publicUrl);
  return (
    <Layout
      title={`Badges revoked by ${issuer.name}`}
      publicUrl={publicUrl}
      noIndex
      head={<link rel="alternate" type="application/ld+json" href={urls.revocations(issuer.id)} />}
    >
      <h1>Badges revoked by {issuer.name}</h1>
      <p class="lead">
        A revoked badge no longer counts: its issuer withdrew it. Verifiers read this list as Open Badges data; this page shows the same
        entries.
      </p>
      {revoked.length === 0 ? (
        <p class="empty">{issuer.name} has not revoked any badge.</p>
      ) : (
        <ul>
          {revoked.map((entry) => (
            <li>
              <a href={entry.id}>{entry.id}</a>
              {entry.revocationReason && <span class="muted"> — {entry.revocationReason}</span>}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={urls.issuer(issuer.id)}>Back to {issuer.name}</a>
      </p>
    </Layout>
  );
}
