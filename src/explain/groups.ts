import type { FeatureSpec } from '../features/index.js';
import { defColumns } from '../features/index.js';
import type { FeatureGroup } from './types.js';

/**
 * What reports occlude: every input column alone, then each feature of the spec that gives
 * several columns as one group named after its kind (e.g. "returns" = all return lags), so a
 * signal spread over correlated columns still shows when each alone can be stood in for.
 */
export function occlusionGroups(spec: FeatureSpec): FeatureGroup[] {
  const columns = spec.map(defColumns);
  const singles = columns.flat().map((name, c) => ({ name, columns: [c] }));
  const groups: FeatureGroup[] = [];
  const kinds = spec.map((def) => def.kind);
  let first = 0;
  spec.forEach((def, i) => {
    const width = columns[i].length;
    if (width > 1) {
      // A kind used twice is told apart by its position in the spec.
      const repeated = kinds.indexOf(def.kind) !== kinds.lastIndexOf(def.kind);
      groups.push({
        name: repeated ? `${def.kind} #${i + 1} (all)` : `${def.kind} (all)`,
        columns: Array.from({ length: width }, (_, k) => first + k),
      });
    }
    first += width;
  });
  return [...singles, ...groups];
}
