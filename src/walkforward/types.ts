import type { FeatureGroup, OcclusionTable } from '../explain/index.js';

/**
 * What the walk-forward records about one training window (all times epoch ms; trainEnd and
 * testEnd are the times of the last training and last test bar, inclusive).
 */
export interface WindowDiagnostics {
  index: number;
  trainStart: number;
  trainEnd: number;
  testStart: number;
  testEnd: number;
  trainRows: number;
  validationRows: number;
  /** Mean squared error, (label − ensemble probability)², over the fitted rows after training. */
  trainError: number;
  /** The same error on the validation slice (null without validation). */
  validationError: number | null;
  epochsRun: number;
  bestEpoch: number;
  millis: number;
  /** Mean |d output / d input| per feature over the window's training rows. */
  importance: number[];
  /**
   * Occlusion on the validation slice (the fitted rows without one), in the order of the run's
   * `occlusion.groups`; each input stood in for by its mean over the fitted rows.
   */
  occlusion: OcclusionTable;
  /** The band this window's threshold search chose (absent with fixed thresholds). */
  thresholds?: { upper: number; lower: number };
  /** With an ensemble: epochs of each member (epochsRun/bestEpoch above are their rounded means). */
  members?: { epochsRun: number; bestEpoch: number }[];
}

// A type, not an interface, so that it is assignable to StrategyDiagnostics (implicit index signature).
export type WalkForwardDiagnostics = {
  /** Declares these the walk-forward's diagnostics: what the report looks for. */
  kind: 'walk-forward';
  features: string[];
  windows: WindowDiagnostics[];
  /** Mean of the windows' importance (saliency), per feature. */
  importance: number[];
  /** What was occluded (every feature, then multi-column features whole) and the windows' means. */
  occlusion: OcclusionTable & { groups: FeatureGroup[] };
  /** The fixed band, or with searched thresholds the last window's (each window's is in `windows`). */
  thresholds: { upper: number; lower: number };
  /** Present when each window searched its band: on its training rows or its validation slice. */
  thresholdRule?: 'train' | 'validation';
  /** Bars embargoed between the last training label and the first test bar. */
  embargo: number;
  /** Number of networks averaged per window. */
  ensemble: number;
  /** Worker threads used. */
  threads: number;
};
