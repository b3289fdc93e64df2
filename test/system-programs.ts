import { accessSync, constants } from 'node:fs';

/**
 * Set (to 1) by `.ci/run`: tests that need a system program fail when it is missing instead of
 * skipping, so CI cannot pass by quietly running nothing.
 */
export const REQUIRE_SYSTEM_TESTS = 'NN_TIMING_REQUIRE_SYSTEM_TESTS';

/**
 * Whether the program at `path` can run here. Missing: prints why the tests that need it are
 * skipped and returns false, or throws when the environment requires system tests.
 */
export function hasSystemProgram(name: string, path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    const reason = `${name} not found at ${path}`;
    if (process.env[REQUIRE_SYSTEM_TESTS] === '1') {
      throw new Error(`${reason}, and ${REQUIRE_SYSTEM_TESTS}=1 requires the tests that use it`);
    }
    console.warn(
      `skipping the ${name} tests: ${reason} (set ${REQUIRE_SYSTEM_TESTS}=1 to require them)`,
    );
    return false;
  }
}
