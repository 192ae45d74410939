import { useState } from 'preact/hooks';
import { t } from '../common/i18n';
import type { EarnerClient } from './client';
import { failureText, type FailureText } from './model';

interface SignInFormProps {
  client: EarnerClient;
  apiBaseUrl: string;
  /** Why the earner is asked again (e.g. the session ended). */
  notice?: FailureText;
  onSignedIn: () => void;
}

/** Email and password, sent to the background (which keeps the token); never stored here. */
export function SignInForm({ client, apiBaseUrl, notice, onSignedIn }: SignInFormProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ locked: boolean; text: FailureText } | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    // Read from the form itself: a password manager's fill or a fast Enter may come before a re-render.
    const fields = new FormData(event.currentTarget as HTMLFormElement);
    const typedEmail = String(fields.get('email') ?? email).trim();
    const typedPassword = String(fields.get('password') ?? password);
    setBusy(true);
    setProblem(null);
    const reply = await client.signIn(typedEmail, typedPassword);
    setBusy(false);
    if (reply.ok) {
      setPassword('');
      onSignedIn();
      return;
    }
    setProblem({ locked: reply.error === 'locked', text: failureText(reply.error, apiBaseUrl, reply.message) });
  }

  const resetUrl = apiBaseUrl ? `${apiBaseUrl.replace(/\/+$/, '')}/reset` : undefined;

  return (
    <section aria-labelledby="sign-in-heading" class="sign-in">
      <h2 id="sign-in-heading">{t('signInHeading')}</h2>
      {notice && (
        <p class="notice" role="status">
          <strong>{notice.title}</strong> {notice.advice}
        </p>
      )}
      <form onSubmit={submit} aria-busy={busy}>
        <label for="sign-in-email">{t('signInEmail')}</label>
        <input
          id="sign-in-email"
          name="email"
          type="email"
          autocomplete="username"
          autoFocus
          required
          value={email}
          onInput={(event) => setEmail(event.currentTarget.value)}
          aria-describedby={problem ? 'sign-in-problem' : undefined}
        />
        <label for="sign-in-password">{t('signInPassword')}</label>
        <input
          id="sign-in-password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          value={password}
          onInput={(event) => setPassword(event.currentTarget.value)}
          aria-describedby={problem ? 'sign-in-problem' : undefined}
        />
        {problem && (
          <div id="sign-in-problem" class={problem.locked ? 'problem locked' : 'problem'} role="alert">
            <strong>{problem.text.title}</strong> {problem.text.advice}
          </div>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('signInBusy') : t('signInSubmit')}
        </button>
      </form>
      <p class="muted">
        {resetUrl && (
          <a href={resetUrl} target="_blank" rel="noreferrer">
            {t('signInForgot')}
          </a>
        )}
      </p>
      <p class="muted small">{t('signInPasswordGoesTo', apiBaseUrl || t('signInServerNotSet'))}</p>
    </section>
  );
}
