import assert from "node:assert/strict";
import {
  findKitRegions,
  findRegions,
  MarkerError,
  regionBodies,
  replaceBodies,
} from "./markers.ts";

// Marker lines are built from arrays of strings, so that no line of this file
// starts with a marker and the kit's own scan of its sources finds none here.
const SOURCE = [
  "export function double(x: number): number {",
  "  // exercise double: return twice the input",
  "  const twice = 2 * x;",
  "  return twice;",
  "  // end exercise double",
  "}",
  "",
  "export function square(x: number): number {",
  "    // exercise square: return the input times itself",
  "    return x * x;",
  "    // end exercise square",
  "}",
  "",
].join("\n");

Deno.test("findRegions locates bodies and lines", () => {
  const regions = findRegions("math.ts", SOURCE);
  assert.deepEqual(
    regions.map((region) => [region.id, region.title, region.startLine, region.endLine]),
    [
      ["double", "return twice the input", 2, 5],
      ["square", "return the input times itself", 9, 11],
    ],
  );
  assert.equal(regions[1].indent, "    ");
  assert.deepEqual(
    regionBodies(SOURCE, regions),
    new Map([
      ["double", "  const twice = 2 * x;\n  return twice;\n"],
      ["square", "    return x * x;\n"],
    ]),
  );
});

Deno.test("findRegions reads CRLF line endings", () => {
  const crlf = SOURCE.replaceAll("\n", "\r\n");
  const [double] = findRegions("math.ts", crlf);
  assert.equal(
    crlf.slice(double.bodyStart, double.bodyEnd),
    "  const twice = 2 * x;\r\n  return twice;\r\n",
  );
});

Deno.test("replaceBodies keeps everything outside bodies", () => {
  const regions = findRegions("math.ts", SOURCE);
  const replaced = replaceBodies(SOURCE, regions, (region) => `${region.indent}BODY\n`);
  assert.equal(
    replaced,
    SOURCE.replace("  const twice = 2 * x;\n  return twice;\n", "  BODY\n")
      .replace("    return x * x;\n", "    BODY\n"),
  );
});

// Each faulty text, with the line and the part of the message that must name the fault.
const FAULTY: [string, string[], number, RegExp][] = [
  [
    "unclosed region",
    ["a;", "// exercise one: first", "b;"],
    2,
    /^m\.ts:2: Exercise "one" is never closed: add "\/\/ end exercise one"/,
  ],
  [
    "closing marker without opening",
    ["a;", "// end exercise one"],
    2,
    /^m\.ts:2: "\/\/ end exercise one" has no opening/,
  ],
  [
    "nested region",
    ["// exercise one: first", "a;", "// exercise two: second", "b;", "// end exercise two"],
    3,
    /^m\.ts:3: Exercise "two" opens inside exercise "one" \(opened at line 1\)/,
  ],
  [
    "closing marker naming another id",
    ["// exercise one: first", "a;", "// end exercise two"],
    3,
    /^m\.ts:3: .*the open region is "one" \(opened at line 1\)/,
  ],
  [
    "duplicated id in one file",
    [
      "// exercise one: first",
      "a;",
      "// end exercise one",
      "// exercise one: again",
      "b;",
      "// end exercise one",
    ],
    4,
    /^m\.ts:4: Exercise "one" is marked twice, here and at line 1/,
  ],
  [
    "empty body",
    ["// exercise one: first", "// end exercise one"],
    1,
    /^m\.ts:1: Exercise "one" has no body/,
  ],
  [
    "uppercase id",
    ["// exercise Backward: first", "a;", "// end exercise Backward"],
    1,
    /^m\.ts:1: Malformed exercise marker "\/\/ exercise Backward: first"/,
  ],
  [
    "closing marker without id",
    ["// exercise one: first", "a;", "// end exercise"],
    3,
    /^m\.ts:3: Malformed exercise marker/,
  ],
];

Deno.test("findRegions rejects faulty markers with file and line", async (t) => {
  for (const [what, lines, line, message] of FAULTY) {
    await t.step(what, () => {
      assert.throws(() => findRegions("m.ts", lines.join("\n")), { name: "MarkerError", message });
      try {
        findRegions("m.ts", lines.join("\n"));
      } catch (error) {
        assert.ok(error instanceof MarkerError);
        assert.equal(error.path, "m.ts");
        assert.equal(error.line, line);
      }
    });
  }
});

Deno.test("findRegions ignores prose about exercises", () => {
  const text = ["// exercise the engine on a small graph", "// see the exercises below", "x;"];
  assert.deepEqual(findRegions("m.ts", text.join("\n")), []);
});

Deno.test("findKitRegions rejects an id in two files", () => {
  const files = new Map([
    ["a.ts", ["// exercise one: first", "a;", "// end exercise one"].join("\n")],
    ["b.ts", ["x;", "// exercise one: again", "b;", "// end exercise one"].join("\n")],
  ]);
  assert.throws(() => findKitRegions(files), {
    name: "MarkerError",
    message: /^b\.ts:2: Exercise "one" is marked twice, here and at a\.ts:1/,
  });
});
