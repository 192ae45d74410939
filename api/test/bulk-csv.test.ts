import { describe, expect, it } from 'vitest';
import { BULK_MAX_ROWS } from '../../shared/schemas/bulk';
import { CsvSyntaxError, parseCsv } from '../src/bulk/csv';
import { BulkUploadError, checkRows, rowsFromCsv, rowsFromJson } from '../src/bulk/rows';

const NOW = new Date('2026-06-01T00:00:00.000Z');
const fields = (text: string) => parseCsv(text).map((record) => record.fields);

describe('parseCsv (RFC 4180)', () => {
  it('splits records on CRLF, LF or CR and fields on commas', () => {
    expect(fields('a,b\r\nc,d\ne,f\rg,h')).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f'], ['g', 'h']]);
  });

  it('reads quoted fields holding commas, line breaks and doubled quotes', () => {
    expect(fields('"Doe, Jane","said ""hi""\r\nthen left",""\n')).toEqual([['Doe, Jane', 'said "hi"\r\nthen left', '']]);
  });

  it('keeps empty fields and spaces, and drops a byte order mark', () => {
    expect(fields('\uFEFFa,,  b ,\n')).toEqual([['a', '', '  b ', '']]);
  });

  it('skips blank lines, but not a line holding one quoted empty field', () => {
    const records = parseCsv('a\n\n\r\nb\n""\n');
    expect(records.map((record) => record.fields)).toEqual([['a'], ['b'], ['']]);
    expect(records.map((record) => record.line)).toEqual([1, 4, 5]);
  });

  it('numbers records by the line they start on, line breaks inside quotes counted', () => {
    expect(parseCsv('h\n"x\ny"\nz').map((record) => record.line)).toEqual([1, 2, 4]);
  });

  it('keeps a quote inside an unquoted field as it is', () => {
    expect(fields('5" pipe,b')).toEqual([['5" pipe', 'b']]);
  });

  it('refuses a quote never closed, and text after a closing quote, naming the line', () => {
    expect(() => parseCsv('a\n"open,b\nc')).toThrow(new CsvSyntaxError('a quoted field is never closed', 2));
    expect(() => parseCsv('"a"b,c')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('"a"b,c')).toThrow(/line 1: text after the closing quote/);
  });

  it('reads an empty text as no records', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\n\n')).toEqual([]);
  });
});

describe('rowsFromCsv', () => {
  it('maps columns by the header (any order and case), numbering rows from 1 after it; blank lines are not rows', () => {
    const rows = rowsFromCsv('Name, EMAIL ,expires\n\nJane,jane@x.example,2030-01-01\n\nJo,jo@x.example,\n');
    expect(rows).toEqual([
      { row: 1, values: { name: 'Jane', email: 'jane@x.example', expires: '2030-01-01' } },
      { row: 2, values: { name: 'Jo', email: 'jo@x.example', expires: '' } },
    ]);
  });

  it('marks a row with more fields than columns, and fills missing trailing fields with blanks', () => {
    const rows = rowsFromCsv('email,name\na@x.example,A,extra\nb@x.example\nc@x.example,C,,\n');
    expect(rows[0].shapeProblem).toBe('has 3 fields but the header names 2 columns');
    expect(rows[1]).toEqual({ row: 2, values: { email: 'b@x.example', name: '' } });
    expect(rows[2].shapeProblem).toBeUndefined();
  });

  it.each([
    ['', 'no_rows', /empty/],
    ['email,name\n', 'no_rows', /no rows/],
    ['email\na@x.example\n', 'invalid_csv', /lacks the column name/],
    ['email,name,phone\n', 'invalid_csv', /Unknown column in the header row: "phone"/],
    ['email,name,Email\n', 'invalid_csv', /names "email" twice/],
    ['email,name\n"a@x.example,A\n', 'invalid_csv', /line 2: a quoted field is never closed/],
  ])('refuses %j as a whole (%s)', (text, code, message) => {
    let caught: unknown;
    try {
      rowsFromCsv(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BulkUploadError);
    expect((caught as BulkUploadError).code).toBe(code);
    expect((caught as BulkUploadError).message).toMatch(message);
  });

  it(`takes ${BULK_MAX_ROWS} rows and refuses one more`, () => {
    const text = (count: number) => 'email,name\n' + 'a@x.example,A\n'.repeat(count);
    expect(rowsFromCsv(text(BULK_MAX_ROWS))).toHaveLength(BULK_MAX_ROWS);
    expect(() => rowsFromCsv(text(BULK_MAX_ROWS + 1))).toThrow(/has 50001 rows; at most 50000/);
  });
});

describe('checkRows', () => {
  it('keeps good rows with their values, blank optional cells absent, a date alone meaning midnight UTC', () => {
    const [row] = checkRows(
      rowsFromJson([{ email: ' Jane@X.example ', name: ' Jane Doe ', evidence: 'https://e.example/1', narrative: '', expires: '2030-01-02' }]),
      NOW,
    );
    expect(row).toEqual({
      row: 1,
      email: 'Jane@X.example',
      name: 'Jane Doe',
      evidenceUrl: 'https://e.example/1',
      narrative: null,
      expires: '2030-01-02T00:00:00.000Z',
      attributeValue: null,
      problem: null,
    });
  });

  it.each([
    ['yearsActive', ' 12 ', 12],
    ['level', ' Gold ', 'Gold'],
    ['volunteer', 'Yes', true],
    ['volunteer', '0', false],
  ] as const)('reads a %s attribute cell %j as %j', (kind, cell, value) => {
    const [row] = checkRows(rowsFromCsv(`email,name,attribute\na@x.example,A,${cell}\n`), NOW, { kind, label: 'L' });
    expect([row.attributeValue, row.problem]).toEqual([value, null]);
  });

  it('refuses an attribute cell for a badge class without an attribute', () => {
    const [row] = checkRows(rowsFromCsv('email,name,attribute\na@x.example,A,12\n'), NOW);
    expect(row.problem).toBe('attribute is not taken: this badge class declares no attribute');
  });

  it('gives each bad row its problem, in words, keeping the email as given', () => {
    const rows = checkRows(
      rowsFromCsv(
        [
          'email,name,evidence,expires',
          'not-an-email,Bad Email,,',
          'ok@x.example,,,',
          ',Nobody,,',
          'late@x.example,Late,,2020-01-01T00:00:00Z',
          'when@x.example,When,,next tuesday',
          'ev@x.example,Ev,ftp://files.example/x,',
          'fine@x.example,Fine,,',
        ].join('\n'),
      ),
      NOW,
    );
    expect(rows.map((row) => [row.row, row.email, row.problem])).toEqual([
      [1, 'not-an-email', 'email must be an email address'],
      [2, 'ok@x.example', 'name is missing'],
      [3, '', 'email is missing'],
      [4, 'late@x.example', 'expires must be in the future'],
      [5, 'when@x.example', 'expires must be a date (2027-06-30: the end of that day in UTC) or an ISO 8601 date-time with a time zone'],
      [6, 'ev@x.example', 'evidence must be an http(s) URL'],
      [7, 'fine@x.example', null],
    ]);
  });

  it('refuses unknown fields and values that are not text in JSON rows', () => {
    const rows = checkRows(rowsFromJson([{ email: 'a@x.example', name: 'A', phone: '1' }, { email: 42, name: 'B' }]), NOW);
    expect(rows[0].problem).toBe('unknown field phone');
    expect(rows[1].problem).toBe('email must be text');
    expect(rows[1].email).toBe('');
  });

  it('reports a CSV row with too many fields', () => {
    const [row] = checkRows(rowsFromCsv('email,name\na@x.example,A,surprise\n'), NOW);
    expect(row.problem).toBe('the row has 3 fields but the header names 2 columns');
  });
});
