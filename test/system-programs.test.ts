import { afterEach, describe, expect, it, vi } from 'vitest';
import { hasSystemProgram, REQUIRE_SYSTEM_TESTS } from './system-programs.js';

describe('tests that need a system program', () => {
  const saved = process.env[REQUIRE_SYSTEM_TESTS];
  afterEach(() => {
    if (saved === undefined) delete process.env[REQUIRE_SYSTEM_TESTS];
    else process.env[REQUIRE_SYSTEM_TESTS] = saved;
    vi.restoreAllMocks();
  });

  it('run when the program is there', () => {
    expect(hasSystemProgram('node', process.execPath)).toBe(true);
  });

  it('skip with a printed reason when it is missing', () => {
    delete process.env[REQUIRE_SYSTEM_TESTS];
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(hasSystemProgram('Nothing', '/nonexistent/program')).toBe(false);
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/skipping the Nothing tests: .*\/nonexistent\/program/),
    );
  });

  it('fail when missing and CI requires them', () => {
    process.env[REQUIRE_SYSTEM_TESTS] = '1';
    expect(() => hasSystemProgram('Nothing', '/nonexistent/program')).toThrow(/requires the tests/);
  });
});
