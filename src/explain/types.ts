import type { BPNeuralNetwork } from '../nn/index.js';

/** What is explained: one network, or an ensemble whose outputs are averaged. */
export type Explained = BPNeuralNetwork | readonly BPNeuralNetwork[];

/** Input columns occluded together, e.g. all return lags. */
export interface FeatureGroup {
  name: string;
  /** Column indices into the network's inputs. */
  columns: number[];
}

export interface OcclusionOptions {
  /**
   * Scaled value each occluded column takes (one per column): its neutral value, normally the
   * column's mean over the training rows. Default: the column means of the rows explained.
   */
  neutral?: ArrayLike<number>;
  /** One label per row (1 up, 0 down; NaN unlabelled): adds the AUC and error changes. */
  labels?: ArrayLike<number>;
  /** What to occlude, each entry in turn (default: every column alone). */
  groups?: readonly FeatureGroup[];
  /** Column names, for the default groups' names (default x0, x1, ...). */
  columns?: readonly string[];
}

/** What occluding one group did to the predictions. */
export interface OcclusionScore {
  name: string;
  columns: number[];
  /** Mean |p occluded − p| over the rows: how much the probability leaned on these inputs. */
  probabilityChange: number;
  /** AUC with the inputs minus AUC without (positive: the inputs helped rank the moves). */
  aucDrop: number | null;
  /** Error (mean of (label − p)²) without the inputs minus with them (positive: they helped). */
  errorRise: number | null;
}

export interface Occlusion {
  rows: number;
  /** AUC and error of the unoccluded predictions (null without labels). */
  auc: number | null;
  error: number | null;
  scores: OcclusionScore[];
}

/** Per-feature occlusion scores as parallel arrays (what reports store per window and per run). */
export interface OcclusionTable {
  probabilityChange: number[];
  aucDrop: (number | null)[];
  errorRise: (number | null)[];
}
