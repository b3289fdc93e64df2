#!/usr/bin/env bash
# The command line on the sample data. Run from the repository after npm install:
#   bash examples/cli.sh [output folder]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-runs/examples}
mkdir -p "$out"

# A built-in rule with parameters against buy-and-hold, after costs, with the HTML report.
npx nn-timing backtest data/goog-2004-2013.csv --strategy sma-cross --param fast=20 --param slow=100 \
  --html --out "$out/sma-cross"

# Your own strategy file: first prove it does not read the future, then backtest it.
npx nn-timing check examples/rsi-dip.ts data/spy-1993-2023.csv
npx nn-timing backtest data/spy-1993-2023.csv --strategy examples/rsi-dip.ts --param below=35 \
  --format json --out "$out/rsi-dip" >"$out/rsi-dip.json"

# A config file, with one setting changed on the command line.
npx nn-timing backtest --config examples/nn-timing-goog.json --seeds 1 --out "$out/nn-timing-goog"
