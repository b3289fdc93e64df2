import { InvalidArgumentError } from 'commander';

/** Commander argument parsers: a bad value becomes a usage error (exit 2) naming the option. */

export function numberArg(min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY) {
  return (text: string): number => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value))
      throw new InvalidArgumentError('Not a number.');
    if (value < min || value > max) throw new InvalidArgumentError(rangeText(min, max));
    return value;
  };
}

export function integerArg(min = 0, max = Number.MAX_SAFE_INTEGER) {
  return (text: string): number => {
    const value = Number(text);
    if (!/^[+-]?\d+$/.test(text.trim())) throw new InvalidArgumentError('Not an integer.');
    if (value < min || value > max) throw new InvalidArgumentError(rangeText(min, max));
    return value;
  };
}

/** Repeated `--param key=value`, collected in order. */
export function keyValueArg(text: string, previous: [string, string][] = []): [string, string][] {
  const at = text.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError('Expected key=value.');
  return [...previous, [text.slice(0, at).trim(), text.slice(at + 1).trim()]];
}

function rangeText(min: number, max: number): string {
  if (max === Number.POSITIVE_INFINITY || max === Number.MAX_SAFE_INTEGER)
    return `Must be at least ${min}.`;
  if (min === Number.NEGATIVE_INFINITY) return `Must be at most ${max}.`;
  return `Must be between ${min} and ${max}.`;
}
