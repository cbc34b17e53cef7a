// The chart script's pure functions: CSV, vintages as of a release, transforms with gaps, the
// line chart's layout against site/render/linechart.py (fixtures/linechart.json), finding a series.
const test = require("node:test");
const assert = require("node:assert/strict");
const chart = require("../../src/tradesite/assets/explorer/tradesite-explorer-chart.js");
const drawn = require("./fixtures/linechart.json");

const CSV = `period,value,unit,first_release,last_release,status
2025-01,-100,millions of dollars,2025-02,2025-02,unrevised
2025-01,-110,millions of dollars,2025-03,,revised
2025-02,-120.5,millions of dollars,2025-02,,unrevised
2025-03,-90,"millions of dollars, ""quoted""",2025-03,,unrevised
`;

test("CSV: header, quoted fields, doubled quotes, a byte order mark", () => {
  const rows = chart.parseCsv(`\uFEFF${CSV}`);
  assert.equal(rows.length, 4);
  assert.equal(rows[3].unit, 'millions of dollars, "quoted"');
  assert.equal(rows[1].last_release, "");
  assert.deepEqual(chart.parseCsv("a,b\r\n1,2\r\n"), [{ a: "1", b: "2" }]);
});

test("vintages: each period as known at a release, the newest without one", () => {
  const pts = chart.points(chart.parseCsv(CSV));
  assert.deepEqual(chart.releases(pts), ["2025-02", "2025-03"]);
  const at = (r) => Object.fromEntries(Object.entries(chart.asOf(pts, r)).map(([p, o]) => [p, o.value]));
  assert.deepEqual(at("2025-02"), { "2025-01": -100, "2025-02": -120.5 });
  assert.deepEqual(at("2025-03"), { "2025-01": -110, "2025-02": -120.5, "2025-03": -90 });
  assert.deepEqual(at(""), at("2025-03"));
});

const values = (list) => Object.fromEntries(list.map((o) => [o.period, o.value]));

test("transforms: change, percent, a year earlier, three-month average", () => {
  const v = { "2024-01": 100, "2024-02": 110, "2024-03": 99, "2025-01": 120, "2025-02": 121, "2025-03": 0 };
  assert.deepEqual(values(chart.transform(v, "monthly", "change")), { "2024-02": 10, "2024-03": -11, "2025-02": 1, "2025-03": -121 });
  assert.deepEqual(values(chart.transform(v, "monthly", "pct")), { "2024-02": 10, "2024-03": -10, "2025-02": 0.833333, "2025-03": -100 });
  assert.deepEqual(values(chart.transform(v, "monthly", "yoy")), { "2025-01": 20, "2025-02": 10, "2025-03": -100 });
  assert.deepEqual(values(chart.transform(v, "monthly", "ma3")), { "2024-03": 103, "2025-03": 80.333333 });
  assert.equal(chart.transform(v, "monthly", "pct").decimals, 1);
  assert.deepEqual(values(chart.transform({ "2024-Q3": 10, "2024-Q4": 12, "2025-Q3": 15 }, "quarterly", "yoy")), { "2025-Q3": 50 });
  assert.deepEqual(values(chart.transform({ "2024-01": 0.1, "2024-02": 0.2 }, "monthly", "change")), { "2024-02": 0.1 });
});

test("a missing period is a gap after every transform, never a value joined across it", () => {
  const v = {};
  for (const p of ["2024-01", "2024-02", "2024-03", "2024-05", "2024-06", "2024-07"]) v[p] = 10;
  assert.deepEqual(Object.keys(values(chart.transform(v, "monthly", "change"))), ["2024-02", "2024-03", "2024-06", "2024-07"]);
  assert.deepEqual(Object.keys(values(chart.transform(v, "monthly", "ma3"))), ["2024-03", "2024-07"]);
  assert.deepEqual(Object.keys(values(chart.transform(v, "monthly", "quarter"))), ["2024-Q1"]);
  assert.deepEqual(Object.keys(values(chart.transform(v, "monthly", "ytd"))), ["2024-01", "2024-02", "2024-03"]);
  assert.deepEqual(values(chart.transform(v, "monthly", "year")), {});
  const runs = chart.runs(chart.transform(v, "monthly", "change"));
  assert.deepEqual(runs.map((r) => r.map((o) => o.period)), [["2024-02", "2024-03"], ["2024-06", "2024-07"]]);
  const L = chart.layout([{ points: chart.transform(v, "monthly", "change") }], "wide");
  assert.equal((L.lines[0].d.match(/M/g) || []).length, 2, "two runs: two subpaths, nothing across the gap");
});

test("which transforms a series has: sums only for a flow of months or quarters, not a price", () => {
  assert.deepEqual(chart.transforms("monthly", "millions of dollars"), ["level", "change", "pct", "yoy", "ma3", "quarter", "year", "ytd"]);
  assert.deepEqual(chart.transforms("quarterly", "millions of dollars"), ["level", "change", "pct", "yoy", "year", "ytd"]);
  assert.deepEqual(chart.transforms("annual", "millions of dollars"), ["level", "change", "pct", "yoy"]);
  assert.deepEqual(chart.transforms("monthly", "dollars per barrel"), ["level", "change", "pct", "yoy", "ma3"]);
  assert.equal(chart.unitOf("millions of dollars", "change"), "millions of dollars, change");
  assert.equal(chart.unitOf("millions of dollars", "yoy"), "percent");
  assert.equal(chart.periodType("2025-03", "ytd"), "year_to_date");
  assert.equal(chart.periodType("2025-Q1", "quarter"), "quarter");
});

test("a range keeps the periods inside it, a quarter or year only whole", () => {
  assert.equal(chart.inRange("2024-03", "2024-01", "2024-12"), true);
  assert.equal(chart.inRange("2023-12", "2024-01", ""), false);
  assert.equal(chart.inRange("2024-Q1", "2024-01", "2024-03"), true);
  assert.equal(chart.inRange("2024-Q1", "2024-02", ""), false);
  assert.equal(chart.inRange("2024", "2024-01", "2024-12"), true);
  assert.equal(chart.inRange("2024", "", "2024-11"), false);
});

test("the layout is site/render/linechart.py's: axis labels, path data, dots", () => {
  for (const c of drawn.charts) {
    const line = { points: c.points.map(([period, value]) => ({ period, value })) };
    const L = chart.layout([line], c.layout);
    assert.deepEqual(L.text.map((t) => t.text), c.labels, `${c.name} ${c.layout}: labels`);
    assert.deepEqual([L.lines[0].d], c.paths, `${c.name} ${c.layout}: path`);
    assert.equal(L.lines[0].dots.length, c.dots, `${c.name} ${c.layout}: dots`);
  }
});

test("ticks and their labels", () => {
  assert.deepEqual(chart.ticks(-123195, -54500, 5), [-140000, -120000, -100000, -80000, -60000, -40000]);
  assert.deepEqual(chart.ticks(0, 0, 5), [-1, -0.5, 0, 0.5, 1]);
  assert.equal(chart.tickLabel(-0.5, 0.5), "\u22120.5");
  assert.equal(chart.tickLabel(150000, 50000), "150,000");
});

test("a query finds a series: its id or title in any case, else a title with every word, monthly and shortest first", () => {
  const list = [
    { id: "goods-imports-china-census-nsa-annual", title: "Goods imports from China, Census basis, not seasonally adjusted, annual" },
    { id: "goods-imports-china-census-nsa-monthly", title: "Goods imports from China, Census basis, not seasonally adjusted, monthly" },
    { id: "goods-imports-census-sa-monthly", title: "Goods imports, Census basis, seasonally adjusted, monthly" },
  ];
  assert.equal(chart.match(list, "GOODS-IMPORTS-CHINA-CENSUS-NSA-MONTHLY").id, "goods-imports-china-census-nsa-monthly");
  assert.equal(chart.match(list, "goods imports from china, census basis, not seasonally adjusted, annual").id, "goods-imports-china-census-nsa-annual");
  assert.equal(chart.match(list, "china imports monthly").id, "goods-imports-china-census-nsa-monthly");
  assert.equal(chart.match(list, "imports").id, "goods-imports-census-sa-monthly");
  assert.equal(chart.match(list, "china imports").id, "goods-imports-china-census-nsa-monthly", "monthly before annual");
  assert.equal(chart.match(list, "wine"), null);
  assert.equal(chart.match(list, "  "), null);
});
