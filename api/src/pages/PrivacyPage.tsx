/** @jsxImportSource hono/jsx */
import { TOKEN_LIFETIMES_MS } from '../db/tokens';
import { BEARER_SESSION_MS, COOKIE_SESSION_MS } from '../earners/service';
import { earnerUrls } from '../earners/urls';
import { publicUrls } from '../lib/urls';
import { formatDuration } from './format';
import { Layout } from './Layout';

/** What this server stores about people, who sees it, for how long, and how to delete it. */
export function PrivacyPage({ publicUrl }: { publicUrl: string }) {
  const urls = publicUrls(publicUrl);
  const earner = earnerUrls(publicUrl);
  return (
    <Layout title="Privacy notice" publicUrl={publicUrl} description="What BadgeLens stores about you, who sees it, for how long, and how to delete it.">
      <h1>Privacy notice</h1>
      <p class="lead">
        BadgeLens keeps as little about you as it can to issue, hold and check digital badges. This page says what it stores, who can see it, how
        long it stays and how you delete it. "We" are the organisation that runs this BadgeLens server.
      </p>

      <h2 id="stored">What we store</h2>
      <h3>When an organisation issues you a badge</h3>
      <ul>
        <li>
          Your name and email address as the issuer gave them, the badge, the date it was issued and when it expires, and any evidence or note
          the issuer added.
        </li>
        <li>Whether you accepted or declined it, and whether you made it public.</li>
        <li>The email that brought you the badge, with its claim link.</li>
      </ul>
      <h3>When you create an account</h3>
      <ul>
        <li>Your first and last name and your email address, plus any other addresses you add and confirm.</li>
        <li>Your password, only as a salted scrypt hash: nobody, not even we, can read it back.</li>
        <li>If you fill them in: your workplace, your job title and the address of your LinkedIn profile.</li>
        <li>Your sign-in sessions (as hashes of their secrets) and a count of failed sign-ins, which locks the account after ten in a row.</li>
        <li>The emails we send you: confirmations, password resets, new badges.</li>
      </ul>
      <h3>When anyone visits or shares a badge</h3>
      <ul>
        <li>
          For each badge, how many people a day viewed its page and shared it on each channel (LinkedIn, X, Facebook, email): numbers only,
          never who.
        </li>
        <li>
          To count each visitor once a day, a keyed hash of your network address, your browser's name (User-Agent) and the{' '}
          <code>bl_visitor</code> cookie, under a secret that changes every day. The secret and the hashes are deleted when the day is over;
          the hash cannot be turned back into an address.
        </li>
        <li>
          Your network address, kept only to stop floods of requests (rate limits), for at most the length of the limit's window (one hour
          at most). It is not written to logs.
        </li>
      </ul>
      <h3>The browser extension</h3>
      <p>
        The extension sends this server the addresses of badge links on the LinkedIn and job-site pages you open (to check them) and skill
        words found in job postings. It never sends the text of those pages, the names of the people you look at (the name check runs in your
        browser) or your browsing history.
      </p>
      <h3>Cookies</h3>
      <p>
        Two cookies are needed for the site to work: <code>bl_session</code> keeps you signed in and <code>bl_csrf</code> protects forms
        from being sent by other sites. A third, <code>bl_visitor</code>, is set when you follow a share link and lasts until the end of the
        day (UTC): it only makes sure a share is counted once per browser and day. No tracking or advertising cookies, and our pages load
        nothing from other companies except badge images that issuers host themselves.
      </p>

      <h2 id="who-sees">Who sees what</h2>
      <ul>
        <li>
          <strong>Everyone</strong> (recruiters, the extension, search engines) sees a badge only once you have accepted it and while it is
          public: your name as the issuer wrote it, the badge, the issuer, the dates, the evidence, and whether it is still valid. Your email
          address is never shown; the Open Badges data carries only a salted hash of it, which lets someone who already knows your address
          check that the badge is yours.
        </li>
        <li>
          <strong>The issuer</strong> sees the badges it issued: the name and address it sent them to, whether each was accepted or declined,
          and the daily view and share counts. It does not see your account, your other badges or your password.
        </li>
        <li>
          <strong>You</strong> see all your badges in <a href={earner.portfolio()}>your portfolio</a>, public or not.
        </li>
        <li>
          <strong>The people who run this server</strong> can read its database to keep it working and to answer abuse reports. We do not sell
          or hand over your data to anyone else.
        </li>
      </ul>

      <h2 id="how-long">How long we keep it</h2>
      <ul>
        <li>
          Sign-in sessions: {formatDuration(COOKIE_SESSION_MS)} in the browser, {formatDuration(BEARER_SESSION_MS)} in the extension, or until
          you sign out.
        </li>
        <li>
          Links sent by email: a claim link works for {formatDuration(TOKEN_LIFETIMES_MS.claim)}, an account confirmation for{' '}
          {formatDuration(TOKEN_LIFETIMES_MS.activation)}, a password reset for {formatDuration(TOKEN_LIFETIMES_MS.reset)}. Each is deleted one
          week after it expired or was used.
        </li>
        <li>Your account, its badges and the emails sent to you: until you delete the account.</li>
        <li>
          A badge sent to you while you have no account, with the email that brought it: as long as the issuer keeps it on this server. A
          revoked badge stays listed as revoked, so that a verifier who meets it learns it is no longer valid.
        </li>
      </ul>

      <h2 id="delete">How to delete it</h2>
      <ul>
        <li>
          <strong>Your whole account:</strong> sign in and use <a href={earner.deleteAccount()}>Delete my account</a> (your password confirms
          it). Your account, your additional addresses, your sessions and every email we sent you are deleted at once. Your badges become
          private and lose your name and email address; what remains is the issuer's record that a badge was issued.
        </li>
        <li>
          <strong>One badge:</strong> in your portfolio, make it private (its page goes offline), decline it (while you have not accepted it)
          or delete it (it leaves your account and loses your name and email address for good). A badge you were sent but do not want can be
          declined from the claim link.
        </li>
        <li>
          <strong>Anything else,</strong> or a copy of what we hold about you: write to the organisation that issued your badge or to the
          people who run this server; we answer within one month.
        </li>
      </ul>

      <p>
        See also the <a href={urls.terms()}>terms of use</a>.
      </p>
    </Layout>
  );
}
