import assert from "node:assert/strict";
import { formatHint } from "./hint.ts";
import { findRegions } from "./markers.ts";

const EXERCISES = [
  { id: "double", lesson: "00 intro", points: 1, hints: ["The idea", "Where to look", "Nearly"] },
];

Deno.test("formatHint shows one level and the next command", () => {
  assert.equal(
    formatHint(EXERCISES, "double", 1),
    "Hint 1 of 3 for exercise double (00 intro):\n  The idea\nNext: deno task hint double 2\n",
  );
});

Deno.test("formatHint says when it is the last", () => {
  assert.match(formatHint(EXERCISES, "double", 3), / {2}Nearly\nThat was the last hint\.\n$/);
});

Deno.test("formatHint names the region's place", () => {
  const text = ["x;", "// exercise double: return twice the input", "y;", "// end exercise double"];
  const [region] = findRegions("src/m.ts", text.join("\n"));
  assert.match(
    formatHint(EXERCISES, "double", 2, region),
    /^Hint 2 of 3 for exercise double, return twice the input \(src\/m\.ts:2\):\n {2}Where to look\n/,
  );
});

Deno.test("formatHint rejects unknown ids and levels", () => {
  assert.throws(() => formatHint(EXERCISES, "triple", 1), {
    name: "RangeError",
    message: /^No exercise is called "triple": the exercises are double$/,
  });
  for (const level of [0, 4, 1.5, NaN]) {
    assert.throws(() => formatHint(EXERCISES, "double", level), {
      name: "RangeError",
      message: /^Exercise double has hints 1 to 3, not/,
    });
  }
});
