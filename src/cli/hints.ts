/**
 * The library's hints name its options (`missing: 'drop'`, `dateFormat: 'X'`, `the columns
 * option`); on the command line the same hint names the flag (`--missing drop`,
 * `--date-format X`, `--columns`). Only the loader options the CLI has flags for are rewritten.
 */
const FLAGS: Record<string, string> = {
  missing: '--missing',
  invalid: '--invalid',
  dateFormat: '--date-format',
  symbol: '--symbol',
  columns: '--columns',
};
const KEYS = Object.keys(FLAGS).join('|');

/** A value as the shell needs it: quoted when it holds a space or a shell character. */
function shellWord(value: string): string {
  return /^[\w.:/,+-]+$/.test(value) ? value : `'${value}'`;
}

export function inCliSyntax(message: string): string {
  return (
    message
      // columns: ['Date', 'Open'] -> --columns Date,Open
      .replace(
        /\bcolumns: \[([^\]]*)\]/g,
        (_, list: string) =>
          `--columns ${shellWord(list.replace(/'/g, '').replace(/\s*,\s*/g, ','))}`,
      )
      // missing: 'drop' or 'ffill' -> --missing drop or --missing ffill
      .replace(
        new RegExp(`\\b(${KEYS}): '([^']*)' or '([^']*)'`, 'g'),
        (_, key: string, a: string, b: string) =>
          `${FLAGS[key]} ${shellWord(a)} or ${FLAGS[key]} ${shellWord(b)}`,
      )
      // dateFormat: 'DD.MM.YYYY' -> --date-format DD.MM.YYYY
      .replace(
        new RegExp(`\\b(${KEYS}): '([^']*)'`, 'g'),
        (_, key: string, value: string) => `${FLAGS[key]} ${shellWord(value)}`,
      )
      // "pass dateFormat, e.g." / "the columns option" / "dateFormat 'x' has ..."
      .replace(new RegExp(`\\bthe (${KEYS}) option\\b`, 'g'), (_, key: string) => FLAGS[key])
      .replace(new RegExp(`\\bpass (${KEYS})\\b`, 'g'), (_, key: string) => `pass ${FLAGS[key]}`)
      .replace(/(^|: )dateFormat '/g, "$1--date-format '")
      .replace(' or use loadAllSymbols', '')
  );
}
