// A backtest from code: sma-cross with chosen periods against buy-and-hold on the GOOG sample,
// printed as the CLI prints it. Run from the repository: npx tsx examples/library.ts
import { renderTable, runBacktestJob } from 'nn-timing';

const [report] = await runBacktestJob({
  files: ['data/goog-2004-2013.csv'],
  strategy: 'sma-cross',
  params: { fast: 20, slow: 100 },
  backtest: { commission: 0.0005 },
});
console.log(renderTable(report));
console.log(report.comparison.verdict);
