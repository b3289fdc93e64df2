export { PythonRandom } from './python-random.js';
