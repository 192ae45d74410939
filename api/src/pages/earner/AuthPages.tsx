/** @jsxImportSource hono/jsx */
import type { FieldErrors } from '../../earners/http';
import { earnerUrls } from '../../earners/urls';
import { CheckField, CsrfField, EarnerPage, Field, FormAlert, NewPasswordFields, Notice } from './parts';

export interface LoginPageProps {
  publicUrl: string;
  csrf: string;
  email?: string;
  next?: string;
  errors?: FieldErrors;
  alert?: string | null;
  notice?: string | null;
  /** The account is locked: say how to unlock it before anything else. */
  locked?: boolean;
}

export function LoginPage({ publicUrl, csrf, email, next, errors = {}, alert, notice, locked }: LoginPageProps) {
  const urls = earnerUrls(publicUrl);
  return (
    <EarnerPage title="Log in" publicUrl={publicUrl}>
      <h1>Log in</h1>
      <Notice message={notice} />
      {locked && (
        <section aria-labelledby="locked" class="form">
          <h2 id="locked">Your account is locked</h2>
          <p>After 10 wrong passwords in a row we lock the account, so nobody can keep guessing. Choosing a new password unlocks it.</p>
          <p>We have emailed you a link to do that. No email, or the link has expired?</p>
          <p>
            <a class="button" href={urls.resetRequest()}>
              Get a new password link
            </a>
          </p>
        </section>
      )}
      <form method="post" action="/login" class="form" novalidate>
        <FormAlert message={alert} />
        <CsrfField token={csrf} />
        {next && <input type="hidden" name="next" value={next} />}
        <Field name="email" label="Email address" type="email" value={email} error={errors.email} autocomplete="username" required />
        <Field name="password" label="Password" type="password" error={errors.password} autocomplete="current-password" required />
        <button type="submit" class="button">
          Log in
        </button>
      </form>
      <p>
        <a href={urls.resetRequest()}>Forgot your password? Request a new one</a>
      </p>
      <p class="muted">No account yet? You create one from the link in the email that brings you a badge.</p>
    </EarnerPage>
  );
}

export interface RegisterFormProps {
  csrf: string;
  action: string;
  values?: Partial<Record<'firstName' | 'lastName' | 'email', string>>;
  errors?: FieldErrors;
  alert?: string | null;
}

/** First name, last name, email, password twice, terms. */
export function RegisterForm({ csrf, action, values = {}, errors = {}, alert }: RegisterFormProps) {
  return (
    <form method="post" action={action} class="form" novalidate>
      <FormAlert message={alert} />
      <CsrfField token={csrf} />
      <Field name="firstName" label="First name" value={values.firstName} error={errors.firstName} autocomplete="given-name" required />
      <Field name="lastName" label="Last name" value={values.lastName} error={errors.lastName} autocomplete="family-name" required />
      <Field
        name="email"
        label="Email address"
        type="email"
        value={values.email}
        error={errors.email}
        autocomplete="email"
        hint="Use the address your badge was sent to."
        required
      />
      <NewPasswordFields label="Password" errors={errors} />
      <CheckField
        name="terms"
        label="I agree to the terms of use and the privacy notice."
        error={errors.terms}
        hint={
          <>
            Read the{' '}
            <a href="/terms" target="_blank" rel="noopener">
              terms of use
            </a>{' '}
            and the{' '}
            <a href="/privacy" target="_blank" rel="noopener">
              privacy notice
            </a>{' '}
            (each opens in a new tab).
          </>
        }
      />
      <button type="submit" class="button">
        Create my account
      </button>
    </form>
  );
}

export function RegisterPage(props: RegisterFormProps & { publicUrl: string }) {
  const urls = earnerUrls(props.publicUrl);
  return (
    <EarnerPage title="Create an account" publicUrl={props.publicUrl}>
      <h1>Create an account</h1>
      <RegisterForm {...props} />
      <p>
        Already have an account? <a href={urls.login()}>Log in</a>
      </p>
    </EarnerPage>
  );
}

export function ResetRequestPage({ publicUrl, csrf, email, errors = {}, alert }: { publicUrl: string; csrf: string; email?: string; errors?: FieldErrors; alert?: string | null }) {
  return (
    <EarnerPage title="Request a new password" publicUrl={publicUrl}>
      <h1>Request a new password</h1>
      <p>Enter the email address of your account. If it has an account, we send it a link to choose a new password. The link works once and for one hour.</p>
      <form method="post" action="/reset" class="form" novalidate>
        <FormAlert message={alert} />
        <CsrfField token={csrf} />
        <Field name="email" label="Email address" type="email" value={email} error={errors.email} autocomplete="email" required />
        <button type="submit" class="button">
          Send me a link
        </button>
      </form>
    </EarnerPage>
  );
}

export function NewPasswordPage({ publicUrl, csrf, action, errors = {} }: { publicUrl: string; csrf: string; action: string; errors?: FieldErrors }) {
  return (
    <EarnerPage title="Choose a new password" publicUrl={publicUrl}>
      <h1>Choose a new password</h1>
      <p>Saving it signs you out on every device.</p>
      <form method="post" action={action} class="form" novalidate>
        <CsrfField token={csrf} />
        <NewPasswordFields label="New password" errors={errors} />
        <button type="submit" class="button">
          Save my new password
        </button>
      </form>
    </EarnerPage>
  );
}

/** The activation link's page: the password of the registration proves it is yours (the link proves the mailbox). */
export function ActivatePage({ publicUrl, csrf, action, errors = {}, alert }: { publicUrl: string; csrf: string; action: string; errors?: FieldErrors; alert?: string | null }) {
  return (
    <EarnerPage title="Confirm your email address" publicUrl={publicUrl}>
      <h1>Confirm your email address</h1>
      <p>To finish creating your account, enter the password you chose when you registered.</p>
      <form method="post" action={action} class="form" novalidate>
        <FormAlert message={alert} />
        <CsrfField token={csrf} />
        <Field name="password" label="Password" type="password" error={errors.password} autocomplete="current-password" required />
        <button type="submit" class="button">
          Confirm my email address
        </button>
      </form>
      <p class="muted">
        Forgot it? <a href={earnerUrls(publicUrl).resetRequest()}>Choose a new password</a> instead: that confirms your address too.
      </p>
    </EarnerPage>
  );
}
