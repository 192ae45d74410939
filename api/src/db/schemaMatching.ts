import type { ColumnType } from 'kysely';

/** 0 or 1; defaults to 0 on insert. */
type Flag = ColumnType<number, number | undefined, number>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export type OrganisationKind = 'company' | 'school';
export type StaffRole = 'owner' | 'editor';
export type CourseFormat = 'online' | 'in_person';
export type ContactState = 'sent' | 'answered' | 'ignored';

/** The tables of organisations, matching and contact (migration 015), part of `Database`. */
export interface MatchingTables {
  organisations: OrganisationsTable;
  organisation_staff: OrganisationStaffTable;
  organisation_invitations: OrganisationInvitationsTable;
  organisation_roles: OrganisationRolesTable;
  organisation_role_badges: OrganisationRoleBadgesTable;
  organisation_courses: OrganisationCoursesTable;
  organisation_course_badges: OrganisationCourseBadgesTable;
  organisation_course_requirements: OrganisationCourseRequirementsTable;
  earner_opt_ins: EarnerOptInsTable;
  earner_wanted_badges: EarnerWantedBadgesTable;
  contact_messages: ContactMessagesTable;
}

export interface OrganisationsTable {
  id: string;
  kind: OrganisationKind;
  name: string;
  slug: string;
  location: Defaulted<string>;
  description: Defaulted<string>;
  /** Unpublished organisations are seen by their staff only. */
  published: Flag;
  created_at: string;
  updated_at: string;
}

export interface OrganisationStaffTable {
  organisation_id: string;
  account_id: string;
  role: StaffRole;
  created_at: string;
}

/** A one-time invitation link (secret kept as a hash, like one_time_tokens). */
export interface OrganisationInvitationsTable {
  id: string;
  secret_hash: string;
  organisation_id: string;
  email: string;
  role: StaffRole;
  invited_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface OrganisationRolesTable {
  id: string;
  organisation_id: string;
  title: string;
  location: Defaulted<string>;
  posting_url: string | null;
  created_at: string;
  updated_at: string;
}

export interface OrganisationRoleBadgesTable {
  role_id: string;
  badge_class_id: string;
  need: 'required' | 'preferred';
}

export interface OrganisationCoursesTable {
  id: string;
  organisation_id: string;
  title: string;
  format: CourseFormat;
  location: Defaulted<string>;
  /** YYYY-MM-DD */
  starts_on: string | null;
  ends_on: string | null;
  url: string | null;
  created_at: string;
  updated_at: string;
}

export interface OrganisationCourseBadgesTable {
  course_id: string;
  badge_class_id: string;
}

/** Requirements (options of the badges the course prepares for) that the course completes. */
export interface OrganisationCourseRequirementsTable {
  course_id: string;
  requirement_id: string;
}

/** Present once the earner saved their choices; a person is listed only while a flag is 1. */
export interface EarnerOptInsTable {
  account_id: string;
  /** The id of the person's public page (never the account id). */
  public_id: string;
  job_seeker: Flag;
  student: Flag;
  location: Defaulted<string>;
  updated_at: string;
}

export interface EarnerWantedBadgesTable {
  account_id: string;
  badge_class_id: string;
}

export interface ContactMessagesTable {
  id: string;
  secret_hash: string;
  organisation_id: string;
  sender_account_id: string | null;
  recipient_account_id: string;
  body: string;
  state: Defaulted<ContactState>;
  created_at: string;
  decided_at: string | null;
}
