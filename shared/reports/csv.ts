// CSV that Excel opens as it should: UTF-8 with a BOM (else Japanese turns to mojibake), CRLF,
// every cell quoted, and a cell a spreadsheet would run as a formula (= + - @, tab, CR) neutralised
// with a leading apostrophe (OWASP "CSV injection"): member data and names come from outside.

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function toExcelCsv(rows: readonly (readonly string[])[]): string {
  return '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
