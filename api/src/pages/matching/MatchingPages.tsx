/** @jsxImportSource hono/jsx */
import { CsrfField, EarnerPage, Field, FormAlert, Notice } from '../earner/parts';
import { OutsideLink, Prose } from '../components';
import { Layout } from '../Layout';

export interface BadgeRefView {
  id: string;
  name: string;
  imageUrl: string;
  url: string;
}

function BadgeRefs({ badges, label }: { badges: BadgeRefView[]; label: string }) {
  if (badges.length === 0) return null;
  return (
    <>
      <p class="muted">{label}</p>
      <ul class="badge-refs">
        {badges.map((badge) => (
          <li>
            <img src={badge.imageUrl} alt="" width={40} height={40} />
            <a href={badge.url}>{badge.name}</a>
          </li>
        ))}
      </ul>
    </>
  );
}

export interface OrganisationPageProps {
  publicUrl: string;
  organisation: { kind: 'company' | 'school'; name: string; location: string; description: string };
  roles: { title: string; location: string; postingUrl: string | null; required: BadgeRefView[]; preferred: BadgeRefView[] }[];
  courses: { title: string; format: 'online' | 'in_person'; location: string; startsOn: string | null; endsOn: string | null; url: string | null; badges: BadgeRefView[] }[];
}

/** A company's page (its roles and the badges each asks for) or a school's (its courses and the badges they lead to). */
export function OrganisationPage({ publicUrl, organisation, roles, courses }: OrganisationPageProps) {
  const company = organisation.kind === 'company';
  return (
    <Layout title={organisation.name} publicUrl={publicUrl} description={`${organisation.name} on BadgeLens`} stylesheets={['matching']}>
      <p class="muted">{company ? 'Company' : 'School or training provider'}{organisation.location ? ` · ${organisation.location}` : ''}</p>
      <h1>{organisation.name}</h1>
      {organisation.description ? <Prose text={organisation.description} /> : null}
      {company ? (
        <section aria-labelledby="roles">
          <h2 id="roles">Roles and the badges they ask for</h2>
          {roles.length === 0 ? <p class="empty">No roles posted yet.</p> : null}
          <ul class="entries">
            {roles.map((role) => (
              <li>
                <h3>{role.title}</h3>
                {role.location ? <p>{role.location}</p> : null}
                <BadgeRefs badges={role.required} label="Required badges" />
                <BadgeRefs badges={role.preferred} label="Preferred badges" />
                {role.postingUrl ? <OutsideLink href={role.postingUrl}>The job posting</OutsideLink> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <section aria-labelledby="courses">
          <h2 id="courses">Courses and the badges they prepare for</h2>
          {courses.length === 0 ? <p class="empty">No courses posted yet.</p> : null}
          <ul class="entries">
            {courses.map((course) => (
              <li>
                <h3>{course.title}</h3>
                <CourseWhereAndWhen course={course} />
                <BadgeRefs badges={course.badges} label="Prepares for" />
                {course.url ? <OutsideLink href={course.url}>About the course</OutsideLink> : null}
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}

export interface PersonPageProps {
  publicUrl: string;
  person: { name: string; location: string; jobSeeker: boolean; student: boolean };
  badges: { name: string; imageUrl: string; url: string }[];
  wanted: BadgeRefView[];
}

/** An individual's public page: their public badges, and what they opted in to be found for. */
export function PersonPage({ publicUrl, person, badges, wanted }: PersonPageProps) {
  const looking = [person.jobSeeker ? 'open to job offers' : null, person.student ? 'looking for courses' : null].filter(Boolean).join(' and ');
  return (
    <Layout title={person.name} publicUrl={publicUrl} noIndex stylesheets={['matching']}>
      <h1>{person.name}</h1>
      <p>
        {person.location ? `${person.location} · ` : ''}
        {looking}
      </p>
      <section aria-labelledby="held">
        <h2 id="held">Badges</h2>
        {badges.length === 0 ? <p class="empty">No public badges yet.</p> : <BadgeRefs badges={badges.map((badge, index) => ({ ...badge, id: String(index) }))} label="Each links to its page, where anyone can check it." />}
      </section>
      {person.student && wanted.length > 0 ? (
        <section aria-labelledby="wanted">
          <h2 id="wanted">Wants to earn</h2>
          <BadgeRefs badges={wanted} label="" />
        </section>
      ) : null}
    </Layout>
  );
}

export interface OptInsPageProps {
  publicUrl: string;
  csrf: string;
  signedInAs: { firstName: string };
  values: { jobSeeker: boolean; student: boolean; location: string; wantedBadgeIds: string[] };
  badges: { id: string; name: string }[];
  pageUrl: string | null;
  notice?: string | null;
  error?: string | null;
}

/** "My account": be found as a job seeker and/or a student; nobody is listed without ticking a box here. */
export function OptInsPage({ publicUrl, csrf, signedInAs, values, badges, pageUrl, notice, error }: OptInsPageProps) {
  return (
    <EarnerPage title="Be found through your badges" publicUrl={publicUrl} signedInAs={signedInAs} csrf={csrf}>
      <h1>Be found through your badges</h1>
      <Notice message={notice} />
      <p>
        Companies and schools on BadgeLens can find you only if you tick a box below, and only see your first name, the initial of your last
        name, the place you give and your public badges — never your email address. They write to you through BadgeLens; you decide whether
        to answer. Untick to stop being listed at once.
      </p>
      {pageUrl ? (
        <p>
          Your public page: <a href={pageUrl}>{pageUrl}</a>
        </p>
      ) : null}
      <form method="post" action={`${publicUrl}/profile/opt-ins`} class="form">
        <CsrfField token={csrf} />
        <FormAlert message={error} />
        <div class="field">
          <label class="check">
            <input type="checkbox" name="jobSeeker" value="on" checked={values.jobSeeker} /> Let employers find me as a job seeker
          </label>
          <label class="check">
            <input type="checkbox" name="student" value="on" checked={values.student} /> Let schools find me as a student
          </label>
        </div>
        <Field name="location" label="Where you are (optional)" value={values.location} hint="A town or region, as you want others to read it." />
        <div class="field">
          <label for="wanted">Badges you want to earn</label>
          <select id="wanted" name="wantedBadgeIds" multiple size={Math.min(8, Math.max(3, badges.length))}>
            {badges.map((badge) => (
              <option value={badge.id} selected={values.wantedBadgeIds.includes(badge.id)}>
                {badge.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          Save
        </button>
      </form>
    </EarnerPage>
  );
}

export interface ContactPageProps {
  publicUrl: string;
  csrf: string;
  organisationName: string;
  message: string;
  state: 'sent' | 'answered' | 'ignored';
  action: string;
  signedInAs: { firstName: string };
}

/** The message an organisation sent, with the choice to answer (through BadgeLens) or ignore it. */
export function ContactPage({ publicUrl, csrf, organisationName, message, state, action, signedInAs }: ContactPageProps) {
  return (
    <EarnerPage title={`A message from ${organisationName}`} publicUrl={publicUrl} signedInAs={signedInAs} csrf={csrf}>
      <h1>A message from {organisationName}</h1>
      <blockquote>
        <Prose text={message} />
      </blockquote>
      {state !== 'sent' ? (
        <p>{state === 'answered' ? 'You answered this message.' : 'You ignored this message.'}</p>
      ) : (
        <>
          <form method="post" action={action} class="form">
            <CsrfField token={csrf} />
            <input type="hidden" name="decision" value="answer" />
            <div class="field">
              <label for="answer">Your answer</label>
              <textarea id="answer" name="answer" required maxlength={2000}></textarea>
              <p class="hint">We send it to them with your public name. Add a way to reach you only if you want to.</p>
            </div>
            <button type="submit" class="button">
              Send my answer
            </button>
          </form>
          <form method="post" action={action}>
            <CsrfField token={csrf} />
            <input type="hidden" name="decision" value="ignore" />
            <button type="submit" class="button secondary">
              Ignore it
            </button>
          </form>
        </>
      )}
    </EarnerPage>
  );
}

export interface ManagePageProps {
  publicUrl: string;
  csrf: string;
  signedInAs: { firstName: string };
  organisations: { id: string; kind: 'company' | 'school'; name: string; slug: string; published: boolean; role: 'owner' | 'editor'; items: number }[];
  error?: string | null;
}

/** The organisations the signed-in person manages: publish or hide each, open each to manage its roles or courses and staff, create one. */
export function ManageOrganisationsPage({ publicUrl, csrf, signedInAs, organisations, error }: ManagePageProps) {
  return (
    <EarnerPage title="Your organisations" publicUrl={publicUrl} signedInAs={signedInAs} csrf={csrf}>
      <h1>Your organisations</h1>
      {organisations.length === 0 ? <p class="empty">You manage no company or school yet.</p> : null}
      <ul class="badge-list">
        {organisations.map((organisation) => (
          <li class="badge-item">
            <div>
              <h2>
                <a href={`${publicUrl}/manage/organisations/${organisation.id}`}>{organisation.name}</a>
              </h2>
              <p>
                <span class="state">{organisation.kind}</span>
                <span class="state">{organisation.role}</span>
                <span class="state">{organisation.published ? 'published' : 'private'}</span>
                {organisation.items} {organisation.kind === 'company' ? 'roles' : 'courses'}
              </p>
              <p>
                <a href={`${publicUrl}/manage/organisations/${organisation.id}`}>Manage its {organisation.kind === 'company' ? 'roles' : 'courses'} and staff</a>
                {organisation.published ? (
                  <>
                    {' · '}
                    <a href={`${publicUrl}/organisations/${organisation.slug}`}>Public page</a>
                  </>
                ) : null}
              </p>
              <form method="post" action={`${publicUrl}/manage/organisations/${organisation.id}/publish`}>
                <CsrfField token={csrf} />
                <input type="hidden" name="published" value={organisation.published ? 'no' : 'yes'} />
                <button type="submit" class="button secondary">
                  {organisation.published ? 'Make private' : 'Publish'}
                </button>
              </form>
            </div>
          </li>
        ))}
      </ul>
      <h2>Create a company or a school</h2>
      <form method="post" action={`${publicUrl}/manage/organisations`} class="form">
        <CsrfField token={csrf} />
        <FormAlert message={error} />
        <div class="field">
          <label class="check">
            <input type="radio" name="kind" value="company" checked /> Company
          </label>
          <label class="check">
            <input type="radio" name="kind" value="school" /> School or training provider
          </label>
        </div>
        <Field name="name" label="Name" required />
        <Field name="slug" label="Address of its page" hint="Lower-case letters, digits and hyphens: /organisations/<this>" required />
        <Field name="location" label="Place (optional)" />
        <button type="submit" class="button">
          Create (private until you publish it)
        </button>
      </form>
    </EarnerPage>
  );
}

/** "Online · from 2027-01-10 to 2027-03-01", "In person in Lyon". */
export function CourseWhereAndWhen({ course }: { course: { format: 'online' | 'in_person'; location: string; startsOn: string | null; endsOn: string | null } }) {
  return (
    <p>
      {course.format === 'online' ? 'Online' : `In person in ${course.location}`}
      {course.startsOn ? ` · from ${course.startsOn}` : ''}
      {course.endsOn ? ` to ${course.endsOn}` : ''}
    </p>
  );
}
