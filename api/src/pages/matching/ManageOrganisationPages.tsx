/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { CsrfField, EarnerPage, Field, FormAlert, Notice } from '../earner/parts';
import { CourseWhereAndWhen, type BadgeRefView } from './MatchingPages';

// The pages an organisation's staff manage it with: its roles (company) or courses (school), its staff
// and invitations. Every change is a form post with the form token; what was typed comes back with the
// errors next to their fields.

type Errors = Record<string, string>;
type SignedIn = { firstName: string };

export interface BadgeOption {
  id: string;
  name: string;
  /** The badge's requirement options (any one earns it), which a course may complete. */
  requirements: { id: string; title: string; kind: string }[];
}

function ManagePage({ title, publicUrl, csrf, signedInAs, children }: { title: string; publicUrl: string; csrf: string; signedInAs: SignedIn; children?: Child }) {
  return (
    <EarnerPage title={title} publicUrl={publicUrl} signedInAs={signedInAs} csrf={csrf} stylesheets={['matching']}>
      {children}
    </EarnerPage>
  );
}

function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p class="field-error" id={`${id}-error`}>
      {error}
    </p>
  ) : null;
}

/** A multiple select of catalogue badges, with its error right below it. */
function BadgeSelect({ name, label, badges, selected, error, hint }: { name: string; label: string; badges: BadgeOption[]; selected: readonly string[]; error?: string; hint?: string }) {
  const id = `field-${name}`;
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      <select id={id} name={name} multiple size={Math.min(8, Math.max(3, badges.length))} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined} autofocus={error ? true : undefined}>
        {badges.map((badge) => (
          <option value={badge.id} selected={selected.includes(badge.id)}>
            {badge.name}
          </option>
        ))}
      </select>
      {hint ? <p class="hint">{hint}</p> : null}
      <FieldError id={id} error={error} />
    </div>
  );
}

function DateField({ name, label, value, error }: { name: string; label: string; value: string; error?: string }) {
  const id = `field-${name}`;
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      <input id={id} name={name} type="date" value={value} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined} autofocus={error ? true : undefined} />
      <FieldError id={id} error={error} />
    </div>
  );
}

function BadgeNames({ label, badges }: { label: string; badges: BadgeRefView[] }) {
  return badges.length === 0 ? null : (
    <p>
      <span class="muted">{label}:</span> {badges.map((badge) => badge.name).join(', ')}
    </p>
  );
}

function DeleteButton({ action, csrf, label }: { action: string; csrf: string; label: string }) {
  return (
    <form method="post" action={action}>
      <CsrfField token={csrf} />
      <button type="submit" class="button secondary">
        {label}
      </button>
    </form>
  );
}

export interface InvitationFormState {
  values: { email: string; role: string };
  errors: Errors;
  alert?: string | null;
}

export interface OrganisationStaffPageProps {
  publicUrl: string;
  csrf: string;
  signedInAs: SignedIn & { id: string };
  organisation: { id: string; kind: 'company' | 'school'; name: string; slug: string; location: string; published: boolean };
  myRole: 'owner' | 'editor';
  roles: { id: string; title: string; location: string; postingUrl: string | null; required: BadgeRefView[]; preferred: BadgeRefView[] }[];
  courses: { id: string; title: string; format: 'online' | 'in_person'; location: string; startsOn: string | null; endsOn: string | null; url: string | null; badges: BadgeRefView[]; requirementIds: string[] }[];
  staff: { accountId: string; name: string; role: 'owner' | 'editor' }[];
  invitation: InvitationFormState;
  notice?: string | null;
  alert?: string | null;
}

/** One organisation for its staff: its roles or courses (add, edit, delete), its staff (invite, remove), publishing. */
export function OrganisationStaffPage(props: OrganisationStaffPageProps) {
  const { publicUrl, csrf, signedInAs, organisation, myRole, roles, courses, staff, invitation, notice, alert } = props;
  const base = `${publicUrl}/manage/organisations/${organisation.id}`;
  const company = organisation.kind === 'company';
  const owner = myRole === 'owner';
  return (
    <ManagePage title={organisation.name} publicUrl={publicUrl} csrf={csrf} signedInAs={signedInAs}>
      <p>
        <a href={`${publicUrl}/manage/organisations`}>Your organisations</a>
      </p>
      <h1>{organisation.name}</h1>
      <Notice message={notice} />
      <FormAlert message={alert} />
      <p>
        <span class="state">{company ? 'company' : 'school'}</span>
        <span class="state">you are {myRole}</span>
        <span class="state">{organisation.published ? 'published' : 'private'}</span>
        {organisation.published ? <a href={`${publicUrl}/organisations/${organisation.slug}`}>Public page</a> : 'Nobody else sees it until you publish it.'}
      </p>
      <form method="post" action={`${base}/publish`}>
        <CsrfField token={csrf} />
        <input type="hidden" name="published" value={organisation.published ? 'no' : 'yes'} />
        <input type="hidden" name="back" value="organisation" />
        <button type="submit" class="button secondary">
          {organisation.published ? 'Make private' : 'Publish'}
        </button>
      </form>

      {company ? (
        <section aria-labelledby="roles">
          <h2 id="roles">Roles</h2>
          {roles.length === 0 ? <p class="empty">No roles yet. Add one: a title, where, and the badges it asks for.</p> : null}
          <ul class="entries">
            {roles.map((role) => (
              <li>
                <h3>{role.title}</h3>
                {role.location ? <p>{role.location}</p> : null}
                <BadgeNames label="Required" badges={role.required} />
                <BadgeNames label="Preferred" badges={role.preferred} />
                {role.postingUrl ? <p class="muted">{role.postingUrl}</p> : null}
                <div class="actions">
                  <a class="button secondary" href={`${base}/roles/${role.id}/edit`}>
                    Edit
                  </a>
                  <DeleteButton action={`${base}/roles/${role.id}/delete`} csrf={csrf} label={`Delete ${role.title}`} />
                </div>
              </li>
            ))}
          </ul>
          <p>
            <a class="button" href={`${base}/roles/new`}>
              Add a role
            </a>
          </p>
        </section>
      ) : (
        <section aria-labelledby="courses">
          <h2 id="courses">Courses</h2>
          {courses.length === 0 ? <p class="empty">No courses yet. Add one: a title, online or where, the dates, and the badges it prepares for.</p> : null}
          <ul class="entries">
            {courses.map((course) => (
              <li>
                <h3>{course.title}</h3>
                <CourseWhereAndWhen course={course} />
                <BadgeNames label="Prepares for" badges={course.badges} />
                {course.requirementIds.length > 0 ? <p class="muted">Completes {course.requirementIds.length} requirement option(s)</p> : null}
                {course.url ? <p class="muted">{course.url}</p> : null}
                <div class="actions">
                  <a class="button secondary" href={`${base}/courses/${course.id}/edit`}>
                    Edit
                  </a>
                  <DeleteButton action={`${base}/courses/${course.id}/delete`} csrf={csrf} label={`Delete ${course.title}`} />
                </div>
              </li>
            ))}
          </ul>
          <p>
            <a class="button" href={`${base}/courses/new`}>
              Add a course
            </a>
          </p>
        </section>
      )}

      <section aria-labelledby="staff">
        <h2 id="staff">Staff</h2>
        <ul class="entries">
          {staff.map((member) => (
            <li>
              <h3>{member.name}</h3>
              <span class="state">{member.role}</span>
              {member.accountId === signedInAs.id ? (
                <div class="actions">
                  <DeleteButton action={`${base}/staff/${member.accountId}/remove`} csrf={csrf} label="Leave this organisation" />
                </div>
              ) : owner ? (
                <div class="actions">
                  <DeleteButton action={`${base}/staff/${member.accountId}/remove`} csrf={csrf} label={`Remove ${member.name}`} />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
        {owner ? (
          <>
            <h3>Invite a colleague</h3>
            <form method="post" action={`${base}/invitations`} class="form">
              <CsrfField token={csrf} />
              <FormAlert message={invitation.alert} />
              <Field name="email" type="email" label="Their email address" value={invitation.values.email} error={invitation.errors.email} hint="They get a link that works once, for 7 days." required />
              <div class={invitation.errors.role ? 'field invalid' : 'field'}>
                <label class="check">
                  <input type="radio" name="role" value="editor" checked={invitation.values.role !== 'owner'} /> Editor: manages the {company ? 'roles' : 'courses'}
                </label>
                <label class="check">
                  <input type="radio" name="role" value="owner" checked={invitation.values.role === 'owner'} /> Owner: also invites and removes staff
                </label>
                <FieldError id="field-role" error={invitation.errors.role} />
              </div>
              <button type="submit" class="button">
                Send the invitation
              </button>
            </form>
          </>
        ) : (
          <p class="muted">Only an owner invites or removes colleagues.</p>
        )}
      </section>
    </ManagePage>
  );
}

export interface ItemFormPageProps<V> {
  publicUrl: string;
  csrf: string;
  signedInAs: SignedIn;
  organisation: { id: string; name: string };
  /** Null for a new item. */
  itemId: string | null;
  values: V;
  errors: Errors;
  alert?: string | null;
  badges: BadgeOption[];
}

export interface RoleFormValues {
  title: string;
  location: string;
  postingUrl: string;
  requiredBadgeIds: string[];
  preferredBadgeIds: string[];
}

export function RoleFormPage({ publicUrl, csrf, signedInAs, organisation, itemId, values, errors, alert, badges }: ItemFormPageProps<RoleFormValues>) {
  const base = `${publicUrl}/manage/organisations/${organisation.id}`;
  const title = itemId ? `Edit the role ${values.title}` : `A new role at ${organisation.name}`;
  return (
    <ManagePage title={title} publicUrl={publicUrl} csrf={csrf} signedInAs={signedInAs}>
      <p>
        <a href={base}>{organisation.name}</a>
      </p>
      <h1>{itemId ? 'Edit the role' : 'Add a role'}</h1>
      <form method="post" action={itemId ? `${base}/roles/${itemId}` : `${base}/roles`} class="form">
        <CsrfField token={csrf} />
        <FormAlert message={alert ?? errors.form} />
        <Field name="title" label="Title" value={values.title} error={errors.title} required />
        <Field name="location" label="Location (optional)" value={values.location} error={errors.location} />
        <BadgeSelect name="requiredBadgeIds" label="Required badges" badges={badges} selected={values.requiredBadgeIds} error={errors.requiredBadgeIds} />
        <BadgeSelect name="preferredBadgeIds" label="Preferred badges" badges={badges} selected={values.preferredBadgeIds} error={errors.preferredBadgeIds} hint="A badge is either required or preferred." />
        <Field name="postingUrl" type="url" label="Link to the job posting (optional)" value={values.postingUrl} error={errors.postingUrl} />
        <button type="submit" class="button">
          {itemId ? 'Save the role' : 'Add the role'}
        </button>
      </form>
    </ManagePage>
  );
}

export interface CourseFormValues {
  title: string;
  format: string;
  location: string;
  startsOn: string;
  endsOn: string;
  url: string;
  badgeIds: string[];
  requirementIds: string[];
}

export function CourseFormPage({ publicUrl, csrf, signedInAs, organisation, itemId, values, errors, alert, badges }: ItemFormPageProps<CourseFormValues>) {
  const base = `${publicUrl}/manage/organisations/${organisation.id}`;
  const title = itemId ? `Edit the course ${values.title}` : `A new course at ${organisation.name}`;
  const withRequirements = badges.filter((badge) => badge.requirements.length > 0);
  return (
    <ManagePage title={title} publicUrl={publicUrl} csrf={csrf} signedInAs={signedInAs}>
      <p>
        <a href={base}>{organisation.name}</a>
      </p>
      <h1>{itemId ? 'Edit the course' : 'Add a course'}</h1>
      <form method="post" action={itemId ? `${base}/courses/${itemId}` : `${base}/courses`} class="form">
        <CsrfField token={csrf} />
        <FormAlert message={alert ?? errors.form} />
        <Field name="title" label="Title" value={values.title} error={errors.title} required />
        <div class={errors.format ? 'field invalid' : 'field'}>
          <label class="check">
            <input type="radio" name="format" value="online" checked={values.format === 'online'} /> Online
          </label>
          <label class="check">
            <input type="radio" name="format" value="in_person" checked={values.format === 'in_person'} /> In person
          </label>
          <FieldError id="field-format" error={errors.format} />
        </div>
        <Field name="location" label="Location (needed in person)" value={values.location} error={errors.location} />
        <DateField name="startsOn" label="Starts on (optional)" value={values.startsOn} error={errors.startsOn} />
        <DateField name="endsOn" label="Ends on (optional)" value={values.endsOn} error={errors.endsOn} />
        <Field name="url" type="url" label="Link to the course (optional)" value={values.url} error={errors.url} />
        <BadgeSelect name="badgeIds" label="Badges it prepares for" badges={badges} selected={values.badgeIds} error={errors.badgeIds} />
        {withRequirements.length > 0 ? (
          <div class={errors.requirementIds ? 'field invalid' : 'field'}>
            <label for="field-requirementIds">Requirements it completes (optional)</label>
            <select id="field-requirementIds" name="requirementIds" multiple size={8} aria-describedby="field-requirementIds-hint">
              {withRequirements.map((badge) => (
                <optgroup label={badge.name}>
                  {badge.requirements.map((requirement) => (
                    <option value={requirement.id} selected={values.requirementIds.includes(requirement.id)}>
                      {requirement.title} ({requirement.kind})
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
            <p class="hint" id="field-requirementIds-hint">
              Options of the badges chosen above, which finishing the course fulfils.
            </p>
            <FieldError id="field-requirementIds" error={errors.requirementIds} />
          </div>
        ) : null}
        <button type="submit" class="button">
          {itemId ? 'Save the course' : 'Add the course'}
        </button>
      </form>
    </ManagePage>
  );
}
