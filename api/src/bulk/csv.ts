// A small RFC 4180 reader for the bulk-issuing upload: fields separated by commas, records by CRLF or LF,
// fields in double quotes may hold commas, line breaks and doubled quotes (""). Lenient where spreadsheets
// are: a UTF-8 byte order mark is dropped, a lone CR ends a record, a quote inside an unquoted field is
// kept as it is, and blank lines are no records.

export interface CsvRecord {
  /** The line the record starts on (1-based), for messages. */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

/** Every non-blank record of `text`, in order. Throws CsvSyntaxError for a quote left open or text after a closing quote. */
export function parseCsv(text: string): CsvRecord[] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const endField = () => {
    fields.push(field);
    field = '';
    quoted = false;
  };
  const endRecord = () => {
    const blank = fields.length === 0 && field === '' && !quoted;
    endField();
    if (!blank) records.push({ line: recordLine, fields });
    fields = [];
  };
  let i = 0;
  while (i < input.length) {
    const char = input[i];
    if (char === '"' && field === '' && !quoted) {
      quoted = true;
      const openedOn = line;
      i++;
      for (;;) {
        if (i >= input.length) throw new CsvSyntaxError('a quoted field is never closed', openedOn);
        const inner = input[i];
        if (inner === '"') {
          if (input[i + 1] !== '"') break;
          field += '"';
          i += 2;
          continue;
        }
        if (inner === '\n' || (inner === '\r' && input[i + 1] !== '\n')) line++;
        field += inner;
        i++;
      }
      i++;
      const next = input[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new CsvSyntaxError('text after the closing quote of a field (write a quote inside a quoted field as "")', line);
      }
    } else if (char === ',') {
      endField();
      i++;
    } else if (char === '\n' || char === '\r') {
      endRecord();
      i += char === '\r' && input[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      field += char;
      i++;
    }
  }
  if (field !== '' || quoted || fields.length > 0) endRecord();
  return records;
}
