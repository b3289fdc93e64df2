/**
 * Every figure of a report in plain words, keyed by its label in the table and the HTML report.
 * The terminal prints it with `--explain`, the HTML report shows it as tooltips, and the user
 * guide's statistics page carries the same sentences (a test keeps them equal).
 */
export const GLOSSARY: Readonly<Record<string, string>> = {
  'Total return':
    'How much the account grew over the whole test, after costs: +100% means the money doubled.',
  CAGR: 'The steady yearly growth rate that would give the same total return over the same calendar time.',
  'Annual return':
    "The same idea counted in bars: the average growth per bar, compounded over a year's worth of bars.",
  'Annual volatility':
    'How much the returns swing around their average, scaled to a year. Higher means a bumpier ride.',
  'Sharpe ratio':
    'Return per unit of risk: average return divided by volatility, yearly. The difference between strategy and baseline is what the p-value tests.',
  'Sortino ratio': 'Like Sharpe, but only the down moves count as risk.',
  'Calmar ratio':
    'Yearly growth (CAGR) divided by the worst drawdown: growth per unit of the deepest fall.',
  'Max drawdown':
    'The worst fall from a previous high, as a percentage: how much you would have lost at the worst moment.',
  'Avg drawdown': 'The depth of a typical fall from a high, averaged over all the falls.',
  'Max drawdown duration':
    'The longest time spent below a previous high, from that high until it was regained (or the end of the data), in bars and in calendar time.',
  'Exposure time': 'The share of bars on which money was in the market.',
  Trades: 'How many round trips (in and out) the strategy made; one still open at the end counts.',
  'Win rate': 'The share of trades that made money.',
  'Best trade': 'The highest return of one trade.',
  'Worst trade': 'The lowest return of one trade.',
  'Avg trade': 'The average return of one trade.',
  'Avg trade duration': 'How long a trade lasted on average, in bars and in calendar time.',
  'Profit factor':
    'Money made by winning trades divided by money lost by losing trades; above 1 means the winners outweigh the losers.',
  'Expectancy (P&L per trade)': 'The average profit or loss of one trade, in account currency.',
  SQN: "Van Tharp's System Quality Number: the average trade return divided by its spread, times the square root of the number of trades (at most 100). Larger means larger and steadier trade returns; with few trades it means little.",
  'Turnover (per year)': "How many times a year the account's value was traded: a cost driver.",
  'Total costs': 'Commission, fees and slippage paid over the test.',
  'Final equity': "The account's value at the last close.",
  'Hit rate':
    'Of the bars where the strategy held a position, the share where the next price move went its way.',
  AUC: 'How well the predicted probabilities rank up moves above down moves: 0.5 is a coin toss, 1 is perfect.',
  'Brier score':
    'The mean squared error of the predicted probabilities: 0.25 is what always saying 50% scores; lower is better.',
  'Excess return (strategy - baseline)':
    "The strategy's total return minus the baseline's total return, in percentage points.",
  Beta: 'How much the strategy moves when the baseline moves 1%: 1 moves with the market, 0 does not care.',
  'Alpha (annual)':
    'The yearly return the strategy made beyond what its beta to the baseline explains.',
  'Tracking error': "How far the strategy's returns stray from the baseline's, yearly.",
  'Information ratio':
    'The average return over the baseline divided by the tracking error: excess return per unit of straying.',
  'Sharpe difference':
    "The strategy's Sharpe ratio minus the baseline's, with the range the bootstrap says it could plausibly lie in.",
  'Detectable difference':
    'The smallest Sharpe lead this much data would reveal 80% of the time: a smaller real edge could hide in the noise.',
  'p-value':
    'How often luck alone would produce a Sharpe lead at least this large. Small (below the significance level, 0.05 by default) suggests a real edge.',
  'Adjusted p-value':
    'The p-value corrected for the number of strategies or settings tried; the verdict uses this one.',
  Verdict:
    "One sentence on whether the strategy's Sharpe ratio beats the baseline's by more than luck, and how sure that is.",
  Pending:
    'What the strategy decided at the last close and has not been filled yet: what to do at the next open.',
};

/** The plain-words meaning of a figure, or '' when it has none. */
export function explain(label: string): string {
  return GLOSSARY[label] ?? '';
}
