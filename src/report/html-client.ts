/**
 * The report page's own script, run in the browser after lightweight-charts (the global
 * `LightweightCharts`). It reads the embedded report JSON and draws every chart. Plain ES2017 in a
 * string because the project compiles without DOM typings; the browser test exercises it.
 */
export const CLIENT_SCRIPT = `(function () {
  'use strict';
  var LC = window.LightweightCharts;
  var report = JSON.parse(document.getElementById('report-data').textContent);
  var s = report.series;
  var intraday = document.body.getAttribute('data-intraday') === 'true';
  var FONT = getComputedStyle(document.body).fontFamily;
  var COLOR = {
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
    overlays: ['#d97706', '#7c3aed', '#0891b2', '#db2777']
  };
  var charts = {};
  window.reportCharts = charts;

  function sec(ms) {
    return Math.floor(ms / 1000);
  }

  // Points in strictly ascending time (the chart requires it); null becomes a gap.
  function points(times, values, scale) {
    var out = [];
    var last = -Infinity;
    for (var i = 0; i < times.length; i++) {
      var t = sec(times[i]);
      if (t <= last) continue;
      last = t;
      var v = values[i];
      out.push(v === null || v === undefined ? { time: t } : { time: t, value: v * (scale || 1) });
    }
    return out;
  }

  function percentFormat(digits) {
    return {
      type: 'custom',
      minMove: Math.pow(10, -digits),
      formatter: function (v) {
        return v.toFixed(digits) + '%';
      }
    };
  }

  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

  // Axis labels always carry the year: "2008", "Mar 2008", "12 Mar 2008", then the time of day.
  function tickMark(time, type) {
    var d = new Date(time * 1000);
    var month = MONTHS[d.getUTCMonth()] + ' ' + d.getUTCFullYear();
    if (type === LC.TickMarkType.Year) return String(d.getUTCFullYear());
    if (type === LC.TickMarkType.Month) return month;
    if (type === LC.TickMarkType.DayOfMonth) return d.getUTCDate() + ' ' + month;
    return d.toISOString().slice(11, 16);
  }

  function crosshairTime(time) {
    var iso = new Date(time * 1000).toISOString();
    return intraday ? iso.slice(0, 16).replace('T', ' ') : iso.slice(0, 10);
  }

  function logToggle(id, chart) {
    var toggle = document.getElementById(id);
    if (!toggle) return;
    toggle.addEventListener('change', function () {
      chart.priceScale('right', 0).applyOptions({
        mode: toggle.checked ? LC.PriceScaleMode.Logarithmic : LC.PriceScaleMode.Normal
      });
    });
  }

  function makeChart(id, extra) {
    var el = document.getElementById(id);
    if (!el) return null;
    var options = {
      autoSize: true,
      layout: {
        background: { type: 'solid', color: '#ffffff' },
        textColor: COLOR.text,
        fontFamily: FONT,
        fontSize: 12,
        panes: { separatorColor: COLOR.border }
      },
      grid: { vertLines: { color: COLOR.grid }, horzLines: { color: COLOR.grid } },
      rightPriceScale: { borderColor: COLOR.border },
      // Room for decades of daily bars or years of hourly ones on one screen.
      timeScale: {
        borderColor: COLOR.border,
        timeVisible: intraday,
        secondsVisible: false,
        minBarSpacing: 0.02
      },
      crosshair: { mode: LC.CrosshairMode.Normal },
      localization: { timeFormatter: crosshairTime }
    };
    options.timeScale.tickMarkFormatter = tickMark;
    var chart = LC.createChart(el, Object.assign(options, extra || {}));
    charts[id] = { chart: chart, series: {} };
    return charts[id];
  }

  function guarded(id, draw) {
    try {
      draw();
    } catch (error) {
      console.error('Chart ' + id + ' failed: ' + (error && error.message ? error.message : error));
      var el = document.getElementById(id);
      if (el) el.textContent = 'This chart could not be drawn.';
    }
  }

  function tradeMarkers(trades) {
    var withText = trades.length <= 40;
    var markers = [];
    trades.forEach(function (t) {
      var long = t.units >= 0;
      markers.push({
        time: sec(t.entryTime),
        position: long ? 'belowBar' : 'aboveBar',
        shape: long ? 'arrowUp' : 'arrowDown',
        color: long ? COLOR.up : COLOR.down,
        text: withText ? (long ? 'Buy' : 'Short') : ''
      });
      if (t.open) return;
      markers.push({
        time: sec(t.exitTime),
        position: long ? 'aboveBar' : 'belowBar',
        shape: long ? 'arrowDown' : 'arrowUp',
        color: long ? COLOR.down : COLOR.up,
        text: withText ? (long ? 'Sell' : 'Cover') : ''
      });
    });
    return markers.sort(function (a, b) {
      return a.time - b.time;
    });
  }

  function drawPrice() {
    var c = makeChart('chart-price');
    if (!c) return;
    var ohlc = report.data.fields.indexOf('open') >= 0;
    var decimals = Number(document.body.getAttribute('data-price-decimals'));
    var priceFormat = { type: 'price', precision: decimals, minMove: Math.pow(10, -decimals) };
    var series;
    if (ohlc) {
      series = c.chart.addSeries(LC.CandlestickSeries, {
        priceFormat: priceFormat,
        upColor: COLOR.up,
        downColor: COLOR.down,
        wickUpColor: COLOR.up,
        wickDownColor: COLOR.down,
        borderVisible: false
      });
      var candles = [];
      var last = -Infinity;
      for (var i = 0; i < s.time.length; i++) {
        var t = sec(s.time[i]);
        if (t <= last) continue;
        last = t;
        candles.push({ time: t, open: s.open[i], high: s.high[i], low: s.low[i], close: s.close[i] });
      }
      series.setData(candles);
    } else {
      series = c.chart.addSeries(LC.LineSeries, {
        priceFormat: priceFormat,
        color: COLOR.price,
        lineWidth: 2
      });
      series.setData(points(s.time, s.close));
    }
    c.series.price = series;
    c.markers = LC.createSeriesMarkers(series, tradeMarkers(report.strategy.trades));
    drawOverlays(c);
    c.chart.timeScale().fitContent();
    logToggle('log-scale-price', c.chart);
  }

  // The strategy's indicator lines: over the price, or in a pane under it with their levels.
  function drawOverlays(c) {
    c.series.overlays = (s.overlays || []).map(function (o, k) {
      var color = COLOR.overlays[k % COLOR.overlays.length];
      var line = c.chart.addSeries(
        LC.LineSeries,
        { color: color, lineWidth: 1, title: o.label, priceLineVisible: false },
        o.pane === 'price' ? 0 : 1
      );
      line.setData(points(s.time, o.values));
      (o.levels || []).forEach(function (level) {
        line.createPriceLine({
          price: level,
          color: COLOR.baseline,
          lineStyle: LC.LineStyle.Dashed,
          lineWidth: 1,
          axisLabelVisible: true,
          title: ''
        });
      });
      return line;
    });
  }

  function drawEquity() {
    var c = makeChart('chart-equity');
    if (!c) return;
    var chart = c.chart;
    var money = { type: 'price', precision: 0, minMove: 1 };
    c.series.strategy = chart.addSeries(LC.LineSeries, {
      color: COLOR.strategy,
      lineWidth: 2,
      title: report.strategy.name,
      priceFormat: money
    });
    c.series.baseline = chart.addSeries(LC.LineSeries, {
      color: COLOR.baseline,
      lineWidth: 2,
      title: report.baseline.name,
      priceFormat: money
    });
    c.series.strategy.setData(points(s.time, s.equity));
    c.series.baseline.setData(points(s.time, s.baselineEquity));
    c.series.drawdown = chart.addSeries(
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
        title: report.strategy.name + ' drawdown'
      },
      1
    );
    c.series.baselineDrawdown = chart.addSeries(
      LC.LineSeries,
      {
        color: COLOR.baseline,
        lineWidth: 1,
        priceFormat: percentFormat(1),
        priceLineVisible: false,
        title: report.baseline.name + ' drawdown'
      },
      1
    );
    c.series.drawdown.setData(points(s.time, s.drawdown, 100));
    c.series.baselineDrawdown.setData(points(s.time, s.baselineDrawdown, 100));
    var panes = chart.panes();
    panes[0].setStretchFactor(2.5);
    panes[1].setStretchFactor(1);
    chart.timeScale().fitContent();
    logToggle('log-scale', chart);
  }

  function drawTraining() {
    var d = report.diagnostics;
    if (!d) return;
    var c = makeChart('chart-training');
    if (!c) return;
    var windows = d.windows.slice().sort(function (a, b) {
      return a.trainEnd - b.trainEnd;
    });
    var errorFormat = { type: 'price', precision: 4, minMove: 0.0001 };
    var times = windows.map(function (w) {
      return w.trainEnd;
    });
    c.series.train = c.chart.addSeries(LC.LineSeries, {
      color: COLOR.train,
      lineWidth: 2,
      pointMarkersVisible: true,
      priceFormat: errorFormat,
      title: 'train'
    });
    c.series.train.setData(
      points(
        times,
        windows.map(function (w) {
          return w.trainError;
        })
      )
    );
    var validation = windows.map(function (w) {
      return w.validationError;
    });
    if (validation.some(function (v) { return v !== null; })) {
      c.series.validation = c.chart.addSeries(LC.LineSeries, {
        color: COLOR.validation,
        lineWidth: 2,
        pointMarkersVisible: true,
      priceFormat: errorFormat,
        title: 'validation'
      });
      c.series.validation.setData(points(times, validation));
    }
    c.chart.timeScale().fitContent();
  }

  function drawProbability() {
    var d = report.diagnostics;
    if (!s.probability) return;
    var c = makeChart('chart-probability');
    if (!c) return;
    var series = c.chart.addSeries(LC.LineSeries, {
      color: COLOR.probability,
      lineWidth: 1.5,
      title: 'P(up)',
      priceFormat: { type: 'price', precision: 3, minMove: 0.001 }
    });
    series.setData(points(s.time, s.probability));
    if (d) {
      series.createPriceLine({
        price: d.thresholds.upper,
        color: COLOR.up,
        lineStyle: LC.LineStyle.Dashed,
        lineWidth: 1,
        axisLabelVisible: true,
        title: 'long above'
      });
      series.createPriceLine({
        price: d.thresholds.lower,
        color: COLOR.down,
        lineStyle: LC.LineStyle.Dashed,
        lineWidth: 1,
        axisLabelVisible: true,
        title: report.options.allowShort ? 'short below' : 'flat below'
      });
    }
    c.series.probability = series;
    c.chart.timeScale().fitContent();
  }

  // Charts over the same bars scroll and zoom together.
  function syncTimeScales(ids) {
    var linked = ids
      .map(function (id) {
        return charts[id];
      })
      .filter(Boolean);
    var busy = false;
    linked.forEach(function (a) {
      a.chart.timeScale().subscribeVisibleLogicalRangeChange(function (range) {
        if (busy || !range) return;
        busy = true;
        linked.forEach(function (b) {
          if (b !== a) b.chart.timeScale().setVisibleLogicalRange(range);
        });
        busy = false;
      });
    });
  }

  // Blank bars before the first so the first trade marker's label is not cut off at the left
  // edge (fitContent puts the first bar on it). Set on the price chart after linking, so the
  // linked charts take the same range.
  var LEFT_MARGIN_SHARE = 0.03;
  function leftMargin(id) {
    var c = charts[id];
    if (!c || !c.series.price) return;
    var last = c.series.price.data().length - 1;
    if (last < 0) return;
    var margin = Math.max(3, (last + 1) * LEFT_MARGIN_SHARE);
    c.chart.timeScale().setVisibleLogicalRange({ from: -margin, to: last + 0.5 });
  }

  function sortableTable(table) {
    var body = table.tBodies[0];
    table.querySelectorAll('th[data-sort]').forEach(function (th) {
      var button = th.querySelector('button');
      button.addEventListener('click', function () {
        var column = th.cellIndex;
        var numeric = th.getAttribute('data-sort') === 'number';
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        table.querySelectorAll('th[data-sort]').forEach(function (other) {
          other.removeAttribute('aria-sort');
        });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[column].getAttribute('data-value');
          var y = b.cells[column].getAttribute('data-value');
          var order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) {
          body.appendChild(row);
        });
      });
    });
  }

  guarded('chart-price', drawPrice);
  guarded('chart-equity', drawEquity);
  guarded('chart-training', drawTraining);
  guarded('chart-probability', drawProbability);
  syncTimeScales(['chart-price', 'chart-equity', 'chart-probability']);
  leftMargin('chart-price');
  var trades = document.getElementById('trades-table');
  if (trades) sortableTable(trades);
  // Two frames: the charts paint on the next animation frame after their data is set.
  requestAnimationFrame(function () {
    requestAnimationFrame(function () {
      document.body.setAttribute('data-ready', 'true');
    });
  });
})();
`;
