/** @jsxImportSource hono/jsx */
import { splitFullName } from '../../../../shared/names';
import type { AssertionRecord } from '../../db/assertions';
import { earnerUrls } from '../../earners/urls';
import { publicUrls } from '../../lib/urls';
import { RegisterForm, type RegisterFormProps } from './AuthPages';
import { CsrfField, EarnerPage, FormAlert } from './parts';

export interface ClaimPageProps {
  publicUrl: string;
  csrf: string;
  token: string;
  record: AssertionRecord;
  signedInAs: { firstName: string; email: string } | null;
  register?: Pick<RegisterFormProps, 'values' | 'errors' | 'alert'>;
  alert?: string | null;
  /** The signed-in owner already decided: say so instead of offering accept and decline. */
  decided?: 'accepted' | 'declined' | null;
}

/** The claim link's page: accept or decline when signed in; otherwise register or log in first. */
const DECIDED_TEXT = {
  accepted: 'It is in your portfolio. An accepted badge stays accepted: there you can make it private, or delete it.',
  declined: 'It stays private. If you changed your mind, you can accept it after all in your portfolio.',
} as const;

export function ClaimPage({ publicUrl, csrf, token, record, signedInAs, register, alert, decided }: ClaimPageProps) {
  const urls = publicUrls(publicUrl);
  const earner = earnerUrls(publicUrl);
  const { assertion, badgeClass, issuer } = record;
  const claimPath = `/claim/${token}`;
  return (
    <EarnerPage title={`Claim your ${badgeClass.name} badge`} publicUrl={publicUrl} signedInAs={signedInAs} csrf={csrf}>
      <h1>Claim your badge</h1>
      <div class="hero">
        <div class="hero-image">
          <img src={urls.assertionImage(assertion.id)} alt={`${badgeClass.name} badge`} width="160" height="160" />
        </div>
        <div class="hero-text">
          <p class="lead">
            {issuer.name} has issued you a digital badge for <strong>{badgeClass.name}</strong>.
          </p>
          <p>{badgeClass.description}</p>
          <p>
            Issued to {assertion.recipientName} ({assertion.recipientEmail}).
          </p>
        </div>
      </div>
      <FormAlert message={alert} />
      {decided && (
        <section aria-labelledby="decided">
          <h2 id="decided">You have {decided} this badge</h2>
          <p>{DECIDED_TEXT[decided]}</p>
          <p>
            <a class="button" href={earner.portfolio()}>
              Go to your badges
            </a>
          </p>
        </section>
      )}
      {decided ? null : signedInAs ? (
        <section aria-labelledby="decide">
          <h2 id="decide">Accept this badge?</h2>
          <p>Accepting adds it to your badges and makes its page public, so you can share it. You can make it private later.</p>
          <div class="actions">
            <form method="post" action={claimPath} class="inline-form">
              <CsrfField token={csrf} />
              <input type="hidden" name="decision" value="accepted" />
              <button type="submit" class="button">
                Accept badge
              </button>
            </form>
            <form method="post" action={claimPath} class="inline-form">
              <CsrfField token={csrf} />
              <input type="hidden" name="decision" value="declined" />
              <button type="submit" class="button secondary">
                Decline
              </button>
            </form>
          </div>
        </section>
      ) : (
        <>
          <section aria-labelledby="have-account">
            <h2 id="have-account">Already have a BadgeLens account?</h2>
            <p>
              <a class="button" href={earner.login(claimPath)}>
                Log in to accept
              </a>
            </p>
          </section>
          <section aria-labelledby="new-account">
            <h2 id="new-account">New here? Create your account</h2>
            <p>We will send a link to confirm your email address; then you can accept the badge.</p>
            <RegisterForm csrf={csrf} action={`${claimPath}/register`} values={register?.values ?? { ...splitFullName(assertion.recipientName), email: assertion.recipientEmail }} errors={register?.errors} alert={register?.alert} />
          </section>
        </>
      )}
    </EarnerPage>
  );
}
