import type { Variant } from './types.js';

/**
 * A Keras-style table of the network's layers. The hidden layer's parameters include the bias
 * input's weights; the output layer has no bias (as in the seed).
 */
export function formatSummary(shape: {
  inputs: number;
  hidden: number;
  outputs: number;
  variant: Variant;
}): string {
  const { inputs, hidden, outputs, variant } = shape;
  const hiddenParams = (inputs + 1) * hidden;
  const outputParams = hidden * outputs;
  const rows = [
    ['Layer (type)', 'Output Shape', 'Param #'],
    ['input (+1 bias)', `(None, ${inputs})`, '0'],
    ['hidden (sigmoid)', `(None, ${hidden})`, String(hiddenParams)],
    ['output (sigmoid)', `(None, ${outputs})`, String(outputParams)],
  ];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((row) => row[c].length)) + 3);
  const line = (row: string[]) =>
    ` ${row.map((cell, c) => cell.padEnd(widths[c])).join('')}`.trimEnd();
  const width = widths.reduce((a, b) => a + b, 1);
  const total = hiddenParams + outputParams;
  return [
    `Model: "bp_network" (variant: ${variant})`,
    '_'.repeat(width),
    line(rows[0]),
    '='.repeat(width),
    ...rows.slice(1).map(line),
    '='.repeat(width),
    `Total params: ${total}`,
    `Trainable params: ${total}`,
    '_'.repeat(width),
  ].join('\n');
}
