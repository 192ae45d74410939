// From an upload (CSV text or JSON rows) to checked rows: pure functions, no database.
import type { z } from 'zod';
import { attributeValueFromText, checkAttributeValue, type BadgeAttribute } from '../../../shared/schemas/attributes';
import { BULK_COLUMNS, BULK_MAX_ROWS, BULK_REQUIRED_COLUMNS, bulkRowSchema, type BulkColumn } from '../../../shared/schemas/bulk';
import { CsvSyntaxError, parseCsv } from './csv';
import type { NewBulkRow } from '../db/bulkJobs';
import { withField } from '../http/issueMessages';

/** A row as uploaded: its number (from 1 after the header) and its values by column. */
export interface UploadedRow {
  row: number;
  values: Record<string, unknown>;
  /** A problem with the row's shape found while reading it (wrong number of CSV fields). */
  shapeProblem?: string;
}

/** A row ready to store: its values checked, or the problem that will make it an error (the email as given, trimmed). */
export type CheckedRow = NewBulkRow;

/** The upload as a whole cannot be read: a 400 (or 413 for too many rows) for the client. */
export class BulkUploadError extends Error {
  constructor(
    readonly code: 'invalid_csv' | 'too_many_rows' | 'no_rows',
    message: string,
  ) {
    super(message);
  }
}

const tooMany = (count: number) =>
  new BulkUploadError('too_many_rows', `The upload has ${count} rows; at most ${BULK_MAX_ROWS} rows are taken at once. Split it into several uploads.`);

/** Reads a CSV upload: a header row naming the columns, then one row per record (blank lines are not rows). */
export function rowsFromCsv(text: string): UploadedRow[] {
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new BulkUploadError('invalid_csv', `The CSV cannot be read: ${error.message}.`);
    throw error;
  }
  const [header, ...body] = records;
  if (!header) throw new BulkUploadError('no_rows', 'The CSV is empty: give a header row (email,name and optionally evidence,narrative,expires,attribute) and one row per recipient.');
  const columns = header.fields.map((name) => name.trim().toLowerCase());
  const unknown = columns.filter((name) => !(BULK_COLUMNS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new BulkUploadError('invalid_csv', `Unknown column${unknown.length > 1 ? 's' : ''} in the header row: ${unknown.map((name) => `"${name}"`).join(', ')}. The columns are ${BULK_COLUMNS.join(', ')}.`);
  }
  const repeated = columns.filter((name, index) => columns.indexOf(name) !== index);
  if (repeated.length > 0) throw new BulkUploadError('invalid_csv', `The header row names "${repeated[0]}" twice.`);
  const missing = BULK_REQUIRED_COLUMNS.filter((name) => !columns.includes(name));
  if (missing.length > 0) throw new BulkUploadError('invalid_csv', `The header row lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`);
  if (body.length === 0) throw new BulkUploadError('no_rows', 'The CSV has a header row but no rows.');
  if (body.length > BULK_MAX_ROWS) throw tooMany(body.length);
  return body.map((record, index) => {
    const values: Record<string, unknown> = {};
    columns.forEach((column, position) => (values[column] = record.fields[position] ?? ''));
    const extra = record.fields.slice(columns.length).filter((value) => value.trim() !== '');
    return {
      row: index + 1,
      values,
      ...(extra.length > 0 ? { shapeProblem: `has ${record.fields.length} fields but the header names ${columns.length} columns` } : {}),
    };
  });
}

/** Numbers the rows of a JSON upload (its size is checked by the body schema). */
export function rowsFromJson(rows: Record<string, unknown>[]): UploadedRow[] {
  if (rows.length > BULK_MAX_ROWS) throw tooMany(rows.length);
  return rows.map((values, index) => ({ row: index + 1, values }));
}

function describeIssue(issue: z.core.$ZodIssue, values: Record<string, unknown>): string {
  const column = String(issue.path[0] ?? '');
  const given = values[column];
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  if (given === undefined || (typeof given === 'string' && given.trim() === '')) return `${column} is missing`;
  return withField(column, issue.message);
}

/**
 * Checks every row on its own: a row that fails carries its problem (and is reported as an error), the others their values.
 * `attribute`: the badge class's, which a row's attribute value must fit.
 */
export function checkRows(rows: UploadedRow[], now: Date, attribute: BadgeAttribute | null = null): CheckedRow[] {
  return rows.map(({ row, values, shapeProblem }) => {
    const given = (column: BulkColumn) => (typeof values[column] === 'string' ? (values[column] as string).trim() : '');
    const unchecked: CheckedRow = { row, email: given('email'), name: given('name'), evidenceUrl: null, narrative: null, expires: null, attributeValue: null, problem: null };
    if (shapeProblem) return { ...unchecked, problem: `the row ${shapeProblem}` };
    const parsed = bulkRowSchema.safeParse(values);
    if (!parsed.success) return { ...unchecked, problem: parsed.error.issues.map((issue) => describeIssue(issue, values)).join('; ') };
    const { email, name, evidence, narrative, expires } = parsed.data;
    if (expires !== undefined && Date.parse(expires) <= now.getTime()) return { ...unchecked, problem: 'expires must be in the future' };
    const attributeGiven = parsed.data.attribute;
    const value = checkAttributeValue(attribute, attribute && typeof attributeGiven === 'string' ? attributeValueFromText(attribute.kind, attributeGiven) : attributeGiven);
    if (!value.ok) return { ...unchecked, problem: withField('attribute', value.problem) };
    return {
      row,
      email,
      name,
      evidenceUrl: evidence ?? null,
      narrative: narrative ?? null,
      expires: expires === undefined ? null : new Date(expires).toISOString(),
      attributeValue: value.value,
      problem: null,
    };
  });
}
