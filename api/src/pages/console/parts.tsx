/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import type { StaffRole } from '../../db/schema';
import { Layout } from '../Layout';

export type ConsoleSection = 'badges' | 'issue' | 'issued' | 'analytics' | 'staff' | 'audit' | 'keys';

export interface ConsoleFrame {
  publicUrl: string;
  csrf: string;
  /** The signed-in person (their first name in the header). */
  firstName: string;
  issuer: { id: string; name: string };
  role: StaffRole;
}

const SECTIONS: { section: ConsoleSection; label: string; path: string; owner?: boolean }[] = [
  { section: 'badges', label: 'Badge classes', path: '' },
  { section: 'issue', label: 'Issue', path: '/issue' },
  { section: 'issued', label: 'Issued badges', path: '/issued' },
  { section: 'analytics', label: 'Analytics', path: '/analytics' },
  { section: 'staff', label: 'Staff', path: '/staff', owner: true },
  { section: 'audit', label: 'Audit log', path: '/audit', owner: true },
  { section: 'keys', label: 'API keys', path: '/keys', owner: true },
];

/** Every console page: the shared layout (header with the Console link), the issuer's name and the console's navigation. */
export function ConsolePage({ frame, title, section, children }: { frame: ConsoleFrame; title: string; section: ConsoleSection; children?: Child }) {
  const base = `/console/${frame.issuer.id}`;
  return (
    <Layout
      title={`${title} · ${frame.issuer.name}`}
      publicUrl={frame.publicUrl}
      noIndex
      account={{ signedInAs: { firstName: frame.firstName, console: true }, csrf: frame.csrf }}
      stylesheets={['forms', 'console']}
    >
      <p class="muted">
        Console of <strong>{frame.issuer.name}</strong> · you are {frame.role}
      </p>
      <nav class="console-nav" aria-label="Console">
        <ul>
          {SECTIONS.filter((item) => !item.owner || frame.role === 'owner').map((item) => (
            <li>
              <a href={`${base}${item.path}`} aria-current={item.section === section ? 'page' : undefined}>
                {item.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h1>{title}</h1>
      {children}
    </Layout>
  );
}

export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name="csrf" value={token} />;
}

/** A one-button form (archive, revoke a key, remove someone). */
export function PostButton({ action, csrf, label, fields = {}, secondary }: { action: string; csrf: string; label: string; fields?: Record<string, string>; secondary?: boolean }) {
  return (
    <form method="post" action={action} class="inline-form">
      <Csrf token={csrf} />
      {Object.entries(fields).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={secondary ? 'button secondary' : 'button'}>
        {label}
      </button>
    </form>
  );
}

export function Alert({ message }: { message?: string | null }) {
  return message ? (
    <p class="alert" role="alert">
      {message}
    </p>
  ) : null;
}

export function Note({ message }: { message?: string | null }) {
  return message ? (
    <p class="notice" role="status">
      {message}
    </p>
  ) : null;
}

export const formatDay = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');
export const formatTime = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
