/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { StaffRole } from '../../db/schema';
import { FORM_STYLES } from '../earner/parts';
import { Layout } from '../Layout';

export const CONSOLE_STYLES = `
.console-nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;padding:0;margin:.5rem 0 1.5rem;border-bottom:1px solid var(--border)}
.console-nav a{display:inline-block;padding:.4rem 0}
.console-nav a[aria-current=page]{font-weight:700;text-decoration:none;border-bottom:3px solid currentColor}
.table-wrap{overflow-x:auto}
table.data{border-collapse:collapse;width:100%;margin:1rem 0;background:var(--surface)}
table.data th,table.data td{border:1px solid var(--border);padding:.4rem .6rem;text-align:left;vertical-align:top}
table.data tr.row-error td{background:var(--revoked-background);color:var(--revoked-text)}
.figures{display:flex;flex-wrap:wrap;gap:1rem;list-style:none;padding:0}
.figures li{background:var(--surface);border:1px solid var(--border);border-radius:.5rem;padding:.75rem 1rem;min-width:8rem}
.figures strong{display:block;font-size:1.5rem}
progress{width:100%;height:1.5rem}
.preview-card{border:1px solid var(--border);border-radius:.5rem;padding:1rem;background:var(--surface);max-width:32rem}
.preview-card img{width:8rem;height:8rem;object-fit:cover;display:block;margin-bottom:.5rem}
.card-preview img{width:100%;height:auto;aspect-ratio:1200/627;border:1px solid var(--border);object-fit:contain}
.field select,.field input[type=number],.field input[type=date]{font:inherit;padding:.4rem .5rem}
.inline-form{display:inline}
.key-once{font-family:monospace;word-break:break-all;background:var(--tag-background);padding:.5rem;border-radius:.375rem}
`;

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
      head={
        <>
          <style>{raw(FORM_STYLES)}</style>
          <style>{raw(CONSOLE_STYLES)}</style>
        </>
      }
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
