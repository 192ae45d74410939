import { sql } from 'kysely';
import type { Migration } from './index';

/**
 * Organisations (companies and schools) with their staff, invitations, roles and courses; the earner's
 * opt-ins to be found as a job seeker or a student, and the badges they want; messages an organisation
 * sends a person through BadgeLens (the person's address is never shown: the secret answers the mail's link).
 * Flags are 0/1 integers on both engines, like every other table.
 */
export const m015OrganisationsMatching: Migration = {
  name: 'organisations, roles, courses, opt-ins and contact messages',
  sqlite(db) {
    db.exec(`
        CREATE TABLE organisations (
          id TEXT PRIMARY KEY,
          kind TEXT NOT NULL CHECK (kind IN ('company', 'school')),
          name TEXT NOT NULL,
          slug TEXT NOT NULL UNIQUE,
          location TEXT NOT NULL DEFAULT '',
          description TEXT NOT NULL DEFAULT '',
          published INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        ) STRICT;

        CREATE TABLE organisation_staff (
          organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
          account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
          role TEXT NOT NULL CHECK (role IN ('owner', 'editor')),
          created_at TEXT NOT NULL,
          PRIMARY KEY (organisation_id, account_id)
        ) STRICT;
        CREATE INDEX organisation_staff_account ON organisation_staff(account_id);

        CREATE TABLE organisation_invitations (
          id TEXT PRIMARY KEY,
          secret_hash TEXT NOT NULL,
          organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
          email TEXT NOT NULL,
          role TEXT NOT NULL CHECK (role IN ('owner', 'editor')),
          invited_by TEXT REFERENCES accounts(id) ON DELETE SET NULL,
          created_at TEXT NOT NULL,
          expires_at TEXT NOT NULL,
          used_at TEXT
        ) STRICT;
        CREATE INDEX organisation_invitations_organisation ON organisation_invitations(organisation_id);

        CREATE TABLE organisation_roles (
          id TEXT PRIMARY KEY,
          organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
          title TEXT NOT NULL,
          location TEXT NOT NULL DEFAULT '',
          posting_url TEXT,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX organisation_roles_organisation ON organisation_roles(organisation_id);

        CREATE TABLE organisation_role_badges (
          role_id TEXT NOT NULL REFERENCES organisation_roles(id) ON DELETE CASCADE,
          badge_class_id TEXT NOT NULL REFERENCES badge_classes(id) ON DELETE CASCADE,
          need TEXT NOT NULL CHECK (need IN ('required', 'preferred')),
          PRIMARY KEY (role_id, badge_class_id)
        ) STRICT;
        CREATE INDEX organisation_role_badges_badge ON organisation_role_badges(badge_class_id);

        CREATE TABLE organisation_courses (
          id TEXT PRIMARY KEY,
          organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
          title TEXT NOT NULL,
          format TEXT NOT NULL CHECK (format IN ('online', 'in_person')),
          location TEXT NOT NULL DEFAULT '',
          starts_on TEXT,
          ends_on TEXT,
          url TEXT,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          CHECK (starts_on IS NULL OR ends_on IS NULL OR starts_on <= ends_on)
        ) STRICT;
        CREATE INDEX organisation_courses_organisation ON organisation_courses(organisation_id);

        CREATE TABLE organisation_course_badges (
          course_id TEXT NOT NULL REFERENCES organisation_courses(id) ON DELETE CASCADE,
          badge_class_id TEXT NOT NULL REFERENCES badge_classes(id) ON DELETE CASCADE,
          PRIMARY KEY (course_id, badge_class_id)
        ) STRICT;
        CREATE INDEX organisation_course_badges_badge ON organisation_course_badges(badge_class_id);

        CREATE TABLE organisation_course_requirements (
          course_id TEXT NOT NULL REFERENCES organisation_courses(id) ON DELETE CASCADE,
          requirement_id TEXT NOT NULL REFERENCES requirements(id) ON DELETE CASCADE,
          PRIMARY KEY (course_id, requirement_id)
        ) STRICT;

        CREATE TABLE earner_opt_ins (
          account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
          public_id TEXT NOT NULL UNIQUE,
          job_seeker INTEGER NOT NULL DEFAULT 0 CHECK (job_seeker IN (0, 1)),
          student INTEGER NOT NULL DEFAULT 0 CHECK (student IN (0, 1)),
          location TEXT NOT NULL DEFAULT '',
          updated_at TEXT NOT NULL
        ) STRICT;

        CREATE TABLE earner_wanted_badges (
          account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
          badge_class_id TEXT NOT NULL REFERENCES badge_classes(id) ON DELETE CASCADE,
          PRIMARY KEY (account_id, badge_class_id)
        ) STRICT;
        CREATE INDEX earner_wanted_badges_badge ON earner_wanted_badges(badge_class_id);

        CREATE TABLE contact_messages (
          id TEXT PRIMARY KEY,
          secret_hash TEXT NOT NULL,
          organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
          sender_account_id TEXT REFERENCES accounts(id) ON DELETE SET NULL,
          recipient_account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
          body TEXT NOT NULL,
          state TEXT NOT NULL DEFAULT 'sent' CHECK (state IN ('sent', 'answered', 'ignored')),
          created_at TEXT NOT NULL,
          decided_at TEXT
        ) STRICT;
        CREATE INDEX contact_messages_recipient ON contact_messages(recipient_account_id);
    `);
  },
  async postgres(db) {
    await sql`
        CREATE TABLE organisations (
          id text PRIMARY KEY,
          kind text NOT NULL CHECK (kind IN ('company', 'school')),
          name text NOT NULL,
          slug text NOT NULL UNIQUE,
          location text NOT NULL DEFAULT '',
          description text NOT NULL DEFAULT '',
          published integer NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
          created_at text NOT NULL,
          updated_at text NOT NULL
        );

        CREATE TABLE organisation_staff (
          organisation_id text NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
          account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
          role text NOT NULL CHECK (role IN ('owner', 'editor')),
          created_at text NOT NULL,
          PRIMARY KEY (organisation_id, account_id)
        );
        CREATE INDEX organisation_staff_account ON organisation_staff(account_id);

        CREATE TABLE organisation_invitations (
          id text PRIMARY KEY,
          secret_hash text NOT NULL,
          organisation_id text NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
          email text NOT NULL,
          role text NOT NULL CHECK (role IN ('owner', 'editor')),
          invited_by text REFERENCES accounts(id) ON DELETE SET NULL,
          created_at text NOT NULL,
          expires_at text NOT NULL,
          used_at text
        );
        CREATE INDEX organisation_invitations_organisation ON organisation_invitations(organisation_id);

        CREATE TABLE organisation_roles (
          id text PRIMARY KEY,
          organisation_id text NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
          title text NOT NULL,
          location text NOT NULL DEFAULT '',
          posting_url text,
          created_at text NOT NULL,
          updated_at text NOT NULL
        );
        CREATE INDEX organisation_roles_organisation ON organisation_roles(organisation_id);

        CREATE TABLE organisation_role_badges (
          role_id text NOT NULL REFERENCES organisation_roles(id) ON DELETE CASCADE,
          badge_class_id text NOT NULL REFERENCES badge_classes(id) ON DELETE CASCADE,
          need text NOT NULL CHECK (need IN ('required', 'preferred')),
          PRIMARY KEY (role_id, badge_class_id)
        );
        CREATE INDEX organisation_role_badges_badge ON organisation_role_badges(badge_class_id);

        CREATE TABLE organisation_courses (
          id text PRIMARY KEY,
          organisation_id text NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
          title text NOT NULL,
          format text NOT NULL CHECK (format IN ('online', 'in_person')),
          location text NOT NULL DEFAULT '',
          starts_on text,
          ends_on text,
          url text,
          created_at text NOT NULL,
          updated_at text NOT NULL,
          CHECK (starts_on IS NULL OR ends_on IS NULL OR starts_on <= ends_on)
        );
        CREATE INDEX organisation_courses_organisation ON organisation_courses(organisation_id);

        CREATE TABLE organisation_course_badges (
          course_id text NOT NULL REFERENCES organisation_courses(id) ON DELETE CASCADE,
          badge_class_id text NOT NULL REFERENCES badge_classes(id) ON DELETE CASCADE,
          PRIMARY KEY (course_id, badge_class_id)
        );
        CREATE INDEX organisation_course_badges_badge ON organisation_course_badges(badge_class_id);

        CREATE TABLE organisation_course_requirements (
          course_id text NOT NULL REFERENCES organisation_courses(id) ON DELETE CASCADE,
          requirement_id text NOT NULL REFERENCES requirements(id) ON DELETE CASCADE,
          PRIMARY KEY (course_id, requirement_id)
        );

        CREATE TABLE earner_opt_ins (
          account_id text PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
          public_id text NOT NULL UNIQUE,
          job_seeker integer NOT NULL DEFAULT 0 CHECK (job_seeker IN (0, 1)),
          student integer NOT NULL DEFAULT 0 CHECK (student IN (0, 1)),
          location text NOT NULL DEFAULT '',
          updated_at text NOT NULL
        );

        CREATE TABLE earner_wanted_badges (
          account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
          badge_class_id text NOT NULL REFERENCES badge_classes(id) ON DELETE CASCADE,
          PRIMARY KEY (account_id, badge_class_id)
        );
        CREATE INDEX earner_wanted_badges_badge ON earner_wanted_badges(badge_class_id);

        CREATE TABLE contact_messages (
          id text PRIMARY KEY,
          secret_hash text NOT NULL,
          organisation_id text NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
          sender_account_id text REFERENCES accounts(id) ON DELETE SET NULL,
          recipient_account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
          body text NOT NULL,
          state text NOT NULL DEFAULT 'sent' CHECK (state IN ('sent', 'answered', 'ignored')),
          created_at text NOT NULL,
          decided_at text
        );
        CREATE INDEX contact_messages_recipient ON contact_messages(recipient_account_id);
    `.execute(db);
  },
};
