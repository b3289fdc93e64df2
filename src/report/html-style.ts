/** The report page's stylesheet: light, system fonts, cards, fluid width. */
export const REPORT_STYLE = `
:root {
  color-scheme: light;
  --bg: #f1f5f9;
  --card: #ffffff;
  --ink: #0f172a;
  --muted: #64748b;
  --line: #e2e8f0;
  --strategy: #2563eb;
  --baseline: #94a3b8;
  --good: #15803d;
  --bad: #b91c1c;
  --warn-bg: #fffbeb;
  --warn-line: #f59e0b;
}
* { box-sizing: border-box; }
body {
  margin: 0;
  background: var(--bg);
  color: var(--ink);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
main { max-width: 1200px; margin: 0 auto; padding: 24px 16px 48px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 0 0 12px; }
.sub { color: var(--muted); margin: 0 0 16px; }
.card {
  background: var(--card);
  border: 1px solid var(--line);
  border-radius: 10px;
  padding: 16px 20px;
  margin: 0 0 16px;
  box-shadow: 0 1px 2px rgba(15, 23, 42, 0.04);
}
/*
 * The statistics keep the width of their columns and the verdict takes the rest of the row; when
 * both do not fit, the statistics wrap below the verdict (a row of fixed shares cut them off).
 */
.summary { display: flex; flex-wrap: wrap; gap: 16px; margin: 0 0 16px; align-items: flex-start; }
.summary > .card { margin: 0; min-width: 0; flex: 999 1 320px; }
.summary > #stats { flex: 1 1 auto; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
code, .chip { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
.chip { display: inline-block; background: var(--bg); border-radius: 4px; padding: 0 6px; margin: 1px 2px; }
.warnings { background: var(--warn-bg); border-color: var(--warn-line); }
.warnings ul { margin: 0; padding-left: 20px; }
.invalid { background: var(--bad); color: #fff; font-weight: 600; }
.invalid h2 { color: #fff; }
.verdict { border-left: 6px solid var(--bad); }
.verdict.edge { border-left-color: var(--good); }
.verdict.inconclusive { border-left-color: var(--warn-line); }
.verdict .notes { margin: 8px 0; padding-left: 18px; font-size: 13px; }
.verdict .sentence { font-size: 17px; font-weight: 600; margin: 0 0 8px; }
.badge { display: inline-block; border-radius: 999px; padding: 1px 10px; font-size: 12px; font-weight: 600; color: #fff; background: var(--bad); }
.edge .badge { background: var(--good); }
.inconclusive .badge { background: var(--warn-line); }
.figures { display: flex; flex-wrap: wrap; gap: 8px 28px; margin: 8px 0 0; }
.figures div { display: flex; flex-direction: column; }
.figures span { color: var(--muted); font-size: 12px; }
.figures strong { font-variant-numeric: tabular-nums; font-size: 16px; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 5px 10px; border-bottom: 1px solid var(--line); text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
thead th { color: var(--muted); font-weight: 600; font-size: 12px; }
tbody tr:hover { background: #f8fafc; }
.scroll { overflow-x: auto; }
.tall-scroll { max-height: 480px; overflow: auto; }
.tall-scroll thead th { position: sticky; top: 0; background: var(--card); }
th button { all: unset; cursor: pointer; font: inherit; color: inherit; }
th button::after { content: " \\2195"; color: var(--line); }
th[aria-sort="ascending"] button::after { content: " \\2191"; color: var(--ink); }
th[aria-sort="descending"] button::after { content: " \\2193"; color: var(--ink); }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; vertical-align: baseline; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; align-items: center; color: var(--muted); font-size: 12px; margin: 0 0 8px; }
.legend label { margin-left: auto; color: var(--ink); cursor: pointer; }
.chart { position: relative; width: 100%; height: 360px; }
.chart.tall { height: 480px; }
.chart.short { height: 260px; }
svg.importance { display: block; width: 100%; max-width: 720px; height: auto; }
svg.importance text { font-size: 12px; fill: var(--ink); }
svg.importance .value { fill: var(--muted); }
svg.importance .bar { fill: var(--strategy); }
svg.heatmap rect { fill: var(--strategy); }
.explain-pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 8px 24px; }
.card h3 { font-size: 14px; margin: 12px 0 4px; }
.open-trade { color: var(--muted); font-style: italic; }
.explained { cursor: help; text-decoration: underline dotted var(--muted); text-underline-offset: 3px; }
.pos { color: var(--good); }
.neg { color: var(--bad); }
footer { color: var(--muted); font-size: 12px; text-align: center; }
details summary { cursor: pointer; color: var(--muted); margin-top: 8px; }
@media (max-width: 640px) {
  main { padding: 12px 8px 32px; }
  .card { padding: 12px; }
  .chart { height: 280px; }
  .chart.tall { height: 380px; }
}
`;
