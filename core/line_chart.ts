/**
 * A line chart as SVG text, for plotting a loss against the training step.
 *
 * The chart is drawn from numbers alone, with no external tool: axes with
 * ticks and labels, one polyline per series with one point per value, and a
 * legend. The y axis may be logarithmic, which is how training losses are
 * usually plotted, because they fall by orders of magnitude.
 *
 * @module
 */

import { describeArgument } from "./argument.ts";
import { escapeXml } from "./graph_svg.ts";

/** One line of the chart: `values[k]` is plotted at x = k. */
export interface ChartSeries {
  /** The name shown in the legend. */
  label: string;
  /** The y values, one per step from step 0. */
  values: readonly number[];
}

/** Options of {@linkcode lineChartSvg}. */
export interface LineChartOptions {
  /** A title above the plot. */
  title: string;
  /** The x axis label, such as `"step"`. */
  xLabel: string;
  /** The y axis label, such as `"E_total (log scale)"`. */
  yLabel: string;
  /** `"log"` for a base-10 logarithmic y axis, `"linear"` (the default) otherwise. */
  yScale?: "linear" | "log";
}

// Layout in SVG user units (pixels at 100% zoom).
const WIDTH = 900;
const HEIGHT = 520;
const MARGIN = { top: 56, right: 30, bottom: 64, left: 92 };
const TICK_LENGTH = 6;
const FONT = "DejaVu Sans, Helvetica, Arial, sans-serif";
// Colour-blind-safe colours from Paul Tol's "bright" scheme.
const COLORS = ["#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377"];
// Coordinates are written with 2 decimals: 1/100 pixel, finer than any screen shows.
const COORDINATE_DECIMALS = 2;
// Aim for about this many labelled ticks on a linear axis.
const TARGET_TICKS = 6;

/**
 * Draws series of values against their index as an SVG line chart.
 *
 * @param series The lines to draw, each with a legend label.
 * @param options The title, the axis labels and the y scale.
 * @returns A complete SVG document.
 * @throws {TypeError} If `series` is not an array, `options` is not an object,
 * a title or axis label is not a string, a series has no label text, or its
 * values are not an array of numbers.
 * @throws {RangeError} If there is no series, a series is empty, a value is not
 * finite, a value is not above 0 on a log scale, or the y scale is unknown.
 *
 * @example Usage
 * ```ts
 * import { lineChartSvg } from "./line_chart.ts";
 * import assert from "node:assert/strict";
 *
 * const svg = lineChartSvg([{ label: "loss", values: [1, 0.1, 0.01] }], {
 *   title: "Loss",
 *   xLabel: "step",
 *   yLabel: "loss (log scale)",
 *   yScale: "log",
 * });
 * assert.match(svg, /<polyline [^>]*points="[^"]+"/);
 * ```
 */
export function lineChartSvg(
  series: readonly ChartSeries[],
  options: LineChartOptions,
): string {
  checkInput(series, options);
  const yScale = options.yScale ?? "linear";

  const plot = {
    left: MARGIN.left,
    right: WIDTH - MARGIN.right,
    top: MARGIN.top,
    bottom: HEIGHT - MARGIN.bottom,
  };
  const lastIndex = Math.max(...series.map((line) => line.values.length - 1), 1);
  // A loop, not Math.min(...values): spreading a long training history
  // overflows the call stack.
  let minimum = Infinity;
  let maximum = -Infinity;
  for (const line of series) {
    for (const value of line.values) {
      minimum = Math.min(minimum, value);
      maximum = Math.max(maximum, value);
    }
  }
  const yAxis = yScale === "log" ? logAxis(minimum, maximum) : linearAxis(minimum, maximum);
  const xAxis = linearAxis(0, lastIndex);
  const x = (step: number) =>
    plot.left + (step - xAxis.min) / (xAxis.max - xAxis.min) * (plot.right - plot.left);
  const y = (value: number) => {
    const position = yScale === "log" ? Math.log10(value) : value;
    return plot.bottom -
      (position - yAxis.min) / (yAxis.max - yAxis.min) * (plot.bottom - plot.top);
  };

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" ` +
      `viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="${FONT}" font-size="13">`,
  );
  parts.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`);
  parts.push(
    `<text class="title" x="${WIDTH / 2}" y="28" text-anchor="middle" font-size="16" ` +
      `font-weight="bold">${escapeXml(options.title)}</text>`,
  );

  // Grid lines and ticks. On a log axis, the minor ticks at 2..9 times each
  // power of ten get a light grid line and no label.
  parts.push(`<g class="y-axis">`);
  for (const tick of yAxis.ticks) {
    const position = yScale === "log" ? y(10 ** tick.position) : y(tick.position);
    const py = fixed(position);
    const stroke = tick.label === null ? "#f0f0f0" : "#dddddd";
    parts.push(
      `<line x1="${plot.left}" y1="${py}" x2="${plot.right}" y2="${py}" stroke="${stroke}"/>`,
    );
    const length = tick.label === null ? TICK_LENGTH / 2 : TICK_LENGTH;
    parts.push(
      `<line x1="${plot.left - length}" y1="${py}" x2="${plot.left}" y2="${py}" stroke="black"/>`,
    );
    if (tick.label !== null) {
      parts.push(
        `<text class="tick" x="${plot.left - TICK_LENGTH - 4}" y="${py}" text-anchor="end" ` +
          `dominant-baseline="middle">${tick.label}</text>`,
      );
    }
  }
  parts.push(`</g>`);
  parts.push(`<g class="x-axis">`);
  for (const tick of xAxis.ticks) {
    const px = fixed(x(tick.position));
    parts.push(
      `<line x1="${px}" y1="${plot.top}" x2="${px}" y2="${plot.bottom}" stroke="#dddddd"/>`,
    );
    parts.push(
      `<line x1="${px}" y1="${plot.bottom}" x2="${px}" y2="${
        plot.bottom + TICK_LENGTH
      }" stroke="black"/>`,
    );
    parts.push(
      `<text class="tick" x="${px}" y="${plot.bottom + TICK_LENGTH + 14}" ` +
        `text-anchor="middle">${tick.label}</text>`,
    );
  }
  parts.push(`</g>`);

  // The axes themselves, drawn over the grid.
  parts.push(
    `<path d="M${plot.left},${plot.top} V${plot.bottom} H${plot.right}" fill="none" stroke="black"/>`,
  );
  parts.push(
    `<text class="x-label" x="${(plot.left + plot.right) / 2}" y="${HEIGHT - 16}" ` +
      `text-anchor="middle">${escapeXml(options.xLabel)}</text>`,
  );
  const yLabelX = 22;
  const yLabelY = (plot.top + plot.bottom) / 2;
  parts.push(
    `<text class="y-label" x="${yLabelX}" y="${yLabelY}" text-anchor="middle" ` +
      `transform="rotate(-90 ${yLabelX} ${yLabelY})">${escapeXml(options.yLabel)}</text>`,
  );

  // One polyline per series, one point per value.
  series.forEach((line, index) => {
    const points = line.values.map((value, step) => `${fixed(x(step))},${fixed(y(value))}`);
    parts.push(
      `<polyline class="series" data-label="${escapeXml(line.label)}" fill="none" ` +
        `stroke="${COLORS[index % COLORS.length]}" stroke-width="2" ` +
        `points="${points.join(" ")}"/>`,
    );
  });

  // The legend, in the top right corner of the plot, where falling curves leave room.
  parts.push(`<g class="legend">`);
  const longestLabel = Math.max(...series.map((line) => line.label.length));
  // Width estimated at 0.6 em a character, wide enough for this sans-serif font.
  const legendWidth = 56 + longestLabel * 13 * 0.6;
  parts.push(
    `<rect x="${plot.right - legendWidth}" y="${plot.top + 2}" width="${legendWidth - 4}" ` +
      `height="${series.length * 20 + 4}" fill="white" stroke="#cccccc"/>`,
  );
  series.forEach((line, index) => {
    const top = plot.top + 14 + index * 20;
    const right = plot.right - 12;
    parts.push(
      `<line x1="${right - 28}" y1="${top}" x2="${right}" y2="${top}" ` +
        `stroke="${COLORS[index % COLORS.length]}" stroke-width="3"/>`,
    );
    parts.push(
      `<text x="${right - 34}" y="${top}" text-anchor="end" dominant-baseline="middle">${
        escapeXml(line.label)
      }</text>`,
    );
  });
  parts.push(`</g>`);
  parts.push(`</svg>`);
  return parts.join("\n") + "\n";
}

/** A tick on an axis: its position in axis units (log10 of the value on a log axis), and its label. */
interface Tick {
  position: number;
  /** The label as SVG content, or null for an unlabelled minor tick. */
  label: string | null;
}

interface Axis {
  min: number;
  max: number;
  ticks: Tick[];
}

/** Builds an axis from a round number below `low` to one above `high`, with about 6 round ticks. */
function linearAxis(low: number, high: number): Axis {
  if (low === high) {
    // A flat line: give it a range around its value so it has somewhere to sit.
    const pad = low === 0 ? 1 : Math.abs(low) / 2;
    low -= pad;
    high += pad;
  }
  const roughStep = (high - low) / TARGET_TICKS;
  const magnitude = 10 ** Math.floor(Math.log10(roughStep));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= roughStep)!;
  const min = Math.floor(low / step) * step;
  const max = Math.ceil(high / step) * step;
  const ticks: Tick[] = [];
  const decimals = decimalsOf(step);
  for (let k = 0; min + k * step <= max + step / 1e6; k++) {
    const position = min + k * step;
    ticks.push({ position, label: formatTickNumber(position, decimals) });
  }
  return { min, max, ticks };
}

/** Builds a base-10 log axis over whole decades, with a labelled tick at each power of ten. */
function logAxis(low: number, high: number): Axis {
  let min = Math.floor(Math.log10(low));
  let max = Math.ceil(Math.log10(high));
  if (min === max) {
    min -= 1;
    max += 1;
  }
  const ticks: Tick[] = [];
  for (let exponent = min; exponent <= max; exponent++) {
    ticks.push({ position: exponent, label: powerOfTen(exponent) });
    if (exponent === max) break;
    for (let multiple = 2; multiple <= 9; multiple++) {
      ticks.push({ position: exponent + Math.log10(multiple), label: null });
    }
  }
  return { min, max, ticks };
}

/** Writes 10ⁿ as SVG text with a raised exponent, such as 10⁻⁵. */
function powerOfTen(exponent: number): string {
  const sign = exponent < 0 ? "\u2212" : "";
  return `10<tspan dy="-6" font-size="10">${sign}${Math.abs(exponent)}</tspan>`;
}

/** Formats a tick value with thousands separators, such as 10,000. */
function formatTickNumber(x: number, decimals: number): string {
  const text = Math.abs(x) < 1e-12 ? 0 : x;
  return text.toLocaleString("en-US", {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).replace("-", "\u2212");
}

/** Returns the minimum number of decimals, up to 12, that writes a tick step such as 0.25 exactly. */
function decimalsOf(step: number): number {
  let decimals = 0;
  while (
    decimals < 12 && Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals) > 1e-9
  ) {
    decimals++;
  }
  return decimals;
}

function fixed(x: number): string {
  return x.toFixed(COORDINATE_DECIMALS);
}

function checkInput(series: readonly ChartSeries[], options: LineChartOptions): void {
  if (!Array.isArray(series)) {
    throw new TypeError(
      `Cannot draw a line chart of ${
        describeArgument(series)
      }: expected an array of series, each { label, values }`,
    );
  }
  if (series.length === 0) {
    throw new RangeError("Cannot draw a line chart without series: give at least one");
  }
  if (typeof options !== "object" || options === null) {
    throw new TypeError(
      `Cannot draw a line chart with options ${
        describeArgument(options)
      }: give an object with a title and axis labels`,
    );
  }
  for (const key of ["title", "xLabel", "yLabel"] as const) {
    if (typeof options[key] !== "string") {
      throw new TypeError(
        `Cannot draw a line chart: option ${key} must be a string, got ${
          describeArgument(options[key])
        }`,
      );
    }
  }
  const yScale = options.yScale ?? "linear";
  if (yScale !== "linear" && yScale !== "log") {
    throw new RangeError(
      `Invalid y scale ${JSON.stringify(yScale)}: expected "linear" or "log"`,
    );
  }
  series.forEach((line, index) => {
    if (typeof line !== "object" || line === null) {
      throw new TypeError(
        `Invalid series ${index}: it is ${describeArgument(line)}, expected { label, values }`,
      );
    }
    if (typeof line.label !== "string") {
      throw new TypeError(
        `Invalid series ${index}: its label must be a string, got ${describeArgument(line.label)}`,
      );
    }
    if (!Array.isArray(line.values)) {
      throw new TypeError(
        `Invalid series ${JSON.stringify(line.label)}: its values must be an array of numbers, ` +
          `got ${describeArgument(line.values)}`,
      );
    }
    if (line.values.length === 0) {
      throw new RangeError(
        `Invalid series ${JSON.stringify(line.label)}: it needs at least one value`,
      );
    }
    (line.values as readonly unknown[]).forEach((value: unknown, step: number) => {
      if (typeof value !== "number") {
        throw new TypeError(
          `Invalid series ${JSON.stringify(line.label)}: value ${step} is ${
            describeArgument(value)
          }, expected a number`,
        );
      }
      if (!Number.isFinite(value)) {
        throw new RangeError(
          `Cannot plot series ${JSON.stringify(line.label)}: value ${step} is ${value}; ` +
            `only finite values can be drawn`,
        );
      }
      if (yScale === "log" && (value as number) <= 0) {
        throw new RangeError(
          `Cannot plot series ${JSON.stringify(line.label)} on a log scale: value ${step} is ` +
            `${value}; use yScale "linear" for values at or below 0`,
        );
      }
    });
  });
}
