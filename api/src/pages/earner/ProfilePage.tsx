/** @jsxImportSource hono/jsx */
import type { Account, AlternateEmail } from '../../db/accounts';
import type { FieldErrors } from '../../earners/http';
import { earnerUrls } from '../../earners/urls';
import { CheckField, CsrfField, EarnerPage, Field, NewPasswordFields, Notice } from './parts';

export interface ProfilePageProps {
  publicUrl: string;
  csrf: string;
  account: Account;
  emails: AlternateEmail[];
  notice?: string | null;
  /** What was typed into the profile form when it failed validation. */
  profileValues?: Record<string, string>;
  profileErrors?: FieldErrors;
  emailValue?: string;
  emailErrors?: FieldErrors;
  passwordErrors?: FieldErrors;
  /** Memberships the earner linked, and the issuers that publish a roster (to link one). */
  memberships?: LinkedMembership[];
  rosterIssuers?: { id: string; name: string }[];
  membershipValues?: Record<string, string>;
  membershipErrors?: FieldErrors;
}

export interface LinkedMembership {
  issuerId: string;
  issuerName: string;
  memberId: string;
  level: string | null;
  memberUntil: string | null;
}

export function ProfilePage(props: ProfilePageProps) {
  const { publicUrl, csrf, account, emails, notice, profileValues, profileErrors = {}, emailValue, emailErrors = {}, passwordErrors = {} } = props;
  const urls = earnerUrls(publicUrl);
  const value = (name: 'workplace' | 'professionalTitle' | 'linkedinUrl') => profileValues?.[name] ?? account[name] ?? '';
  return (
    <EarnerPage title="Profile" publicUrl={publicUrl} signedInAs={account} csrf={csrf}>
      <h1>Profile</h1>
      <Notice message={notice} />
      <section aria-labelledby="name">
        <h2 id="name">Name</h2>
        <p class="lead">
          {account.firstName} {account.lastName}
        </p>
        <p class="muted">
          You cannot change your name here: the name on a badge comes from the organisation that issued it. If it is wrong, ask that issuer to
          correct it; the correction then shows on every page and in verification.
        </p>
      </section>

      <section aria-labelledby="about">
        <h2 id="about">About you</h2>
        <form method="post" action="/profile" class="form" novalidate>
          <CsrfField token={csrf} />
          <Field name="workplace" label="Workplace" value={value('workplace')} error={profileErrors.workplace} autocomplete="organization" />
          <Field name="professionalTitle" label="Professional title" value={value('professionalTitle')} error={profileErrors.professionalTitle} autocomplete="organization-title" />
          <Field
            name="linkedinUrl"
            label="LinkedIn profile URL"
            type="url"
            value={value('linkedinUrl')}
            error={profileErrors.linkedinUrl}
            hint="For example https://www.linkedin.com/in/your-name"
          />
          <button type="submit" class="button">
            Save
          </button>
        </form>
      </section>

      <section aria-labelledby="found">
        <h2 id="found">Be found through your badges</h2>
        <p>
          Nobody can find you until you choose to. <a href={`${publicUrl}/profile/opt-ins`}>Choose whether employers and schools may find you</a>.
        </p>
      </section>

      <section aria-labelledby="emails">
        <h2 id="emails">Email addresses</h2>
        <p>
          Primary: <strong>{account.email}</strong>
        </p>
        <p class="muted">Badges issued to any confirmed address below join your account. An address counts only once you confirm it from the link we send to it.</p>
        {emails.length > 0 && (
          <ul>
            {emails.map((email) => (
              <li>
                {email.email} — {email.verifiedAt ? 'confirmed' : 'waiting for confirmation'}{' '}
                <form method="post" action="/profile/emails/remove" class="inline-form">
                  <CsrfField token={csrf} />
                  <input type="hidden" name="email" value={email.email} />
                  <button type="submit" class="link-button">
                    Remove {email.email}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
        <form method="post" action="/profile/emails" class="form" novalidate>
          <CsrfField token={csrf} />
          <Field name="email" label="Add an email address" type="email" value={emailValue} error={emailErrors.email} autocomplete="email" />
          <button type="submit" class="button">
            Send a confirmation link
          </button>
        </form>
      </section>

      <MembershipsSection {...props} />

      <section aria-labelledby="password">
        <h2 id="password">Change your password</h2>
        <form method="post" action="/profile/password" class="form" novalidate>
          <CsrfField token={csrf} />
          <Field name="currentPassword" label="Current password" type="password" error={passwordErrors.currentPassword} autocomplete="current-password" required />
          <NewPasswordFields label="New password" errors={passwordErrors} />
          <button type="submit" class="button">
            Change password
          </button>
        </form>
      </section>

      <section aria-labelledby="delete">
        <h2 id="delete">Delete your account</h2>
        <p>
          <a href={urls.deleteAccount()}>Delete my account and my personal data</a>
        </p>
      </section>
    </EarnerPage>
  );
}

export function DeleteAccountPage({ publicUrl, csrf, account, errors = {} }: { publicUrl: string; csrf: string; account: Account; errors?: FieldErrors }) {
  return (
    <EarnerPage title="Delete your account" publicUrl={publicUrl} signedInAs={account} csrf={csrf}>
      <h1>Delete your account</h1>
      <p>This removes your account and your personal data: your name, email addresses and profile. Your badges stop being public: their pages and verification will say they cannot be found. This cannot be undone.</p>
      <form method="post" action="/account/delete" class="form" novalidate>
        <CsrfField token={csrf} />
        <Field name="password" label="Your password" type="password" error={errors.password} autocomplete="current-password" required />
        <CheckField name="confirm" label="I understand that my account and my badges' public pages are gone for good." error={errors.confirm} />
        <button type="submit" class="button">
          Delete my account
        </button>
      </form>
    </EarnerPage>
  );
}

/** Linked memberships: each with an Unlink button, and the form to link one by issuer and member number. */
function MembershipsSection({ csrf, memberships = [], rosterIssuers = [], membershipValues = {}, membershipErrors = {} }: ProfilePageProps) {
  return (
    <section aria-labelledby="memberships">
      <h2 id="memberships">Memberships</h2>
      <p class="muted">
        Link a membership of an organisation that publishes its roster here: we email a one-time link to the address the organisation has for
        that member number. Opening it while signed in adds the membership's badges (level, volunteer status, certifications) as verified badges,
        and keeps them up to date. Unlinking keeps the badges you already have.
      </p>
      {memberships.length > 0 && (
        <ul>
          {memberships.map((membership) => (
            <li>
              {membership.issuerName}, member {membership.memberId}
              {membership.level ? ` · ${membership.level}` : ''}
              {membership.memberUntil ? ` · until ${membership.memberUntil}` : ''}{' '}
              <form method="post" action="/profile/memberships/unlink" class="inline-form">
                <CsrfField token={csrf} />
                <input type="hidden" name="issuerId" value={membership.issuerId} />
                <input type="hidden" name="memberId" value={membership.memberId} />
                <button type="submit" class="link-button">
                  Unlink {membership.issuerName} membership {membership.memberId}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      {rosterIssuers.length > 0 ? (
        <form method="post" action="/profile/memberships" class="form" novalidate>
          <CsrfField token={csrf} />
          <div class={membershipErrors.issuerId ? 'field invalid' : 'field'}>
            <label for="field-issuerId">Organisation</label>
            <select id="field-issuerId" name="issuerId">
              {rosterIssuers.map((issuer) => (
                <option value={issuer.id} selected={membershipValues.issuerId === issuer.id}>
                  {issuer.name}
                </option>
              ))}
            </select>
            {membershipErrors.issuerId && (
              <p class="field-error" id="field-issuerId-error">
                {membershipErrors.issuerId}
              </p>
            )}
          </div>
          <Field name="memberId" label="Member number" value={membershipValues.memberId} error={membershipErrors.memberId} />
          <button type="submit" class="button">
            Email me a link to my membership
          </button>
        </form>
      ) : (
        <p class="muted">No organisation publishes a member roster here yet.</p>
      )}
    </section>
  );
}
