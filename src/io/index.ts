export { clientScript, OFFLINE_PAGE_POLICY } from './client-script.js';
export { CsvBytes } from './csv-bytes.js';
export { isoTimeFormatter } from './iso-time.js';
export { checkFolderWritable, lockRunFolder, writeFolderAtomic } from './run-folder.js';
export { rebuildThreadError, type ThreadFailure, workerEntry } from './worker-thread.js';
export { writeFileAtomic } from './write-atomic.js';
export { chunked, writeTextAtomic } from './write-text.js';
