/** a / b rounded to two decimals: the ratios in results.json and the tables. */
export function ratio(a: number, b: number): number {
  return Math.round((a / b) * 100) / 100;
}

/** A number with about three significant digits and a k/M/G suffix, e.g. 1.23M. */
export function compact(value: number): string {
  const units: [number, string][] = [
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [scale, suffix] of units) {
    if (Math.abs(value) >= scale) return `${significant(value / scale)}${suffix}`;
  }
  return significant(value);
}

/** Three significant digits, without exponent notation. */
export function significant(value: number): string {
  if (value === 0 || !Number.isFinite(value)) return String(value);
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value))));
  return value.toFixed(Math.min(digits, 6));
}

/** A plain-text table with a header rule; numeric-looking cells align right. */
export function renderTable(headers: readonly string[], rows: readonly string[][]): string {
  const widths = headers.map((header, c) =>
    Math.max(header.length, ...rows.map((row) => (row[c] ?? '').length)),
  );
  const numeric = /^[-+]?[\d.,]+(?:[kMG%x]|\/s| ?MB| ?s| ?ms)?$/;
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => (numeric.test(cell) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
