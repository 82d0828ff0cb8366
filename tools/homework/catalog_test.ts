import assert from "node:assert/strict";
import { checkCatalogCoversRegions, loadCatalog, parseCatalog } from "./catalog.ts";
import { findRegions } from "./markers.ts";
import kitCatalog from "./exercises.json" with { type: "json" };

const GOOD = { id: "double", lesson: "00 intro", points: 1, hints: ["a", "b"] };

Deno.test("parseCatalog reads the kit's catalog", () => {
  const exercises = parseCatalog(kitCatalog, "exercises.json");
  assert.ok(exercises.length > 0);
  for (const exercise of exercises) {
    assert.equal(
      exercise.hints.length,
      3,
      `${exercise.id} has the idea, the place, nearly the answer`,
    );
  }
});

Deno.test("parseCatalog rejects bad entries", async (t) => {
  const cases: [string, unknown, string, RegExp][] = [
    [
      "no exercises array",
      { exercise: [] },
      "TypeError",
      /expected an object with an "exercises" array/,
    ],
    ["bad id", { exercises: [{ ...GOOD, id: "Double" }] }, "TypeError", /"id" must be lowercase/],
    [
      "repeated id",
      { exercises: [GOOD, GOOD] },
      "RangeError",
      /exercise 2: exercise "double" is listed twice/,
    ],
    [
      "zero points",
      { exercises: [{ ...GOOD, points: 0 }] },
      "RangeError",
      /"points" must be a positive integer, got 0/,
    ],
    [
      "no hints",
      { exercises: [{ ...GOOD, hints: [] }] },
      "RangeError",
      /"hints" must be a non-empty array/,
    ],
    [
      "blank hint",
      { exercises: [{ ...GOOD, hints: ["a", " "] }] },
      "RangeError",
      /hint 2 must be a non-empty string/,
    ],
    [
      "no lesson",
      { exercises: [{ ...GOOD, lesson: "" }] },
      "TypeError",
      /"lesson" must be a non-empty string/,
    ],
  ];
  for (const [what, json, name, message] of cases) {
    await t.step(what, () => assert.throws(() => parseCatalog(json, "x.json"), { name, message }));
  }
});

Deno.test("loadCatalog reports a missing or invalid file", () => {
  assert.throws(() => loadCatalog(new Map()), {
    name: "RangeError",
    message: /Cannot find tools\/homework\/exercises\.json in the kit/,
  });
  const invalid = new Map([["tools/homework/exercises.json", new TextEncoder().encode("{")]]);
  assert.throws(() => loadCatalog(invalid), { name: "TypeError", message: /Cannot read tools/ });
});

Deno.test("checkCatalogCoversRegions needs a region per entry", () => {
  const regions = findRegions(
    "m.ts",
    ["// exercise double: d", "x;", "// end exercise double"].join("\n"),
  );
  checkCatalogCoversRegions([GOOD], regions);
  assert.throws(() => checkCatalogCoversRegions([GOOD, { ...GOOD, id: "square" }], regions), {
    name: "RangeError",
    message: /lists exercises that no region marks: square/,
  });
});
