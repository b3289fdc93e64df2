/**
 * sweep.html's own script, inlined into the page: the heatmap over the two searched parameters
 * the reader picks, the others folded in as the reader picks, and the sortable table of the top
 * trials. Checked by tsc (tsconfig.client.json); `heatmapCells` is tested on its own too.
 *
 * @typedef {import('../html.js').HeatmapData} HeatmapData
 * @typedef {import('../html.js').HeatmapAggregation} Aggregation
 */

/**
 * The heatmap's cells, one row per value of axis `y` and one column per value of axis `x` (in
 * the axes' order): undefined where no trial has the pair, null where no trial with the pair has
 * a defined metric, else the trials' metrics folded by `aggregation` (see HEATMAP_AGGREGATIONS).
 * @param {HeatmapData} data
 * @param {number} x index of the axis across
 * @param {number} y index of the axis down
 * @param {Aggregation} aggregation
 * @returns {(number | null | undefined)[][]}
 */
export function heatmapCells(data, x, y, aggregation) {
  const { axes, trials } = data;
  const column = new Map(axes[x].values.map((value, j) => [value, j]));
  const row = new Map(axes[y].values.map((value, i) => [value, i]));
  /** @type {(number | null)[][][]} */
  const groups = axes[y].values.map(() => axes[x].values.map(() => []));
  const best = data.best === null ? undefined : trials[data.best];
  for (const trial of trials) {
    if (aggregation === 'best') {
      const other = (/** @type {string} */ value, /** @type {number} */ k) =>
        k !== x && k !== y && value !== best?.point[k];
      if (!best || trial.seed !== best.seed || trial.point.some(other)) continue;
    }
    const i = row.get(trial.point[y]);
    const j = column.get(trial.point[x]);
    if (i !== undefined && j !== undefined) groups[i][j].push(trial.metric);
  }
  return groups.map((cells) =>
    cells.map((metrics) => (metrics.length === 0 ? undefined : fold(metrics, aggregation))),
  );
}

/**
 * One cell's metrics folded into one number; undefined metrics are left out.
 * @param {(number | null)[]} metrics
 * @param {Aggregation} aggregation
 */
function fold(metrics, aggregation) {
  const values = /** @type {number[]} */ (metrics.filter((v) => v !== null)).sort((a, b) => a - b);
  const n = values.length;
  if (n === 0) return null;
  if (aggregation === 'mean') return values.reduce((sum, v) => sum + v, 0) / n;
  if (aggregation === 'median') {
    return n % 2 === 1 ? values[(n - 1) / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }
  // 'best' holds one trial; 'max' the highest.
  return values[n - 1];
}

/** A cell's colour, red (low) to green (high) over the values shown. */
function colour(/** @type {number} */ t) {
  return `hsl(${Math.round(10 + 110 * t)}, 65%, ${Math.round(82 - 30 * t)}%)`;
}

/**
 * Draws the heatmap into its element for the chosen axes and aggregation.
 * @param {HeatmapData} data
 * @param {HTMLSelectElement[]} selects across, down, aggregation
 */
function drawHeatmap(data, [across, down, folding]) {
  const target = /** @type {HTMLElement} */ (document.getElementById('heatmap'));
  const meaning = /** @type {HTMLElement} */ (document.getElementById('heatmap-meaning'));
  const x = Number(across.value);
  const y = Number(down.value);
  const aggregation = /** @type {Aggregation} */ (folding.value);
  meaning.textContent = folding.selectedOptions[0]?.dataset.meaning ?? '';
  if (x === y) {
    target.textContent = 'Choose two different parameters.';
    return;
  }
  const cells = heatmapCells(data, x, y, aggregation);
  const shown = /** @type {number[]} */ (cells.flat().filter((v) => typeof v === 'number'));
  const low = Math.min(...shown);
  const high = Math.max(...shown);
  const xAxis = data.axes[x];
  const yAxis = data.axes[y];
  const table = document.createElement('table');
  table.className = 'heat';
  const head = table.insertRow();
  const corner = document.createElement('th');
  corner.textContent = `${yAxis.key} \\ ${xAxis.key}`;
  head.appendChild(corner);
  for (const value of xAxis.values) {
    const th = document.createElement('th');
    th.textContent = value;
    head.appendChild(th);
  }
  cells.forEach((values, i) => {
    const tr = table.insertRow();
    const th = document.createElement('th');
    th.textContent = yAxis.values[i];
    tr.appendChild(th);
    values.forEach((value, j) => {
      const td = tr.insertCell();
      if (value === undefined || value === null) {
        td.className = 'skip';
        td.textContent = value === undefined ? '–' : 'n/a';
        return;
      }
      td.style.background = colour(high > low ? (value - low) / (high - low) : 0.5);
      td.title = `${xAxis.key}=${xAxis.values[j]}, ${yAxis.key}=${yAxis.values[i]}: ${value}`;
      td.textContent = value.toFixed(2);
    });
  });
  target.replaceChildren(table);
}

/** Clicking a header sorts the rows by that column, numbers as numbers; again reverses. */
function sortableTable(/** @type {HTMLTableElement} */ table) {
  const body = table.tBodies[0];
  for (const th of table.tHead?.rows[0].cells ?? []) {
    th.addEventListener('click', () => {
      const column = th.cellIndex;
      const descending = th.dataset.order !== 'desc';
      th.dataset.order = descending ? 'desc' : 'asc';
      const value = (/** @type {HTMLTableRowElement} */ row) => {
        const text = row.cells[column].textContent ?? '';
        const number = Number(text);
        return Number.isNaN(number) ? text : number;
      };
      const rows = [...body.rows].sort((a, b) => {
        const p = value(a);
        const q = value(b);
        return (p < q ? -1 : p > q ? 1 : 0) * (descending ? -1 : 1);
      });
      for (const row of rows) body.appendChild(row);
    });
  }
}

/** Wires the page up; does nothing outside a sweep page (e.g. when a test imports this file). */
function start() {
  if (typeof document === 'undefined') return;
  const json = document.getElementById('heatmap-data');
  const selects = ['heatmap-x', 'heatmap-y', 'heatmap-aggregation'].map(
    (id) => /** @type {HTMLSelectElement | null} */ (document.getElementById(id)),
  );
  if (json && selects.every((select) => select !== null)) {
    const data = /** @type {HeatmapData} */ (JSON.parse(json.textContent ?? ''));
    const chosen = /** @type {HTMLSelectElement[]} */ (selects);
    for (const select of chosen) {
      select.addEventListener('change', () => drawHeatmap(data, chosen));
    }
    drawHeatmap(data, chosen);
  }
  for (const table of document.querySelectorAll('table.sortable')) {
    sortableTable(/** @type {HTMLTableElement} */ (table));
  }
  document.body.dataset.ready = 'true';
}

start();
