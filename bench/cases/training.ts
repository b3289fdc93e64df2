import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../src/io/index.js';
import { BPNeuralNetwork } from '../../src/nn/index.js';
import { PythonRandom } from '../../src/random/index.js';
import type { BenchCase, BenchContext } from '../context.js';
import { ratio } from '../format.js';
import { type CaseResult, perSecond, summarise, type Timing, timeInterleaved } from '../harness.js';
import { flatNet, trainFlat } from '../reference/flat-bpnn.js';

const LEARNING_RATE = 0.05;
const MOMENTUM = 0.1;
const WEIGHT_SEED = 0;
/**
 * Interleaved rounds of network vs reference, whatever --quick says: the ratio target is judged on
 * their medians, which needs at least 7 rounds on a busy machine.
 */
const RATIO_ROUNDS = 9;

interface Task {
  size: string;
  inputs: number;
  hidden: number;
  X: Float64Array;
  Y: Float64Array;
  rows: number;
  epochs: number;
  /** The network API timed: `fit` (everyday use) or the seed's `train`. */
  api: 'fit' | 'train';
  /** Fewer epochs for the seed's Python, which is far slower; samples/s is what is compared. */
  pythonEpochs: number;
}

/**
 * 5,000 rows of `inputs` values in [0, 1) with a learnable 0/1 label: 16 inputs (the indicator
 * feature set) or 5 (the default features, nn-timing's 5-10-1 network).
 */
function learnableTask(inputs: number): Task {
  const rows = 5000;
  const rng = new PythonRandom(5);
  const X = new Float64Array(rows * inputs);
  const Y = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < inputs; c++) X[r * inputs + c] = rng.random();
    Y[r] = X[r * inputs] + 0.5 * X[r * inputs + 1] > 0.75 ? 1 : 0;
  }
  return {
    size: `${inputs}-10-1`,
    inputs,
    hidden: 10,
    X,
    Y,
    rows,
    epochs: 50,
    api: 'fit',
    pythonEpochs: 2,
  };
}

/** The seed's own test: XOR on a 2-5-1 network, 10,000 epochs of its four cases. */
function xorTask(): Task {
  return {
    size: '2-5-1 XOR',
    inputs: 2,
    hidden: 5,
    X: Float64Array.of(0, 0, 0, 1, 1, 0, 1, 1),
    Y: Float64Array.of(0, 1, 1, 0),
    rows: 4,
    epochs: 10_000,
    api: 'train',
    pythonEpochs: 2500,
  };
}

function trainNetwork(task: Task): BPNeuralNetwork {
  const net = new BPNeuralNetwork({ inputs: task.inputs, hidden: task.hidden, seed: WEIGHT_SEED });
  if (task.api === 'fit') {
    net.fit(task.X, task.Y, {
      epochs: task.epochs,
      learningRate: LEARNING_RATE,
      momentum: MOMENTUM,
      shuffle: false,
    });
  } else {
    net.train(task.X, task.Y, task.epochs, LEARNING_RATE, MOMENTUM);
  }
  return net;
}

/** The reference starts from the network's own initial weights, so both do identical arithmetic. */
function trainReference(task: Task, initial: { inputWeights: number[]; outputWeights: number[] }) {
  const net = flatNet(task.inputs, task.hidden, 1, initial.inputWeights, initial.outputWeights);
  trainFlat(net, task.X, task.Y, task.rows, task.epochs, LEARNING_RATE, MOMENTUM);
  return net;
}

function sameBits(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} failed: ${stderr || error.message}`));
      else resolve(stdout);
    });
  });
}

/** The seed's Python on the same task, or why it could not run. */
async function timePython(
  context: BenchContext,
  task: Task,
): Promise<{ timing: Timing } | { skipped: string }> {
  const seedFile = join(context.root, '..', 'shared', 'seed', 'seed_bpnn.py');
  if (!existsSync(seedFile)) return { skipped: `no ${seedFile}` };
  try {
    await run('python3', ['--version']);
  } catch {
    return { skipped: 'python3 not found' };
  }
  const folder = mkdtempSync(join(tmpdir(), 'nn-timing-bench-'));
  try {
    const taskFile = join(folder, 'task.json');
    const rowsOf = (values: Float64Array, width: number) =>
      Array.from({ length: task.rows }, (_, r) =>
        Array.from(values.subarray(r * width, (r + 1) * width)),
      );
    const payload = {
      cases: rowsOf(task.X, task.inputs),
      labels: rowsOf(task.Y, 1),
      inputs: task.inputs,
      hidden: task.hidden,
      outputs: 1,
      epochs: task.pythonEpochs,
      runs: context.runs,
      warmups: context.warmups,
    };
    writeFileAtomic(taskFile, JSON.stringify(payload));
    const driver = join(context.root, 'bench', 'python', 'seed_bpnn_bench.py');
    const output = await run('python3', [driver, seedFile, taskFile]);
    const { seconds } = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as {
      seconds: number[];
    };
    return { timing: summarise(seconds.map((s) => s * 1000)) };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function benchTask(context: BenchContext, task: Task): Promise<CaseResult[]> {
  const initial = new BPNeuralNetwork({
    inputs: task.inputs,
    hidden: task.hidden,
    seed: WEIGHT_SEED,
  }).toJSON();
  const network = `BPNeuralNetwork.${task.api}`;
  const reference = 'flat reference loop';
  context.log(
    `training ${task.size}: ${network} and ${reference}, ${RATIO_ROUNDS} interleaved rounds`,
  );
  // Process CPU time: it leaves out the time other processes held the cores.
  const timings = await timeInterleaved(
    {
      [network]: () => trainNetwork(task),
      [reference]: () => trainReference(task, initial),
    },
    RATIO_ROUNDS,
    context.warmups,
    'cpu',
  );
  const trained = trainNetwork(task).toJSON();
  const referenceNet = trainReference(task, initial);
  const identical =
    sameBits(trained.inputWeights, referenceNet.wi) &&
    sameBits(trained.outputWeights, referenceNet.wo);
  const samples = task.rows * task.epochs;
  const results: CaseResult[] = [network, reference].map((contender) => ({
    name: 'training',
    size: task.size,
    contender,
    units: samples,
    timing: timings[contender],
    perSecond: perSecond(samples, timings[contender].median),
    unit: 'samples',
  }));
  const [ours, flat] = results;
  ours.extra = {
    xReference: ratio(ours.perSecond, flat.perSecond),
    weightsVsReference: identical ? 'bit-identical' : 'DIFFERENT',
  };

  context.log(`training ${task.size}: the seed's Python`);
  const python = await timePython(context, task);
  if ('skipped' in python) {
    ours.extra.python = `skipped: ${python.skipped}`;
    return results;
  }
  const pythonSamples = task.rows * task.pythonEpochs;
  const pythonResult: CaseResult = {
    name: 'training',
    size: task.size,
    contender: 'seed Python',
    units: pythonSamples,
    timing: python.timing,
    perSecond: perSecond(pythonSamples, python.timing.median),
    unit: 'samples',
    extra: { epochs: task.pythonEpochs },
  };
  ours.extra.xPython = ratio(ours.perSecond, pythonResult.perSecond);
  return [...results, pythonResult];
}

/**
 * Online SGD with momentum (learning rate 0.05, momentum 0.1, rows in order, no validation):
 * the network next to a flat-array reference loop timed round-robin with it, and the seed's
 * Python on the same task when python3 and the seed file are there.
 */
export const training: BenchCase = {
  name: 'training',
  async run(context) {
    const results: CaseResult[] = [];
    for (const task of [learnableTask(16), learnableTask(5), xorTask()]) {
      results.push(...(await benchTask(context, task)));
    }
    return results;
  },
};
