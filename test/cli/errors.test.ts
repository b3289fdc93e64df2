import { CommanderError, InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { describeError, exitCodeFor } from '../../src/cli/errors.js';
import { InputError, PriceDataError } from '../../src/errors.js';

describe('exit codes', () => {
  it('maps user-caused problems to 2 and everything else to 1', () => {
    expect(exitCodeFor(new InputError('bad'))).toBe(2);
    expect(exitCodeFor(new PriceDataError('a.csv', 3, 'high below low'))).toBe(2);
    expect(exitCodeFor(new InvalidArgumentError('Not a number.'))).toBe(2);
    expect(
      exitCodeFor(new CommanderError(1, 'commander.unknownOption', "error: unknown option '--x'")),
    ).toBe(2);
    expect(exitCodeFor(new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)'))).toBe(0);
    expect(
      exitCodeFor(
        Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT', path: 'x.csv' }),
      ),
    ).toBe(2);
    expect(exitCodeFor(new RangeError('index out of range'))).toBe(1);
    expect(exitCodeFor('thrown text')).toBe(1);
  });
});

describe('error lines', () => {
  it('is one line prefixed with the tool name; the stack only when debugging', () => {
    const located = new PriceDataError('a.csv', 3, 'high below low');
    expect(describeError(located, false)).toBe('nn-timing: a.csv:3: high below low');
    expect(
      describeError(
        new CommanderError(1, 'x', "error: unknown command 'bactest'\n(Did you mean backtest?)"),
        false,
      ),
    ).toBe("nn-timing: unknown command 'bactest' (Did you mean backtest?)");
    expect(
      describeError(Object.assign(new Error('ENOENT'), { code: 'ENOENT', path: 'm.json' }), false),
    ).toBe('nn-timing: cannot read m.json: no such file or folder');
    const failure = new TypeError('x is not a function');
    expect(describeError(failure, false)).toBe('nn-timing: TypeError: x is not a function');
    const debug = describeError(failure, true).split('\n');
    expect(debug[0]).toBe('nn-timing: TypeError: x is not a function');
    expect(debug[1]).toBe('TypeError: x is not a function');
    expect(debug.length).toBeGreaterThan(2);
  });
});
