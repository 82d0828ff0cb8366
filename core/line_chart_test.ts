import assert from "node:assert/strict";
import { type LineChartOptions, lineChartSvg } from "./line_chart.ts";
import { allElements, parseXml, type XmlElement } from "./xml_well_formed.ts";

const OPTIONS: LineChartOptions = {
  title: "E_total while training",
  xLabel: "step",
  yLabel: "E_total (log scale)",
  yScale: "log",
};

function withClass(root: XmlElement, name: string, className: string): XmlElement[] {
  return allElements(root).filter((e) => e.name === name && e.attributes.class === className);
}

/** Returns the text of an element and its children, as a browser shows it. */
function fullText(element: XmlElement): string {
  return element.text + element.children.map(fullText).join("");
}

Deno.test("lineChartSvg labels both axes", () => {
  const root = parseXml(lineChartSvg([{ label: "loss", values: [1, 0.1, 0.01] }], OPTIONS));
  assert.equal(root.name, "svg");
  assert.equal(withClass(root, "text", "x-label")[0].text, "step");
  assert.equal(withClass(root, "text", "y-label")[0].text, "E_total (log scale)");
  assert.equal(withClass(root, "text", "title")[0].text, "E_total while training");
});

Deno.test("lineChartSvg draws one point per value", () => {
  // Squares of 0.3 over 101 steps, a curve over 53 decades.
  const values = Array.from({ length: 101 }, (_, k) => 0.3 ** (k / 2 + 1));
  const root = parseXml(
    lineChartSvg([{ label: "a", values }, { label: "b", values: values.slice(0, 7) }], OPTIONS),
  );
  const lines = withClass(root, "polyline", "series");
  assert.deepEqual(lines.map((line) => line.attributes["data-label"]), ["a", "b"]);
  const points = lines.map((line) => line.attributes.points.split(" "));
  assert.equal(points[0].length, 101);
  assert.equal(points[1].length, 7);
  // x grows with the step; on a log scale equal ratios are equal distances.
  const xy = points[0].map((point) => point.split(",").map(Number));
  for (let k = 1; k < xy.length; k++) assert.ok(xy[k][0] > xy[k - 1][0]);
  const drop = xy[1][1] - xy[0][1];
  assert.ok(Math.abs(xy[100][1] - xy[99][1] - drop) < 0.02, "constant ratio, constant drop");
});

Deno.test("lineChartSvg log ticks are powers of ten", () => {
  const root = parseXml(lineChartSvg([{ label: "a", values: [0.3, 0.004, 0.00002] }], OPTIONS));
  const ticks = withClass(root, "g", "y-axis")[0].children.filter((e) => e.name === "text");
  // 0.3 down to 2e-5 spans the decades 10^-5 .. 10^0.
  assert.deepEqual(ticks.map(fullText), ["10−5", "10−4", "10−3", "10−2", "10−1", "100"]);
});

Deno.test("lineChartSvg linear ticks are round numbers", () => {
  const values = Array.from({ length: 10_001 }, (_, k) => 1 - k / 10_000);
  const root = parseXml(lineChartSvg([{ label: "a", values }], { ...OPTIONS, yScale: "linear" }));
  const xTicks = withClass(root, "g", "x-axis")[0].children.filter((e) => e.name === "text");
  assert.deepEqual(xTicks.map(fullText), ["0", "2,000", "4,000", "6,000", "8,000", "10,000"]);
  const yTicks = withClass(root, "g", "y-axis")[0].children.filter((e) => e.name === "text");
  assert.deepEqual(yTicks.map(fullText), ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]);
});

Deno.test("lineChartSvg escapes its text", () => {
  const svg = lineChartSvg([{ label: "w < 1 & b", values: [1, 2] }], {
    ...OPTIONS,
    title: `"quoted" <title>`,
    yScale: "linear",
  });
  const root = parseXml(svg);
  assert.equal(withClass(root, "text", "title")[0].text, `"quoted" <title>`);
  assert.equal(withClass(root, "polyline", "series")[0].attributes["data-label"], "w < 1 & b");
});

Deno.test("lineChartSvg rejects values it cannot draw", () => {
  const cases: [unknown, Partial<LineChartOptions>, string, RegExp][] = [
    [[], {}, "RangeError", /Cannot draw a line chart without series/],
    [[{ label: "a", values: [] }], {}, "RangeError", /Invalid series "a": it needs at least one/],
    [
      [{ label: "a", values: [1, 0] }],
      {},
      "RangeError",
      /on a log scale: value 1 is 0; use yScale "linear"/,
    ],
    [
      [{ label: "a", values: [1, NaN] }],
      { yScale: "linear" },
      "RangeError",
      /value 1 is NaN; only finite/,
    ],
    [[{ label: "a", values: [1, "2"] }], {}, "TypeError", /value 1 is "2", expected a number/],
    [[{ values: [1] }], {}, "TypeError", /Invalid series 0: its label must be a string/],
    [
      [{ label: "a", values: [1] }],
      { yScale: "ln" as "log" },
      "RangeError",
      /Invalid y scale "ln"/,
    ],
    [
      [{ label: "a", values: [1] }],
      { xLabel: undefined },
      "TypeError",
      /option xLabel must be a string/,
    ],
  ];
  for (const [series, change, name, message] of cases) {
    assert.throws(
      () => lineChartSvg(series as never, { ...OPTIONS, ...change } as LineChartOptions),
      { name, message },
    );
  }
});

Deno.test("lineChartSvg draws a long series", () => {
  // Math.min(...values) overflows the call stack for arrays this long.
  const values = Array.from({ length: 200_000 }, (_, step) => 1 / (step + 1));
  const labels = { title: "Loss", xLabel: "step", yLabel: "loss", yScale: "log" as const };
  assert.match(lineChartSvg([{ label: "loss", values }], labels), /<polyline /);
});
