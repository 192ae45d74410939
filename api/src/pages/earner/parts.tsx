/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { Layout } from '../Layout';

// Form styles for the earner pages, on top of the shared theme (its colour variables).
export const FORM_STYLES = `
.form{max-width:32rem;background:var(--surface);border:1px solid var(--border);border-radius:.5rem;padding:1.25rem;margin:1rem 0}
.field{margin:0 0 1rem}
.field label{display:block;font-weight:600;margin-bottom:.25rem}
.field input[type=text],.field input[type=email],.field input[type=password],.field input[type=url]{width:100%;box-sizing:border-box;font:inherit;padding:.45rem .6rem;border:1px solid var(--muted);border-radius:.375rem;background:var(--background);color:var(--text)}
.field .hint{margin:.25rem 0 0;color:var(--muted);font-size:.95rem}
.field-error{margin:.25rem 0 0;color:var(--revoked-text);font-weight:600}
.field.invalid input{border-color:var(--revoked-border);border-width:2px}
.field textarea{width:100%;box-sizing:border-box;font:inherit;font-family:monospace;padding:.45rem .6rem;border:1px solid var(--muted);border-radius:.375rem;background:var(--background);color:var(--text);min-height:5rem}
.field input[type=file]{font:inherit;max-width:100%}
.field select{max-width:100%}
.import-form{max-width:40rem}
.field label.check{display:flex;gap:.5rem;align-items:flex-start;font-weight:400}
.notice{background:var(--valid-background);color:var(--valid-text);border:1px solid var(--valid-border);border-radius:.5rem;padding:.75rem 1rem;margin:1rem 0}
.alert{background:var(--revoked-background);color:var(--revoked-text);border:1px solid var(--revoked-border);border-radius:.5rem;padding:.75rem 1rem;margin:1rem 0}
.button.secondary{background:var(--surface);color:var(--text);border:1px solid var(--muted)}
.badge-list{list-style:none;padding:0;margin:0;display:grid;gap:1rem}
.badge-item{display:flex;gap:1rem;background:var(--surface);border:1px solid var(--border);border-radius:.5rem;padding:1rem}
.badge-item img{flex:none;width:5rem;height:5rem}
.badge-item h2{margin:0 0 .25rem;font-size:1.15rem}
.state{display:inline-block;border-radius:1rem;padding:.05rem .6rem;font-size:.9rem;background:var(--tag-background);color:var(--tag-text);margin-right:.35rem}
.mail{border:1px solid var(--border);border-radius:.5rem;padding:1rem;margin:1rem 0;background:var(--surface)}
.mail h2{margin-top:0}
.mail pre{white-space:pre-wrap;word-break:break-word}
.mail iframe{width:100%;height:28rem;border:1px solid var(--border);background:#fff}
`;

export interface EarnerPageProps {
  title: string;
  publicUrl: string;
  /** Shown in the header when someone is signed in (`console`: they are issuer staff). */
  signedInAs?: { firstName: string; console?: boolean } | null;
  csrf?: string;
  children?: Child;
}

/** The shared Layout with the earner's account links in its header, and form styles; never indexed (personal pages). */
export function EarnerPage({ title, publicUrl, signedInAs, csrf, children }: EarnerPageProps) {
  const account = signedInAs ? { signedInAs, csrf: csrf ?? '' } : { signedInAs: null };
  return (
    <Layout title={title} publicUrl={publicUrl} noIndex account={account} head={<style>{raw(FORM_STYLES)}</style>}>
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

/** A labelled input with its hint and its error message right below it, tied by aria-describedby. */
export function Field({ name, label, type = 'text', value, error, hint, autocomplete, required, readonly }: FieldProps) {
  const id = `field-${name}`;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
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
