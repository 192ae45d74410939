import type Database from 'better-sqlite3';
import { m001Core } from './001-core';
import { m002Earners } from './002-earners';
import { m003Sharing } from './003-sharing';
import { m004CatalogueSearch } from './004-catalogue-search';

export interface Migration {
  name: string;
  up(db: Database.Database): void;
}

/** Ordered: a migration's version is its position (1-based). Append only; never edit a shipped one. */
export const migrations: Migration[] = [m001Core, m002Earners, m003Sharing, m004CatalogueSearch];
