// Issue 21.7: quarterly and annual totals and year to date of a monthly flow, computed in the
// browser as the report computes them (sums of the months; a quarter or year only when all its
// months are there; year to date from January), against the release's tidy tables
// (fixtures/sums.json, made by make_fixtures.py from data/releases/2025-03): pandas' sums
// exactly, and the annual and year-to-date figures the release printed within the rounding of
// its months (each printed to the unit).
const test = require("node:test");
const assert = require("node:assert/strict");
const chart = require("../../src/tradesite/assets/explorer/tradesite-explorer-chart.js");
const fixture = require("./fixtures/sums.json");

const values = (list) => Object.fromEntries(list.map((o) => [o.period, o.value]));

test("the fixture has seasonally adjusted and not adjusted lines with printed totals", () => {
  const kinds = new Set(fixture.cases.map((c) => c.seasonal_adjustment));
  assert.deepEqual([...kinds].sort(), ["not_seasonally_adjusted", "seasonally_adjusted"]);
  assert.ok(fixture.cases.every((c) => Object.keys(c.printed_year).length && Object.keys(c.printed_ytd).length));
});

for (const c of fixture.cases) {
  const name = `${c.line} ${c.flow}, ${c.seasonal_adjustment} (${c.source})`;
  test(`sums of ${name}`, () => {
    assert.deepEqual(values(chart.transform(c.months, "monthly", "quarter")), c.quarter);
    assert.deepEqual(values(chart.transform(c.months, "monthly", "year")), c.year);
    assert.deepEqual(values(chart.transform(c.months, "monthly", "ytd")), c.ytd);
    const year = values(chart.transform(c.months, "monthly", "year"));
    for (const [y, printed] of Object.entries(c.printed_year)) {
      assert.ok(y in year, `${y}: every month is there, so is the year`);
      assert.ok(Math.abs(year[y] - printed) <= 6.5, `${y}: ${year[y]} against ${printed} printed`);
    }
    const ytd = values(chart.transform(c.months, "monthly", "ytd"));
    for (const [p, printed] of Object.entries(c.printed_ytd)) {
      const n = Number(p.slice(5, 7));
      assert.ok(Math.abs(ytd[p] - printed) <= n / 2 + 0.5, `${p}: ${ytd[p]} against ${printed} printed`);
    }
  });
}

test("a month missing: no quarter, no year, no year to date from it on in its year", () => {
  const c = fixture.cases[0];
  const months = { ...c.months };
  delete months["2024-05"];
  const q = values(chart.transform(months, "monthly", "quarter"));
  assert.ok(!("2024-Q2" in q) && "2024-Q1" in q && "2024-Q3" in q);
  assert.ok(!("2024" in values(chart.transform(months, "monthly", "year"))));
  const ytd = values(chart.transform(months, "monthly", "ytd"));
  assert.ok("2024-04" in ytd && !("2024-05" in ytd) && !("2024-12" in ytd) && "2025-01" in ytd);
});
