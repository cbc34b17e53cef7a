// The loader's pure helpers: one number format, periods, the view in the URL (tradesite-explorer.js).
const test = require("node:test");
const assert = require("node:assert/strict");
const core = require("../../src/tradesite/assets/explorer/tradesite-explorer.js");

const M = "\u2212";

test("numbers: thousands separators, a true minus, half away from zero, never minus zero", () => {
  assert.equal(core.fmt(-73252, 0), `${M}73,252`);
  assert.equal(core.fmt(1234567.891, 1), "1,234,567.9");
  assert.equal(core.fmt(2.5, 0), "3");
  assert.equal(core.fmt(-2.5, 0), `${M}3`);
  assert.equal(core.fmt(2.675, 2), "2.68");
  assert.equal(core.fmt(-0.04, 1), "0.0");
  assert.equal(core.fmt(0, 0), "0");
  assert.equal(core.fmt(999.95, 1), "1,000.0");
  assert.equal(core.fmt(140.5), "140.5");
  assert.equal(core.fmt(-48.032), `${M}48.032`);
});

test("precision: a figure's own places, and the coarsest of a column", () => {
  assert.equal(core.places(140.5), 1);
  assert.equal(core.places(1180), 0);
  assert.equal(core.places(-48.032), 3);
  assert.equal(core.places(0.1 + 0.2), 1);
  assert.equal(core.decimals([1.25, 140.5, 3]), 0);
  assert.equal(core.decimals([1.25, 140.5]), 1);
  assert.equal(core.decimals([]), 0);
});

test("periods: shift across years, month index as site/render/linechart.py counts it", () => {
  assert.equal(core.shift("2025-01", -1), "2024-12");
  assert.equal(core.shift("2024-12", 13), "2026-01");
  assert.equal(core.shift("2025-Q1", -1), "2024-Q4");
  assert.equal(core.shift("2025", -3), "2022");
  assert.equal(core.frequency("2025-03"), "monthly");
  assert.equal(core.frequency("2025-Q3"), "quarterly");
  assert.equal(core.frequency("2025"), "annual");
  assert.equal(core.monthIndex("2025-03"), 24302);
  assert.equal(core.monthIndex("2025-Q1"), 24301);
  assert.equal(core.monthIndex("2025"), 24305.5);
});

test("periods and releases in words", () => {
  assert.equal(core.words("2025-03"), "March 2025");
  assert.equal(core.words("2025-Q2"), "Q2 2025");
  assert.equal(core.words("2025"), "2025");
  assert.equal(core.words("2025-03", true), "Jan.\u2013Mar. 2025");
  assert.equal(core.words("2025-01", true), "January 2025 (year to date)");
  assert.equal(core.release("2025-03"), "March 2025 release");
});

test("URL state: read with defaults, written without them, other keys kept", () => {
  const defaults = { t: "level", from: "", to: "", v: "" };
  assert.deepEqual(core.readState("?t=yoy&from=2021-01&x=1", defaults), { t: "yoy", from: "2021-01", to: "", v: "" });
  assert.deepEqual(core.readState("", defaults), defaults);
  assert.equal(core.writeState("?x=1", { t: "yoy", from: "2021-01", to: "", v: "1" }, defaults), "?x=1&t=yoy&from=2021-01&v=1");
  assert.equal(core.writeState("?t=yoy", { t: "level", from: "", to: "", v: "" }, defaults), "");
  assert.equal(core.writeState("", { s: "a-monthly,b-monthly" }, { s: "" }), "?s=a-monthly,b-monthly");
  const back = core.readState(core.writeState("", { s: "a,b", t: "pct", from: "2020-01", to: "2024-12" }, { s: "" }),
    { s: "", t: "level", from: "", to: "" });
  assert.deepEqual(back, { s: "a,b", t: "pct", from: "2020-01", to: "2024-12" });
  assert.equal(core.hasAny("?m=2025-02", ["m", "f"]), true);
  assert.equal(core.hasAny("?embed=1", ["t", "v"]), false);
});
