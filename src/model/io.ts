import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../io/index.js';
import type { SavedModel } from './types.js';
import { validateSavedModel } from './validate.js';

/** Writes the model as indented JSON, atomically (a reader never sees half a model). */
export function saveModel(path: string, model: SavedModel): void {
  writeFileAtomic(path, `${JSON.stringify(model, null, 2)}\n`);
}

/** Reads and checks a model file; problems name the file. */
export function loadModel(path: string): SavedModel {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`Cannot read model file ${path}: ${(error as Error).message}`);
  }
  try {
    return validateSavedModel(text);
  } catch (error) {
    if (error instanceof InputError) throw new InputError(`${path}: ${error.message}`);
    throw error;
  }
}
