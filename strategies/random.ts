import { InputError } from '../src/errors.js';
import { PythonRandom } from '../src/random/index.js';
import { defineStrategy } from '../src/strategy-contract/index.js';

/** The parameters of random, resolved (see its `params` for meaning and limits). */
export interface RandomParams extends Record<string, unknown> {
  exposure: number;
  holding: number;
}

/** Chance of entering from flat that gives the wanted long-run exposure. */
function entryChance(exposure: number, holding: number): number {
  if (exposure >= 1) return 1;
  return exposure / (1 - exposure) / holding;
}

/**
 * A null model: seeded coin flips that are long about `exposure` of the time in spells of
 * `holding` bars on average (a two-state Markov chain). Any "edge" it shows is luck, which is
 * what a timing strategy's edge has to beat.
 */
export const random = defineStrategy<RandomParams>({
  name: 'random',
  description:
    'Null model: seeded random long/flat spells, long about `exposure` of the time with an average holding period of `holding` bars.',
  params: {
    exposure: {
      type: 'number',
      default: 0.5,
      min: 0,
      max: 1,
      description: 'Long-run fraction of bars spent long.',
    },
    holding: {
      type: 'number',
      default: 10,
      min: 1,
      description: 'Mean length of a long spell in bars (exits with chance 1/holding per bar).',
    },
  },
  validate({ exposure, holding }) {
    if (entryChance(exposure, holding) > 1) {
      throw new InputError(
        `random: exposure ${exposure} with holding ${holding} would need flat spells shorter than one bar; raise holding to at least ${Math.ceil(exposure / (1 - exposure))} or lower exposure.`,
      );
    }
  },
  warmup: () => 0,
  run(series, { exposure, holding }, { seed }) {
    const bars = series.time.length;
    const rng = new PythonRandom(seed);
    const exit = exposure >= 1 ? 0 : 1 / holding;
    const enter = entryChance(exposure, holding);
    const positions = new Float64Array(bars);
    let long = rng.random() < exposure;
    for (let t = 0; t < bars; t++) {
      if (t > 0) long = long ? rng.random() >= exit : rng.random() < enter;
      positions[t] = long ? 1 : 0;
    }
    return { positions };
  },
});
