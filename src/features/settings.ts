import { textSetting } from '../settings/index.js';

/**
 * The feature spec and matrix file of `nn-timing features` (`train` reads the spec too, as
 * nn-timing's `features` parameter).
 */
export const FEATURE_SETTINGS = {
  out: textSetting({
    flag: '-o, --out',
    arg: '<file>',
    help: 'CSV file to write',
    defaultText: 'stdout',
  }),
  spec: textSetting({
    arg: '<file|json>',
    help: 'feature spec: a JSON file or inline JSON array',
    defaultText: 'the built-in spec',
  }),
};
