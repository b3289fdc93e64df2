import { rocAuc } from '../backtest/index.js';
import { InputError } from '../errors.js';
import { ensembleProbabilities } from '../nn/index.js';
import { membersOf, rowCount } from './saliency.js';
import type {
  Explained,
  FeatureGroup,
  Occlusion,
  OcclusionOptions,
  OcclusionScore,
  OcclusionTable,
} from './types.js';

/** Mean of each column of a row-major matrix: the neutral value of a feature over these rows. */
export function columnMeans(X: ArrayLike<number>, width: number): Float64Array {
  const rows = rowCount(X, width);
  const means = new Float64Array(width);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < width; c++) means[c] += X[r * width + c];
  }
  for (let c = 0; c < width; c++) means[c] = rows > 0 ? means[c] / rows : 0;
  return means;
}

/** Scores of probabilities against labels: AUC over up/down rows, error over labelled rows. */
class LabelScorer {
  private readonly scores: Float64Array;
  private readonly classes: Uint8Array;
  private readonly labelled: Int32Array;
  private readonly ranked: Int32Array;

  constructor(private readonly labels: ArrayLike<number>) {
    const ranked: number[] = [];
    const labelled: number[] = [];
    for (let r = 0; r < labels.length; r++) {
      const y = labels[r];
      if (Number.isNaN(y)) continue;
      labelled.push(r);
      // A 'half' label (0.5) counts in the error but is neither up nor down for the AUC.
      if (y !== 0.5) ranked.push(r);
    }
    this.labelled = Int32Array.from(labelled);
    this.classes = Uint8Array.from(ranked, (r) => (labels[r] > 0.5 ? 1 : 0));
    this.scores = new Float64Array(ranked.length);
    this.ranked = Int32Array.from(ranked);
  }

  auc(p: Float64Array): number | null {
    for (let k = 0; k < this.ranked.length; k++) this.scores[k] = p[this.ranked[k]];
    return this.ranked.length > 0 ? rocAuc(this.scores, this.classes) : null;
  }

  error(p: Float64Array): number | null {
    if (this.labelled.length === 0) return null;
    let sum = 0;
    for (const r of this.labelled) {
      const d = this.labels[r] - p[r];
      sum += d * d;
    }
    return sum / this.labelled.length;
  }
}

function checkGroups(groups: readonly FeatureGroup[], width: number): void {
  for (const group of groups) {
    if (group.columns.length === 0) {
      throw new InputError(`Occlusion group "${group.name}" has no columns.`);
    }
    for (const c of group.columns) {
      if (!Number.isInteger(c) || c < 0 || c >= width) {
        throw new InputError(
          `Occlusion group "${group.name}" names column ${c}; the network has ${width} inputs.`,
        );
      }
    }
  }
}

/**
 * Occlusion sensitivity, as one greys out part of an image and watches the classifier: each
 * group's columns are set to their neutral value in every row, and the ensemble's probabilities
 * are compared with the unoccluded ones — their mean absolute change, and with labels the drop in
 * AUC and the rise in error. `X` holds the network inputs (scaled features), row-major.
 */
export function occlusion(
  explained: Explained,
  X: ArrayLike<number>,
  options: OcclusionOptions = {},
): Occlusion {
  const nets = membersOf(explained);
  const width = nets[0].inputs;
  const rows = rowCount(X, width);
  const inputs = Float64Array.from(X);
  const neutral = options.neutral ?? columnMeans(inputs, width);
  if (neutral.length !== width) {
    throw new InputError(`occlusion needs ${width} neutral values, got ${neutral.length}.`);
  }
  const names = options.columns ?? Array.from({ length: width }, (_, c) => `x${c}`);
  const groups =
    options.groups ?? Array.from({ length: width }, (_, c) => ({ name: names[c], columns: [c] }));
  checkGroups(groups, width);
  if (options.labels !== undefined && options.labels.length !== rows) {
    throw new InputError(`occlusion got ${options.labels.length} labels for ${rows} rows.`);
  }
  const scorer = options.labels === undefined ? null : new LabelScorer(options.labels);

  const base = ensembleProbabilities(nets, inputs, rows);
  const auc = scorer?.auc(base) ?? null;
  const error = scorer?.error(base) ?? null;
  const occluded = Float64Array.from(inputs);
  const probabilities = new Float64Array(rows);
  const scores: OcclusionScore[] = groups.map((group) => {
    for (let r = 0; r < rows; r++) {
      for (const c of group.columns) occluded[r * width + c] = neutral[c];
    }
    ensembleProbabilities(nets, occluded, rows, probabilities);
    for (let r = 0; r < rows; r++) {
      for (const c of group.columns) occluded[r * width + c] = inputs[r * width + c];
    }
    let change = 0;
    for (let r = 0; r < rows; r++) change += Math.abs(probabilities[r] - base[r]);
    const aucWithout = scorer?.auc(probabilities) ?? null;
    const errorWithout = scorer?.error(probabilities) ?? null;
    return {
      name: group.name,
      columns: [...group.columns],
      probabilityChange: rows > 0 ? change / rows : 0,
      aucDrop: auc !== null && aucWithout !== null ? auc - aucWithout : null,
      errorRise: error !== null && errorWithout !== null ? errorWithout - error : null,
    };
  });
  return { rows, auc, error, scores };
}

/** The scores as parallel arrays, in group order. */
export function occlusionTable(result: Occlusion): OcclusionTable {
  return {
    probabilityChange: result.scores.map((s) => s.probabilityChange),
    aucDrop: result.scores.map((s) => s.aucDrop),
    errorRise: result.scores.map((s) => s.errorRise),
  };
}

/** Entry-wise mean of several tables; a null entry is left out of its mean (null if all are). */
export function meanOcclusionTable(tables: readonly OcclusionTable[]): OcclusionTable {
  const mean = (pick: (t: OcclusionTable) => (number | null)[]): (number | null)[] =>
    (tables.length > 0 ? pick(tables[0]) : []).map((_, i) => {
      let sum = 0;
      let count = 0;
      for (const table of tables) {
        const value = pick(table)[i];
        if (value === null) continue;
        sum += value;
        count++;
      }
      return count > 0 ? sum / count : null;
    });
  return {
    probabilityChange: mean((t) => t.probabilityChange).map((v) => v ?? 0),
    aucDrop: mean((t) => t.aucDrop),
    errorRise: mean((t) => t.errorRise),
  };
}
