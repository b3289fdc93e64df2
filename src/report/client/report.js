/**
 * report.html's own script, inlined into the page after the chart library (the global
 * `LightweightCharts`). It reads the embedded report JSON and draws every chart. Checked by tsc
 * (tsconfig.client.json) against the report's types and the chart library's.
 *
 * @typedef {import('../types.js').RunReport} RunReport
 * @typedef {import('../types.js').SideReport['trades'][number]} Trade
 * @typedef {typeof import('lightweight-charts')} ChartLibrary
 * @typedef {import('lightweight-charts').IChartApi} Chart
 * @typedef {import('lightweight-charts').ISeriesApi<import('lightweight-charts').SeriesType>} Series
 * @typedef {import('lightweight-charts').Time} Time
 * @typedef {import('lightweight-charts').UTCTimestamp} Timestamp
 * @typedef {import('lightweight-charts').SeriesMarker<Time>} Marker
 * @typedef {import('lightweight-charts').DeepPartial<import('lightweight-charts').ChartOptions>} ChartOptions
 * @typedef {import('lightweight-charts').PriceFormatCustom} CustomFormat
 * @typedef {{ time: Timestamp, value?: number }} Point
 * @typedef {{
 *   chart: Chart,
 *   series: Record<string, Series | Series[] | undefined>,
 *   markers?: import('lightweight-charts').ISeriesMarkersPluginApi<Time>,
 * }} DrawnChart
 */

/** The chart library's standalone build sets this global. */
const LC = /** @type {{ LightweightCharts: ChartLibrary }} */ (/** @type {unknown} */ (window))
  .LightweightCharts;

/** The element with this id (the page always has the ones asked for). */
function byId(/** @type {string} */ id) {
  return /** @type {HTMLElement} */ (document.getElementById(id));
}

/** @type {RunReport} */
const report = JSON.parse(byId('report-data').textContent ?? '');
const s = report.series;
const intraday = document.body.getAttribute('data-intraday') === 'true';
const FONT = getComputedStyle(document.body).fontFamily;
const COLOR = {
  strategy: '#2563eb',
  baseline: '#94a3b8',
  up: '#16a34a',
  down: '#dc2626',
  price: '#334155',
  train: '#7c3aed',
  validation: '#ea580c',
  probability: '#0891b2',
  grid: '#f1f5f9',
  border: '#e2e8f0',
  text: '#475569',
  overlays: ['#d97706', '#7c3aed', '#0891b2', '#db2777'],
};
/** The drawn charts by element id; the browser tests read them. @type {Record<string, DrawnChart>} */
const charts = {};
/** @type {Window & { reportCharts?: Record<string, DrawnChart> }} */ (window).reportCharts =
  charts;

/** Seconds since the epoch, the chart library's time unit. */
function sec(/** @type {number} */ ms) {
  return /** @type {Timestamp} */ (Math.floor(ms / 1000));
}

/**
 * Points in strictly ascending time (the chart requires it); null becomes a gap.
 * @param {readonly number[]} times
 * @param {readonly (number | null | undefined)[]} values
 * @param {number} [scale]
 * @returns {Point[]}
 */
function points(times, values, scale = 1) {
  /** @type {Point[]} */
  const out = [];
  let last = -Infinity;
  for (let i = 0; i < times.length; i++) {
    const t = sec(times[i]);
    if (t <= last) continue;
    last = t;
    const v = values[i];
    out.push(v === null || v === undefined ? { time: t } : { time: t, value: v * scale });
  }
  return out;
}

/** @returns {CustomFormat} */
function percentFormat(/** @type {number} */ digits) {
  return {
    type: 'custom',
    minMove: 10 ** -digits,
    formatter: (/** @type {number} */ v) => `${v.toFixed(digits)}%`,
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Axis labels always carry the year: "2008", "Mar 2008", "12 Mar 2008", then the time of day.
 * @param {Time} time
 * @param {import('lightweight-charts').TickMarkType} type
 */
function tickMark(time, type) {
  const d = new Date(/** @type {number} */ (time) * 1000);
  const month = `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  if (type === LC.TickMarkType.Year) return String(d.getUTCFullYear());
  if (type === LC.TickMarkType.Month) return month;
  if (type === LC.TickMarkType.DayOfMonth) return `${d.getUTCDate()} ${month}`;
  return d.toISOString().slice(11, 16);
}

function crosshairTime(/** @type {Time} */ time) {
  const iso = new Date(/** @type {number} */ (time) * 1000).toISOString();
  return intraday ? iso.slice(0, 16).replace('T', ' ') : iso.slice(0, 10);
}

function logToggle(/** @type {string} */ id, /** @type {Chart} */ chart) {
  const toggle = /** @type {HTMLInputElement | null} */ (document.getElementById(id));
  if (!toggle) return;
  toggle.addEventListener('change', () => {
    chart.priceScale('right', 0).applyOptions({
      mode: toggle.checked ? LC.PriceScaleMode.Logarithmic : LC.PriceScaleMode.Normal,
    });
  });
}

/** @returns {DrawnChart | null} */
function makeChart(/** @type {string} */ id, /** @type {ChartOptions} */ extra = {}) {
  const el = document.getElementById(id);
  if (!el) return null;
  /** @type {ChartOptions} */
  const options = {
    autoSize: true,
    layout: {
      background: { type: LC.ColorType.Solid, color: '#ffffff' },
      textColor: COLOR.text,
      fontFamily: FONT,
      fontSize: 12,
      panes: { separatorColor: COLOR.border },
    },
    grid: { vertLines: { color: COLOR.grid }, horzLines: { color: COLOR.grid } },
    rightPriceScale: { borderColor: COLOR.border },
    // Room for decades of daily bars or years of hourly ones on one screen.
    timeScale: {
      borderColor: COLOR.border,
      timeVisible: intraday,
      secondsVisible: false,
      minBarSpacing: 0.02,
      tickMarkFormatter: tickMark,
    },
    crosshair: { mode: LC.CrosshairMode.Normal },
    localization: { timeFormatter: crosshairTime },
  };
  const chart = LC.createChart(el, Object.assign(options, extra));
  charts[id] = { chart, series: {} };
  return charts[id];
}

/** Runs one chart's drawing; a failure replaces that chart with a note instead of stopping the page. */
function guarded(/** @type {string} */ id, /** @type {() => void} */ draw) {
  try {
    draw();
  } catch (error) {
    console.error(`Chart ${id} failed: ${error instanceof Error ? error.message : error}`);
    const el = document.getElementById(id);
    if (el) el.textContent = 'This chart could not be drawn.';
  }
}

/** @returns {Marker[]} */
function tradeMarkers(/** @type {readonly Trade[]} */ trades) {
  const withText = trades.length <= 40;
  /** @type {Marker[]} */
  const markers = [];
  for (const t of trades) {
    const long = t.units >= 0;
    markers.push({
      time: sec(t.entryTime),
      position: long ? 'belowBar' : 'aboveBar',
      shape: long ? 'arrowUp' : 'arrowDown',
      color: long ? COLOR.up : COLOR.down,
      text: withText ? (long ? 'Buy' : 'Short') : '',
    });
    if (t.open) continue;
    markers.push({
      time: sec(t.exitTime),
      position: long ? 'aboveBar' : 'belowBar',
      shape: long ? 'arrowDown' : 'arrowUp',
      color: long ? COLOR.down : COLOR.up,
      text: withText ? (long ? 'Sell' : 'Cover') : '',
    });
  }
  return markers.sort((a, b) => /** @type {number} */ (a.time) - /** @type {number} */ (b.time));
}

function drawPrice() {
  const c = makeChart('chart-price');
  if (!c) return;
  const ohlc = report.data.fields.includes('open');
  const decimals = Number(document.body.getAttribute('data-price-decimals'));
  /** @type {import('lightweight-charts').PriceFormatBuiltIn} */
  const priceFormat = { type: 'price', precision: decimals, minMove: 10 ** -decimals };
  /** @type {Series} */
  let series;
  if (ohlc) {
    const candlesticks = c.chart.addSeries(LC.CandlestickSeries, {
      priceFormat,
      upColor: COLOR.up,
      downColor: COLOR.down,
      wickUpColor: COLOR.up,
      wickDownColor: COLOR.down,
      borderVisible: false,
    });
    /** @type {import('lightweight-charts').CandlestickData<Time>[]} */
    const candles = [];
    let last = -Infinity;
    for (let i = 0; i < s.time.length; i++) {
      const t = sec(s.time[i]);
      if (t <= last) continue;
      last = t;
      candles.push({ time: t, open: s.open[i], high: s.high[i], low: s.low[i], close: s.close[i] });
    }
    candlesticks.setData(candles);
    series = candlesticks;
  } else {
    const line = c.chart.addSeries(LC.LineSeries, {
      priceFormat,
      color: COLOR.price,
      lineWidth: 2,
    });
    line.setData(points(s.time, s.close));
    series = line;
  }
  c.series.price = series;
  c.markers = LC.createSeriesMarkers(series, tradeMarkers(report.strategy.trades));
  drawOverlays(c);
  c.chart.timeScale().fitContent();
  logToggle('log-scale-price', c.chart);
}

/** The strategy's indicator lines: over the price, or in a pane under it with their levels. */
function drawOverlays(/** @type {DrawnChart} */ c) {
  c.series.overlays = (s.overlays ?? []).map((o, k) => {
    const color = COLOR.overlays[k % COLOR.overlays.length];
    const line = c.chart.addSeries(
      LC.LineSeries,
      { color, lineWidth: 1, title: o.label, priceLineVisible: false },
      o.pane === 'price' ? 0 : 1,
    );
    line.setData(points(s.time, o.values));
    for (const level of o.levels ?? []) {
      line.createPriceLine({
        price: level,
        color: COLOR.baseline,
        lineStyle: LC.LineStyle.Dashed,
        lineWidth: 1,
        axisLabelVisible: true,
        title: '',
      });
    }
    return line;
  });
}

function drawEquity() {
  const c = makeChart('chart-equity');
  if (!c) return;
  const chart = c.chart;
  /** @type {import('lightweight-charts').PriceFormatBuiltIn} */
  const money = { type: 'price', precision: 0, minMove: 1 };
  const strategy = chart.addSeries(LC.LineSeries, {
    color: COLOR.strategy,
    lineWidth: 2,
    title: report.strategy.name,
    priceFormat: money,
  });
  const baseline = chart.addSeries(LC.LineSeries, {
    color: COLOR.baseline,
    lineWidth: 2,
    title: report.baseline.name,
    priceFormat: money,
  });
  strategy.setData(points(s.time, s.equity));
  baseline.setData(points(s.time, s.baselineEquity));
  const drawdown = chart.addSeries(
    LC.BaselineSeries,
    {
      baseValue: { type: 'price', price: 0 },
      bottomLineColor: COLOR.strategy,
      bottomFillColor1: 'rgba(37, 99, 235, 0.08)',
      bottomFillColor2: 'rgba(37, 99, 235, 0.35)',
      topLineColor: COLOR.strategy,
      lineWidth: 1,
      priceFormat: percentFormat(1),
      priceLineVisible: false,
      title: `${report.strategy.name} drawdown`,
    },
    1,
  );
  const baselineDrawdown = chart.addSeries(
    LC.LineSeries,
    {
      color: COLOR.baseline,
      lineWidth: 1,
      priceFormat: percentFormat(1),
      priceLineVisible: false,
      title: `${report.baseline.name} drawdown`,
    },
    1,
  );
  drawdown.setData(points(s.time, s.drawdown, 100));
  baselineDrawdown.setData(points(s.time, s.baselineDrawdown, 100));
  Object.assign(c.series, { strategy, baseline, drawdown, baselineDrawdown });
  const panes = chart.panes();
  panes[0].setStretchFactor(2.5);
  panes[1].setStretchFactor(1);
  chart.timeScale().fitContent();
  logToggle('log-scale', chart);
}

function drawTraining() {
  const d = report.diagnostics;
  if (!d) return;
  const c = makeChart('chart-training');
  if (!c) return;
  const windows = [...d.windows].sort((a, b) => a.trainEnd - b.trainEnd);
  /** @type {import('lightweight-charts').PriceFormatBuiltIn} */
  const errorFormat = { type: 'price', precision: 4, minMove: 0.0001 };
  const times = windows.map((w) => w.trainEnd);
  const train = c.chart.addSeries(LC.LineSeries, {
    color: COLOR.train,
    lineWidth: 2,
    pointMarkersVisible: true,
    priceFormat: errorFormat,
    title: 'train',
  });
  train.setData(
    points(
      times,
      windows.map((w) => w.trainError),
    ),
  );
  c.series.train = train;
  const validationErrors = windows.map((w) => w.validationError);
  if (validationErrors.some((v) => v !== null)) {
    const validation = c.chart.addSeries(LC.LineSeries, {
      color: COLOR.validation,
      lineWidth: 2,
      pointMarkersVisible: true,
      priceFormat: errorFormat,
      title: 'validation',
    });
    validation.setData(points(times, validationErrors));
    c.series.validation = validation;
  }
  c.chart.timeScale().fitContent();
}

function drawProbability() {
  const d = report.diagnostics;
  if (!s.probability) return;
  const c = makeChart('chart-probability');
  if (!c) return;
  const series = c.chart.addSeries(LC.LineSeries, {
    color: COLOR.probability,
    lineWidth: 2,
    title: 'P(up)',
    priceFormat: { type: 'price', precision: 3, minMove: 0.001 },
  });
  series.setData(points(s.time, s.probability));
  if (d) {
    series.createPriceLine({
      price: d.thresholds.upper,
      color: COLOR.up,
      lineStyle: LC.LineStyle.Dashed,
      lineWidth: 1,
      axisLabelVisible: true,
      title: 'long above',
    });
    series.createPriceLine({
      price: d.thresholds.lower,
      color: COLOR.down,
      lineStyle: LC.LineStyle.Dashed,
      lineWidth: 1,
      axisLabelVisible: true,
      title: report.options.allowShort ? 'short below' : 'flat below',
    });
  }
  c.series.probability = series;
  c.chart.timeScale().fitContent();
}

/** Charts over the same bars scroll and zoom together. */
function syncTimeScales(/** @type {string[]} */ ids) {
  const linked = ids.map((id) => charts[id]).filter(Boolean);
  let busy = false;
  for (const a of linked) {
    a.chart.timeScale().subscribeVisibleLogicalRangeChange((range) => {
      if (busy || !range) return;
      busy = true;
      for (const b of linked) if (b !== a) b.chart.timeScale().setVisibleLogicalRange(range);
      busy = false;
    });
  }
}

/** Share of the bars left blank before the first. */
const LEFT_MARGIN_SHARE = 0.03;

/**
 * Blank bars before the first so the first trade marker's label is not cut off at the left edge
 * (fitContent puts the first bar on it). Set on the price chart after linking, so the linked
 * charts take the same range.
 */
function leftMargin(/** @type {string} */ id) {
  const price = /** @type {Series | undefined} */ (charts[id]?.series.price);
  if (!price) return;
  const last = price.data().length - 1;
  if (last < 0) return;
  const margin = Math.max(3, (last + 1) * LEFT_MARGIN_SHARE);
  charts[id].chart.timeScale().setVisibleLogicalRange({ from: -margin, to: last + 0.5 });
}

/** Header buttons sort the rows by their cells' data-value, numbers or text; again reverses. */
function sortableTable(/** @type {HTMLTableElement} */ table) {
  const body = table.tBodies[0];
  const headers = table.querySelectorAll('th[data-sort]');
  for (const th of /** @type {NodeListOf<HTMLTableCellElement>} */ (headers)) {
    th.querySelector('button')?.addEventListener('click', () => {
      const column = th.cellIndex;
      const numeric = th.getAttribute('data-sort') === 'number';
      const ascending = th.getAttribute('aria-sort') !== 'ascending';
      for (const other of headers) other.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const value = (/** @type {HTMLTableRowElement} */ row) =>
        row.cells[column].getAttribute('data-value') ?? '';
      const rows = [...body.rows].sort((a, b) => {
        const order = numeric
          ? Number(value(a)) - Number(value(b))
          : value(a).localeCompare(value(b));
        return ascending ? order : -order;
      });
      for (const row of rows) body.appendChild(row);
    });
  }
}

guarded('chart-price', drawPrice);
guarded('chart-equity', drawEquity);
guarded('chart-training', drawTraining);
guarded('chart-probability', drawProbability);
syncTimeScales(['chart-price', 'chart-equity', 'chart-probability']);
leftMargin('chart-price');
const trades = document.getElementById('trades-table');
if (trades instanceof HTMLTableElement) sortableTable(trades);
// Two frames: the charts paint on the next animation frame after their data is set.
requestAnimationFrame(() => {
  requestAnimationFrame(() => {
    document.body.setAttribute('data-ready', 'true');
  });
});
