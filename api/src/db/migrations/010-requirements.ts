import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { randomId } from '../../lib/crypto';
import type { Migration } from './index';

/**
 * Requirements become shared objects of their issuer (docs/api.md, "Requirements and completions"):
 * - requirements: one per issuer, title and URL ('' when none: the pair is unique, so that inline
 *   requirements are reused by title and URL, even by two requests at the same moment).
 * - badge_class_requirements: the options of a badge class ("complete any one of these"), in order.
 * - requirement_completions: who completed what (one row per requirement and address).
 * The inline requirements of every badge class become requirement objects here; badge_classes.requirements
 * stays, now holding the options with their ids (a copy kept in step by db/requirements.ts, which pages and
 * Open Badges documents read).
 */
export const m010Requirements: Migration = {
  name: 'requirements: shared requirement objects, badge class options, completions',
  sqlite(db) {
    db.exec(`
      CREATE TABLE requirements (
        id TEXT PRIMARY KEY,
        issuer_id TEXT NOT NULL REFERENCES issuers(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('course', 'seminar', 'quiz', 'conference', 'other')),
        title TEXT NOT NULL,
        url TEXT NOT NULL DEFAULT '',
        provider TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (issuer_id, title, url)
      ) STRICT;

      CREATE TABLE badge_class_requirements (
        badge_class_id TEXT NOT NULL REFERENCES badge_classes(id) ON DELETE CASCADE,
        requirement_id TEXT NOT NULL REFERENCES requirements(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        PRIMARY KEY (badge_class_id, requirement_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX badge_class_requirements_requirement ON badge_class_requirements(requirement_id);

      CREATE TABLE requirement_completions (
        requirement_id TEXT NOT NULL REFERENCES requirements(id) ON DELETE CASCADE,
        recipient_email TEXT NOT NULL,
        recipient_name TEXT NOT NULL,
        completed_on TEXT NOT NULL,
        evidence_url TEXT,
        created_at TEXT NOT NULL,
        PRIMARY KEY (requirement_id, recipient_email)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX requirement_completions_email ON requirement_completions(recipient_email);
    `);
    upgradeInlineRequirementsSqlite(db);
  },
  async postgres(db) {
    await sql`
      CREATE TABLE requirements (
        id text PRIMARY KEY,
        issuer_id text NOT NULL REFERENCES issuers(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('course', 'seminar', 'quiz', 'conference', 'other')),
        title text NOT NULL,
        url text NOT NULL DEFAULT '',
        provider text,
        created_at text NOT NULL,
        updated_at text NOT NULL,
        UNIQUE (issuer_id, title, url)
      );

      CREATE TABLE badge_class_requirements (
        badge_class_id text NOT NULL REFERENCES badge_classes(id) ON DELETE CASCADE,
        requirement_id text NOT NULL REFERENCES requirements(id) ON DELETE CASCADE,
        position integer NOT NULL,
        PRIMARY KEY (badge_class_id, requirement_id)
      );
      CREATE INDEX badge_class_requirements_requirement ON badge_class_requirements(requirement_id);

      CREATE TABLE requirement_completions (
        requirement_id text NOT NULL REFERENCES requirements(id) ON DELETE CASCADE,
        recipient_email text NOT NULL,
        recipient_name text NOT NULL,
        completed_on text NOT NULL,
        evidence_url text,
        created_at text NOT NULL,
        PRIMARY KEY (requirement_id, recipient_email)
      );
      CREATE INDEX requirement_completions_email ON requirement_completions(recipient_email);
    `.execute(db);
    await upgradeInlineRequirementsPostgres(db);
  },
};

interface OldBadgeClass {
  id: string;
  issuer_id: string;
  requirements: string;
  created_at: string;
}

interface InlineRequirement {
  kind: string;
  title: string;
  url?: string;
}

/** The options a badge class lists, in order, each once, with the requirement id its title and URL map to. */
function planUpgrade(badgeClass: OldBadgeClass, idFor: (requirement: InlineRequirement) => string) {
  const inline = JSON.parse(badgeClass.requirements) as InlineRequirement[];
  const options: { id: string; kind: string; title: string; url?: string }[] = [];
  for (const requirement of inline) {
    const id = idFor(requirement);
    if (options.some((option) => option.id === id)) continue;
    options.push({ id, kind: requirement.kind, title: requirement.title, ...(requirement.url ? { url: requirement.url } : {}) });
  }
  return options;
}

const matchKey = (issuerId: string, requirement: InlineRequirement) => JSON.stringify([issuerId, requirement.title, requirement.url ?? '']);

function upgradeInlineRequirementsSqlite(db: BetterSqlite3.Database): void {
  const badgeClasses = db.prepare('SELECT id, issuer_id, requirements, created_at FROM badge_classes ORDER BY created_at, id').all() as OldBadgeClass[];
  const insertRequirement = db.prepare('INSERT INTO requirements (id, issuer_id, kind, title, url, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertOption = db.prepare('INSERT INTO badge_class_requirements (badge_class_id, requirement_id, position) VALUES (?, ?, ?)');
  const rewrite = db.prepare('UPDATE badge_classes SET requirements = ? WHERE id = ?');
  const ids = new Map<string, string>();
  for (const badgeClass of badgeClasses) {
    const options = planUpgrade(badgeClass, (requirement) => {
      const key = matchKey(badgeClass.issuer_id, requirement);
      let id = ids.get(key);
      if (!id) {
        id = randomId(12);
        ids.set(key, id);
        insertRequirement.run(id, badgeClass.issuer_id, requirement.kind, requirement.title, requirement.url ?? '', badgeClass.created_at, badgeClass.created_at);
      }
      return id;
    });
    options.forEach((option, position) => insertOption.run(badgeClass.id, option.id, position));
    rewrite.run(JSON.stringify(options), badgeClass.id);
  }
}

async function upgradeInlineRequirementsPostgres(db: Kysely<any>): Promise<void> {
  const { rows: badgeClasses } = await sql<OldBadgeClass>`SELECT id, issuer_id, requirements, created_at FROM badge_classes ORDER BY created_at, id`.execute(db);
  const ids = new Map<string, string>();
  for (const badgeClass of badgeClasses) {
    const created: { id: string; requirement: InlineRequirement }[] = [];
    const options = planUpgrade(badgeClass, (requirement) => {
      const key = matchKey(badgeClass.issuer_id, requirement);
      let id = ids.get(key);
      if (!id) {
        id = randomId(12);
        ids.set(key, id);
        created.push({ id, requirement });
      }
      return id;
    });
    for (const { id, requirement } of created) {
      await sql`INSERT INTO requirements (id, issuer_id, kind, title, url, created_at, updated_at)
        VALUES (${id}, ${badgeClass.issuer_id}, ${requirement.kind}, ${requirement.title}, ${requirement.url ?? ''}, ${badgeClass.created_at}, ${badgeClass.created_at})`.execute(db);
    }
    for (const [position, option] of options.entries()) {
      await sql`INSERT INTO badge_class_requirements (badge_class_id, requirement_id, position) VALUES (${badgeClass.id}, ${option.id}, ${position})`.execute(db);
    }
    await sql`UPDATE badge_classes SET requirements = ${JSON.stringify(options)} WHERE id = ${badgeClass.id}`.execute(db);
  }
}
