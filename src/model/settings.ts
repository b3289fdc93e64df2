import { booleanSetting, textSetting } from '../settings/index.js';

/** The model file a command reads (`predict`, `explain`) or writes (`train`). */
export const MODEL_FILE_SETTINGS = {
  model: textSetting({
    flag: '-m, --model',
    arg: '<file>',
    required: true,
    help: 'model JSON file',
  }),
  out: textSetting({
    flag: '-o, --out',
    arg: '<file>',
    required: true,
    help: 'model file to write, e.g. model.json',
  }),
};

/** How a saved model's probabilities become signals: `predictWithModel`'s options and `predict`'s flags. */
export const PREDICT_SETTINGS = {
  /** The command's alone: what it prints. */
  all: booleanSetting({ help: 'print the signal at every bar, not only the latest' }),
  allowShort: booleanSetting({ help: 'below the lower threshold go short instead of flat' }),
};
