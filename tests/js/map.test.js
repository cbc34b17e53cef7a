// The map script's colour steps are site/versioned/explorer/geo.classes' (fixtures/map_classes.json), its
// tables rank countries a balance from the largest deficit, a flow from the largest.
const test = require("node:test");
const assert = require("node:assert/strict");
const map = require("../../src/tradesite/assets/explorer/tradesite-explorer-map.js");
const fixture = require("./fixtures/map_classes.json");

test("colour classes: quantiles of the magnitudes, as geo.classes", () => {
  for (const c of fixture.cases) assert.deepEqual(map.classes(c.values, c.flow), c.classes, JSON.stringify(c.values));
});

test("ranking and rows of a month's file", () => {
  const data = { flows: { balance: [["B", "1", false, "s-b", -5], ["A", null, false, null, -5], ["EU", null, true, "s-eu", -50], ["C", "2", false, "s-c", 3]] } };
  const rows = map.rowsOf(data, "balance");
  assert.deepEqual(rows[2], { partner: "EU", shape: null, aggregate: true, series: "s-eu", value: -50 });
  assert.deepEqual(map.ranked(rows, "balance").map((r) => r.partner), ["EU", "A", "B", "C"]);
  assert.deepEqual(map.ranked(rows, "exports").map((r) => r.partner), ["C", "A", "B", "EU"]);
  assert.deepEqual(map.rowsOf(data, "imports"), []);
});
