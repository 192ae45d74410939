/** @jsxImportSource hono/jsx */
import { earnerUrls } from '../earners/urls';
import { publicUrls } from '../lib/urls';
import { Layout } from './Layout';

/** The rules for issuers, earners and everyone who checks badges on this server. */
export function TermsPage({ publicUrl }: { publicUrl: string }) {
  const urls = publicUrls(publicUrl);
  const earner = earnerUrls(publicUrl);
  return (
    <Layout title="Terms of use" publicUrl={publicUrl} description="The rules for issuing, holding and checking badges on this BadgeLens server.">
      <h1>Terms of use</h1>
      <p class="lead">
        BadgeLens lets organisations issue digital badges, lets the people who earn them keep and share them, and lets anyone check that a
        badge is real. These terms are the rules for using this BadgeLens server. "We" are the organisation that runs it.
      </p>

      <h2 id="what-it-does">What a check tells you</h2>
      <p>
        When BadgeLens shows a badge as <strong>Verified</strong>, it means: this server, or the issuer's own server, holds this badge; it
        was issued to the name shown; it has not expired; and the issuer has not revoked it. It does not mean that we have assessed the issuer,
        its courses or the person. The issuer is responsible for what its badges claim. The name check in the extension compares names only
        and can be wrong for people with the same or similar names.
      </p>

      <h2 id="issuers">If you issue badges</h2>
      <ul>
        <li>Issue badges only for achievements you have checked, to people who earned them, at the email address they gave you.</li>
        <li>Describe each badge truthfully: its criteria, its issuer and what it takes to earn it.</li>
        <li>Revoke a badge as soon as it should no longer count, and give the reason.</li>
        <li>Keep your API keys secret; what is done with your key counts as done by you. Ask us for a new key if one may have leaked.</li>
        <li>Use only images and text you have the right to publish.</li>
      </ul>

      <h2 id="earners">If you hold badges</h2>
      <ul>
        <li>
          You need an account to accept badges. Give your real name and an address you can receive mail at; you must be old enough to agree to
          these terms where you live.
        </li>
        <li>Keep your password to yourself. After ten wrong passwords in a row your account locks to protect it.</li>
        <li>Share only badges that are yours. You decide which of your badges are public, and you can make any of them private again.</li>
        <li>
          You can delete your account at any time from <a href={earner.deleteAccount()}>Delete my account</a>.
        </li>
      </ul>

      <h2 id="everyone">For everyone</h2>
      <ul>
        <li>
          Do not try to break into accounts, guess passwords, get around the rate limits, overload the server or reach anything you were not
          given. Automated checking is welcome through the <a href={urls.apiDocs()}>API</a>, within its limits.
        </li>
        <li>Do not use badges or badge pages to mislead: no copies of other people's badges, no fake issuers.</li>
        <li>We may suspend accounts and API keys that break these rules, and remove badges that are plainly false or unlawful.</li>
      </ul>

      <h2 id="service">The service</h2>
      <p>
        We run this server with care but cannot promise it is never down or never wrong. As far as the law allows, we are not liable for
        decisions made from a badge check; a badge that matters a great deal is worth confirming with its issuer. If these terms change,
        account holders are told by email before the change applies.
      </p>

      <p>
        How we handle personal data is explained in the <a href={urls.privacy()}>privacy notice</a>.
      </p>
    </Layout>
  );
}
