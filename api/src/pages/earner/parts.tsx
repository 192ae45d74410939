/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { PASSWORD_MIN_LENGTH } from '../../../../shared/schemas/earners';
import { Layout } from '../Layout';
import type { ExtraStylesheet } from '../stylesheets';

export interface EarnerPageProps {
  title: string;
  publicUrl: string;
  /** Shown in the header when someone is signed in (`console`: they are issuer staff). */
  signedInAs?: { firstName: string; console?: boolean } | null;
  csrf?: string;
  /** Stylesheets beyond the site's and the forms'. */
  stylesheets?: readonly ExtraStylesheet[];
  children?: Child;
}

/** The shared Layout with the earner's account links in its header, and form styles; never indexed (personal pages). */
export function EarnerPage({ title, publicUrl, signedInAs, csrf, stylesheets = [], children }: EarnerPageProps) {
  const account = signedInAs ? { signedInAs, csrf: csrf ?? '' } : { signedInAs: null };
  return (
    <Layout title={title} publicUrl={publicUrl} noIndex account={account} stylesheets={['forms', ...stylesheets]}>
      {children}
    </Layout>
  );
}

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="csrf" value={token} />;
}

export interface FieldProps {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'url';
  value?: string;
  error?: string;
  hint?: string;
  autocomplete?: string;
  required?: boolean;
  readonly?: boolean;
}

/** The ids of a field's hint and error, for aria-describedby (none: undefined). */
export function describedBy(id: string, hint: unknown, error: string | undefined): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

/** A field's hint and error message, below it. */
export function FieldNotes({ id, hint, error }: { id: string; hint?: Child; error?: string }) {
  return (
    <>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </>
  );
}

/** A labelled input with its hint and its error message right below it, tied by aria-describedby. */
export function Field({ name, label, type = 'text', value, error, hint, autocomplete, required, readonly }: FieldProps) {
  const id = `field-${name}`;
  const described = describedBy(id, hint, error);
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        value={type === 'password' ? undefined : value}
        autocomplete={autocomplete}
        required={required}
        readonly={readonly}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described}
        // Browsers focus (and scroll to) the first autofocus field only: the first one in error.
        autofocus={error ? true : undefined}
      />
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}

/** A new password and the same again: "Password" when registering, "New password" when changing it. */
export function NewPasswordFields({ label, errors }: { label: 'Password' | 'New password'; errors: { password?: string; passwordConfirm?: string } }) {
  return (
    <>
      <Field name="password" label={label} type="password" error={errors.password} autocomplete="new-password" hint={`At least ${PASSWORD_MIN_LENGTH} characters.`} required />
      <Field name="passwordConfirm" label={`${label} again`} type="password" error={errors.passwordConfirm} autocomplete="new-password" required />
    </>
  );
}

/** A checkbox the form needs ticked, with an optional hint and its error right below it, tied by aria-describedby. */
export function CheckField({ name, label, error, hint, checked }: { name: string; label: string; error?: string; hint?: Child; checked?: boolean }) {
  const id = `field-${name}`;
  const described = describedBy(id, hint, error);
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label class="check">
        <input type="checkbox" name={name} value="on" checked={checked} aria-describedby={described} />
        <span>{label}</span>
      </label>
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}

/** A form-wide error (one that belongs to no single field), announced to screen readers. */
export function FormAlert({ message }: { message?: string | null }) {
  return message ? (
    <p class="alert" role="alert">
      {message}
    </p>
  ) : null;
}

export function Notice({ message }: { message?: string | null }) {
  return message ? (
    <p class="notice" role="status">
      {message}
    </p>
  ) : null;
}

export interface MessagePageProps {
  publicUrl: string;
  title: string;
  message: string;
  links?: { href: string; label: string }[];
  signedInAs?: { firstName: string } | null;
  csrf?: string;
}

/** A page that only says something: "check your inbox", "this link has expired" … */
export function MessagePage({ publicUrl, title, message, links = [], signedInAs, csrf }: MessagePageProps) {
  return (
    <EarnerPage title={title} publicUrl={publicUrl} signedInAs={signedInAs} csrf={csrf}>
      <h1>{title}</h1>
      <p class="lead">{message}</p>
      {links.length > 0 && (
        <ul>
          {links.map((link) => (
            <li>
              <a href={link.href}>{link.label}</a>
            </li>
          ))}
        </ul>
      )}
    </EarnerPage>
  );
}

export interface ButtonPageProps {
  publicUrl: string;
  csrf: string;
  title: string;
  message?: string;
  action: string;
  button: string;
  signedInAs?: { firstName: string } | null;
}

/**
 * A page with one confirming button that posts: links from emails land here, so mail scanners that
 * open links never use a token up, and logging out cannot be triggered by another site.
 */
export function ButtonPage({ publicUrl, csrf, title, message, action, button, signedInAs }: ButtonPageProps) {
  return (
    <EarnerPage title={title} publicUrl={publicUrl} signedInAs={signedInAs} csrf={csrf}>
      <h1>{title}</h1>
      {message && <p class="lead">{message}</p>}
      <form method="post" action={action} class="form">
        <CsrfField token={csrf} />
        <button type="submit" class="button">
          {button}
        </button>
      </form>
    </EarnerPage>
  );
}
