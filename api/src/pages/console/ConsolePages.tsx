/** @jsxImportSource hono/jsx */
import { raw } from 'hono/html';
import type { BulkJobResponse } from '../../../../shared/schemas/bulk';
import type { ApiKeyListing, AuditEntry, BadgeClassSummary, IssuedBadge, IssuedBadgeFilter, StaffMember } from '../../console/data';
import type { BadgeFormField } from '../../console/badgeForm';
import type { HistoryEvent, PreviewRow } from '../../console/service';
import type { StaffRole } from '../../db/schema';
import type { FieldErrors } from '../../earners/http';
import { CheckField, describedBy, Field, FieldNotes } from '../earner/parts';
import { Alert, ConsolePage, Csrf, formatDay, formatTime, Note, PostButton, type ConsoleFrame } from './parts';
import { BADGE_PREVIEW_SCRIPT, JOB_PROGRESS_SCRIPT } from './scripts';

const ROLES: StaffRole[] = ['owner', 'issuer', 'viewer'];

export function ChooseIssuerPage({ frame, issuers }: { frame: Omit<ConsoleFrame, 'issuer' | 'role'>; issuers: { id: string; name: string; role: StaffRole }[] }) {
  const shell: ConsoleFrame = { ...frame, issuer: { id: '', name: 'BadgeLens' }, role: 'viewer' };
  return (
    <ConsolePage frame={shell} title="Your issuers" section="badges">
      {issuers.length === 0 ? (
        <p>You are not on the staff of any issuer yet. Ask an issuer's owner to invite you.</p>
      ) : (
        <ul>
          {issuers.map((issuer) => (
            <li>
              <a href={`/console/${issuer.id}`}>{issuer.name}</a> <span class="muted">({issuer.role})</span>
            </li>
          ))}
        </ul>
      )}
    </ConsolePage>
  );
}

export function BadgeClassesPage({ frame, badges, notice }: { frame: ConsoleFrame; badges: BadgeClassSummary[]; notice?: string | null }) {
  const base = `/console/${frame.issuer.id}`;
  const mayEdit = frame.role !== 'viewer';
  const totals = badges.reduce((sum, badge) => ({ issued: sum.issued + badge.issued, accepted: sum.accepted + badge.accepted, revoked: sum.revoked + badge.revoked }), { issued: 0, accepted: 0, revoked: 0 });
  return (
    <ConsolePage frame={frame} title="Badge classes" section="badges">
      <Note message={notice} />
      <ul class="figures" aria-label="Totals">
        <li>
          <strong data-figure="issued">{totals.issued}</strong> issued
        </li>
        <li>
          <strong data-figure="accepted">{totals.accepted}</strong> accepted
        </li>
        <li>
          <strong data-figure="revoked">{totals.revoked}</strong> revoked
        </li>
      </ul>
      {mayEdit && (
        <p>
          <a class="button" href={`${base}/badges/new`}>
            New badge class
          </a>
        </p>
      )}
      <div class="table-wrap">
        <table class="data">
          <thead>
            <tr>
              <th>Name</th>
              <th>Category</th>
              <th>Issued</th>
              <th>Accepted</th>
              <th>Revoked</th>
              <th>State</th>
              {mayEdit && <th>Actions</th>}
            </tr>
          </thead>
          <tbody>
            {badges.map((badge) => (
              <tr>
                <td>
                  <a href={`/badges/${badge.id}`}>{badge.name}</a>
                </td>
                <td>{badge.category}</td>
                <td>{badge.issued}</td>
                <td>{badge.accepted}</td>
                <td>{badge.revoked}</td>
                <td>{badge.archivedAt ? `archived ${formatDay(badge.archivedAt)}` : 'active'}</td>
                {mayEdit && (
                  <td>
                    <a href={`${base}/badges/${badge.id}/edit`}>Edit</a>{' '}
                    {badge.archivedAt ? (
                      <PostButton action={`${base}/badges/${badge.id}/restore`} csrf={frame.csrf} label={`Restore ${badge.name}`} secondary />
                    ) : (
                      <PostButton action={`${base}/badges/${badge.id}/archive`} csrf={frame.csrf} label={`Archive ${badge.name}`} secondary />
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ConsolePage>
  );
}

export interface BadgeFormProps {
  frame: ConsoleFrame;
  action: string;
  fields: BadgeFormField[];
  values: Record<string, string>;
  errors?: FieldErrors;
  /** The image to preview: the stored one (edit) or the generated one. */
  imageUrl: string | null;
  /** The LinkedIn card drawn from the form's values (kept in step by the page's script). */
  cardUrl: string;
  editing: boolean;
}

export function BadgeFormPage({ frame, action, fields, values, errors = {}, imageUrl, cardUrl, editing }: BadgeFormProps) {
  return (
    <ConsolePage frame={frame} title={editing ? 'Edit the badge class' : 'New badge class'} section="badges">
      <Alert message={Object.keys(errors).length > 0 ? 'Some fields need attention: see below.' : null} />
      <div class="badge-form-layout">
        <form id="badge-form" method="post" action={action} enctype="multipart/form-data" class="form" novalidate>
          <Csrf token={frame.csrf} />
          {fields.map((field) => (
            <FormField field={field} value={values[field.name] ?? ''} error={errors[field.name]} />
          ))}
          <button type="submit" class="button">
            {editing ? 'Save changes' : 'Create the badge class'}
          </button>
        </form>
        <section aria-labelledby="preview-title" class="preview-card">
          <h2 id="preview-title">Preview of its page</h2>
          {imageUrl ? <img id="preview-image" src={imageUrl} alt="Badge image" /> : <img id="preview-image" alt="The generated image is made when you save" />}
          <h3 id="preview-name">{values.name ?? ''}</h3>
          <p class="muted">{frame.issuer.name}</p>
          <p id="preview-description">{values.description ?? ''}</p>
          <h4>Criteria</h4>
          <p id="preview-criteria">{values.criteria ?? ''}</p>
        </section>
        <section aria-labelledby="card-preview-title" class="preview-card card-preview">
          <h2 id="card-preview-title">Preview of its LinkedIn card</h2>
          <p class="muted">What a post sharing one of these badges shows, with a sample earner’s name. It follows the name and category as you type; a new image shows once saved.</p>
          <img id="card-preview-image" src={cardUrl} alt="The badge’s card as LinkedIn shows it in a post" width="600" height="314" />
        </section>
      </div>
      <script>{raw(BADGE_PREVIEW_SCRIPT)}</script>
    </ConsolePage>
  );
}

function FormField({ field, value, error }: { field: BadgeFormField; value: string; error?: string }) {
  const id = `field-${field.name}`;
  const described = describedBy(id, field.hint, error);
  if (field.kind === 'text') return <Field name={field.name} label={field.label} value={value} error={error} hint={field.hint} />;
  if (field.kind === 'checkbox') return <CheckField name={field.name} label={field.label} error={error} hint={field.hint} checked={value === 'on'} />;
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>{field.label}</label>
      {field.kind === 'textarea' && (
        <textarea id={id} name={field.name} aria-describedby={described}>
          {value}
        </textarea>
      )}
      {field.kind === 'number' && <input id={id} name={field.name} type="number" min="1" value={value} aria-describedby={described} />}
      {field.kind === 'file' && <input id={id} name={field.name} type="file" accept="image/png,image/svg+xml" aria-describedby={described} />}
      {field.kind === 'select' && (
        <select id={id} name={field.name} aria-describedby={described}>
          {field.options.map((option) => (
            <option value={option.value} selected={option.value === value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
      {field.kind === 'multiselect' && (
        <select id={id} name={field.name} multiple aria-describedby={described}>
          {field.options.map((option) => (
            <option value={option.value} selected={value.split(',').includes(option.value)}>
              {option.label}
            </option>
          ))}
        </select>
      )}
      <FieldNotes id={id} hint={field.hint} error={error} />
    </div>
  );
}

export interface IssuePageProps {
  frame: ConsoleFrame;
  badges: { id: string; name: string }[];
  values?: Record<string, string>;
  errors?: FieldErrors;
  bulkError?: string | null;
  notice?: string | null;
}

export function IssuePage({ frame, badges, values = {}, errors = {}, bulkError, notice }: IssuePageProps) {
  const base = `/console/${frame.issuer.id}`;
  const badgeSelect = (selected: string | undefined, error?: string) => (
    <div class={error ? 'field invalid' : 'field'}>
      <label for="field-badge">Badge class</label>
      <select id="field-badge" name="badge">
        {badges.map((badge) => (
          <option value={badge.id} selected={badge.id === selected}>
            {badge.name}
          </option>
        ))}
      </select>
      {error && <p class="field-error">{error}</p>}
    </div>
  );
  return (
    <ConsolePage frame={frame} title="Issue badges" section="issue">
      <Note message={notice} />
      {badges.length === 0 ? (
        <p>There is no active badge class to issue. Create one first.</p>
      ) : (
        <>
          <section aria-labelledby="one">
            <h2 id="one">One badge</h2>
            <form method="post" action={`${base}/issue`} class="form" novalidate>
              <Csrf token={frame.csrf} />
              {badgeSelect(values.badge, errors.badge)}
              <Field name="email" label="Recipient's email" type="email" value={values.email} error={errors.email} />
              <Field name="name" label="Recipient's name" value={values.name} error={errors.name} />
              <Field name="evidence" label="Evidence URL (optional)" type="url" value={values.evidence} error={errors.evidence} />
              <Field name="narrative" label="Narrative (optional)" value={values.narrative} error={errors.narrative} />
              <Field name="expires" label="Expires (optional, YYYY-MM-DD)" value={values.expires} error={errors.expires} />
              <Field
                name="attribute"
                label="Attribute value (optional)"
                hint="For a badge class that carries one: the years (a number), the level (e.g. Gold) or volunteer (yes or no)."
                value={values.attribute}
                error={errors.attribute}
              />
              <button type="submit" class="button">
                Issue the badge
              </button>
            </form>
          </section>
          <section aria-labelledby="bulk">
            <h2 id="bulk">Many badges from a CSV file</h2>
            <p class="muted">A header row with email,name and optionally evidence,narrative,expires,attribute; one row per recipient. You see every row checked before anything is issued.</p>
            <Alert message={bulkError} />
            <form method="post" action={`${base}/bulk/preview`} enctype="multipart/form-data" class="form" novalidate>
              <Csrf token={frame.csrf} />
              {badgeSelect(values.badge)}
              <div class="field">
                <label for="field-file">CSV file</label>
                <input id="field-file" name="file" type="file" accept=".csv,text/csv" />
              </div>
              <button type="submit" class="button">
                Check the file
              </button>
            </form>
          </section>
        </>
      )}
    </ConsolePage>
  );
}

export function BulkPreviewPage({ frame, badge, rows, csv }: { frame: ConsoleFrame; badge: { id: string; name: string }; rows: PreviewRow[]; csv: string }) {
  const problems = rows.filter((row) => row.problem !== null).length;
  const holders = rows.filter((row) => row.problem === null && row.holds).length;
  const toIssue = rows.length - problems - holders;
  return (
    <ConsolePage frame={frame} title={`Check the upload: ${badge.name}`} section="issue">
      <ul class="figures">
        <li>
          <strong data-figure="rows">{rows.length}</strong> rows
        </li>
        <li>
          <strong data-figure="to-issue">{toIssue}</strong> to issue
        </li>
        <li>
          <strong data-figure="holders">{holders}</strong> already hold it
        </li>
        <li>
          <strong data-figure="errors">{problems}</strong> with errors
        </li>
      </ul>
      {problems > 0 && <p class="alert">Rows with errors are not issued: correct them and upload again, or go on and issue the others.</p>}
      <form method="post" action={`/console/${frame.issuer.id}/bulk/confirm`} class="form">
        <Csrf token={frame.csrf} />
        <input type="hidden" name="badge" value={badge.id} />
        <input type="hidden" name="csv" value={csv} />
        <button type="submit" class="button">
          Issue {toIssue} badge{toIssue === 1 ? '' : 's'}
        </button>{' '}
        <a href={`/console/${frame.issuer.id}/issue`}>Cancel</a>
      </form>
      <div class="table-wrap">
        <table class="data" id="preview-table">
          <thead>
            <tr>
              <th>Row</th>
              <th>Email</th>
              <th>Name</th>
              <th>Check</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr class={row.problem ? 'row-error' : undefined} data-row={row.row}>
                <td>{row.row}</td>
                <td>{row.email}</td>
                <td>{row.name}</td>
                <td>{row.problem ?? (row.holds ? 'already holds this badge: skipped' : 'ready')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ConsolePage>
  );
}

export function JobPage({ frame, job }: { frame: ConsoleFrame; job: BulkJobResponse }) {
  const base = `/console/${frame.issuer.id}/jobs/${job.id}`;
  const ended = job.state === 'done' || job.state === 'failed';
  const percent = job.total ? Math.floor((job.processed * 100) / job.total) : 100;
  return (
    <ConsolePage frame={frame} title="Bulk issuing" section="issue">
      {!ended && <meta http-equiv="refresh" content="3" />}
      <progress id="job-progress" max={job.total} value={job.processed} data-status-url={`${base}/status.json`} aria-labelledby="job-progress-text" />
      <p id="job-progress-text" role="status">
        {percent} % — {job.processed} of {job.total} rows handled ({job.issued} issued, {job.skipped} skipped, {job.errors} errors)
      </p>
      <p>
        State: <strong id="job-state">{job.state}</strong>
        {job.failure ? ` — ${job.failure}` : ''}
      </p>
      {ended ? (
        <p>
          <a class="button" href={`${base}/report.csv`} download>
            Download the report (CSV)
          </a>
        </p>
      ) : (
        <script>{raw(JOB_PROGRESS_SCRIPT)}</script>
      )}
    </ConsolePage>
  );
}

const STATES = ['', 'pending', 'accepted', 'declined', 'revoked', 'expired'] as const;

export function IssuedListPage({ frame, filter, badges, items, query }: { frame: ConsoleFrame; filter: IssuedBadgeFilter; badges: { id: string; name: string }[]; items: IssuedBadge[]; query: string }) {
  const base = `/console/${frame.issuer.id}`;
  return (
    <ConsolePage frame={frame} title="Issued badges" section="issued">
      <form method="get" action={`${base}/issued`} class="form">
        <Field name="q" label="Recipient name or email" value={filter.q} />
        <div class="field">
          <label for="field-state">State</label>
          <select id="field-state" name="state">
            {STATES.map((state) => (
              <option value={state} selected={(filter.state ?? '') === state}>
                {state || 'any'}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="field-badge">Badge class</label>
          <select id="field-badge" name="badge">
            <option value="">any</option>
            {badges.map((badge) => (
              <option value={badge.id} selected={filter.badgeClassId === badge.id}>
                {badge.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="field-from">Issued from</label>
          <input id="field-from" name="from" type="date" value={filter.from?.slice(0, 10)} />
        </div>
        <div class="field">
          <label for="field-to">Issued before</label>
          <input id="field-to" name="to" type="date" value={filter.to?.slice(0, 10)} />
        </div>
        <button type="submit" class="button">
          Find
        </button>{' '}
        <a href={`${base}/issued.csv${query ? `?${query}` : ''}`}>Export as CSV</a>
      </form>
      <p class="muted">{items.length} shown (newest first).</p>
      <div class="table-wrap">
        <table class="data">
          <thead>
            <tr>
              <th>Recipient</th>
              <th>Email</th>
              <th>Badge</th>
              <th>Issued</th>
              <th>State</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr>
                <td>
                  <a href={`${base}/issued/${item.id}`}>{item.recipientName}</a>
                </td>
                <td>{item.recipientEmail}</td>
                <td>{item.badgeClassName}</td>
                <td>{formatDay(item.issuedOn)}</td>
                <td>{item.revoked ? 'revoked' : item.claimState}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ConsolePage>
  );
}

export function IssuedDetailPage({ frame, item, history, notice, error }: { frame: ConsoleFrame; item: IssuedBadge; history: HistoryEvent[]; notice?: string | null; error?: string | null }) {
  const base = `/console/${frame.issuer.id}/issued/${item.id}`;
  const mayAct = frame.role !== 'viewer';
  return (
    <ConsolePage frame={frame} title={`${item.badgeClassName} — ${item.recipientName}`} section="issued">
      <Note message={notice} />
      <Alert message={error} />
      <p>
        {item.recipientEmail} · issued {formatDay(item.issuedOn)} · <a href={`/assertions/${item.id}`}>badge page</a>
      </p>
      <p>
        State: <strong id="assertion-state">{item.revoked ? `revoked (${item.revocationReason ?? ''})` : item.claimState}</strong>
      </p>
      <h2>History</h2>
      <ol>
        {history.map((event) => (
          <li>
            {event.at ? formatTime(event.at) : ''} — {event.what}
          </li>
        ))}
      </ol>
      {mayAct && !item.revoked && (
        <>
          <h2>Manage</h2>
          {item.claimState === 'pending' && <PostButton action={`${base}/resend`} csrf={frame.csrf} label="Resend the claim email" secondary />}
          <form method="post" action={`${base}/name`} class="form">
            <Csrf token={frame.csrf} />
            <Field name="name" label="Correct the recipient's name" value={item.recipientName} />
            <button type="submit" class="button secondary">
              Correct the name
            </button>
          </form>
          <form method="post" action={`${base}/unlock`} class="form">
            <Csrf token={frame.csrf} />
            <p>If the recipient's account is locked after too many sign-in attempts, you can unlock it (only for people who accepted one of your badges).</p>
            <button type="submit" class="button secondary">
              Unlock the recipient's account
            </button>
          </form>
          <form method="post" action={`${base}/revoke`} class="form">
            <Csrf token={frame.csrf} />
            <Field name="reason" label="Reason for revoking" />
            <button type="submit" class="button">
              Revoke this badge
            </button>
          </form>
        </>
      )}
    </ConsolePage>
  );
}

export function StaffPage({ frame, staff, invitations, errors = {}, notice }: { frame: ConsoleFrame; staff: StaffMember[]; invitations: { email: string; role: StaffRole; expiresAt: string }[]; errors?: FieldErrors; notice?: string | null }) {
  const base = `/console/${frame.issuer.id}/staff`;
  const roleSelect = (name: string, selected: StaffRole, label: string) => (
    <select name={name} aria-label={label}>
      {ROLES.map((role) => (
        <option value={role} selected={role === selected}>
          {role}
        </option>
      ))}
    </select>
  );
  return (
    <ConsolePage frame={frame} title="Staff" section="staff">
      <Note message={notice} />
      <Alert message={errors.form} />
      <p class="muted">Owners manage staff and API keys; issuers issue and revoke; viewers read and export.</p>
      <div class="table-wrap">
        <table class="data">
          <thead>
            <tr>
              <th>Name</th>
              <th>Email</th>
              <th>Role</th>
              <th>Remove</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((member) => (
              <tr>
                <td>
                  {member.firstName} {member.lastName}
                </td>
                <td>{member.email}</td>
                <td>
                  <form method="post" action={`${base}/role`} class="inline-form">
                    <Csrf token={frame.csrf} />
                    <input type="hidden" name="account" value={member.accountId} />
                    {roleSelect('role', member.role, `Role of ${member.email}`)}{' '}
                    <button type="submit" class="button secondary">
                      Change
                    </button>
                  </form>
                </td>
                <td>
                  <PostButton action={`${base}/remove`} csrf={frame.csrf} label={`Remove ${member.email}`} fields={{ account: member.accountId }} secondary />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {invitations.length > 0 && (
        <>
          <h2>Invitations waiting</h2>
          <ul>
            {invitations.map((invitation) => (
              <li>
                {invitation.email} as {invitation.role} (until {formatDay(invitation.expiresAt)})
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>Invite someone</h2>
      <form method="post" action={`${base}/invite`} class="form" novalidate>
        <Csrf token={frame.csrf} />
        <Field name="email" label="Email" type="email" error={errors.email} />
        <div class="field">
          <label for="field-role">Role</label>
          <select id="field-role" name="role">
            {ROLES.map((role) => (
              <option value={role} selected={role === 'issuer'}>
                {role}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          Send the invitation
        </button>
      </form>
    </ConsolePage>
  );
}

export function AuditPage({ frame, entries }: { frame: ConsoleFrame; entries: AuditEntry[] }) {
  return (
    <ConsolePage frame={frame} title="Audit log" section="audit">
      <p class="muted">Every change made in this console, newest first (the latest 200).</p>
      <div class="table-wrap">
        <table class="data" id="audit-log">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>What</th>
              <th>On</th>
              <th>Detail</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr>
                <td>{formatTime(entry.createdAt)}</td>
                <td>{entry.actorEmail}</td>
                <td>{entry.action}</td>
                <td>{entry.subject ?? ''}</td>
                <td>{entry.detail ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ConsolePage>
  );
}

export function KeysPage({ frame, keys, newKey, error }: { frame: ConsoleFrame; keys: ApiKeyListing[]; newKey?: string | null; error?: string | null }) {
  const base = `/console/${frame.issuer.id}/keys`;
  return (
    <ConsolePage frame={frame} title="API keys" section="keys">
      {newKey && (
        <div class="notice" role="status">
          <p>Your new key. Copy it now: it is shown only this once.</p>
          <p class="key-once" id="new-key">
            {newKey}
          </p>
        </div>
      )}
      <Alert message={error} />
      <div class="table-wrap">
        <table class="data">
          <thead>
            <tr>
              <th>Name</th>
              <th>Created</th>
              <th>Last used</th>
              <th>State</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr>
                <td>{key.label ?? '(no name)'}</td>
                <td>{formatDay(key.createdAt)}</td>
                <td>{key.lastUsedAt ? formatDay(key.lastUsedAt) : 'never'}</td>
                <td>{key.revokedAt ? `revoked ${formatDay(key.revokedAt)}` : <PostButton action={`${base}/${key.id}/revoke`} csrf={frame.csrf} label={`Revoke ${key.label ?? key.id}`} secondary />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Create a key</h2>
      <form method="post" action={base} class="form" novalidate>
        <Csrf token={frame.csrf} />
        <Field name="label" label="Name (what uses it)" />
        <button type="submit" class="button">
          Create the key
        </button>
      </form>
    </ConsolePage>
  );
}
