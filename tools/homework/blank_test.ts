import assert from "node:assert/strict";
import { makeStudentKit, placeholder, unfinishedExercisesIn, unfinishedMessage } from "./blank.ts";
import type { Exercise } from "./catalog.ts";
import { findRegions } from "./markers.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const MATH = [
  "export function double(x: number): number {",
  "  // exercise double: return twice the input",
  "  return 2 * x;",
  "  // end exercise double",
  "}",
  "",
].join("\n");

const EXERCISES: Exercise[] = [
  { id: "double", lesson: "00 intro", points: 1, hints: ["Use 2 * x", "b", "c"] },
];

Deno.test("makeStudentKit replaces only region bodies", () => {
  const readme = new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69, 0xff]);
  const kit = makeStudentKit(
    new Map([["src/math.ts", encoder.encode(MATH)], ["README.md", readme]]),
    EXERCISES,
  );
  assert.equal(
    decoder.decode(kit.files.get("src/math.ts")),
    MATH.replace(
      "  return 2 * x;\n",
      '  throw new Error("Exercise double is not done yet: Use 2 * x ' +
        '(more: deno task hint double)");\n',
    ),
  );
  // Other files, invalid UTF-8 included, are copied byte for byte.
  assert.deepEqual(kit.files.get("README.md"), readme);
});

Deno.test("makeStudentKit keeps a byte-order mark and CRLF", () => {
  const text = "\uFEFF" + MATH.replaceAll("\n", "\r\n");
  const kit = makeStudentKit(new Map([["m.ts", encoder.encode(text)]]), EXERCISES);
  const blanked = new TextDecoder("utf-8", { ignoreBOM: true }).decode(kit.files.get("m.ts"));
  assert.ok(blanked.startsWith("\uFEFFexport function double"));
  assert.ok(blanked.includes('\r\n  throw new Error("Exercise double'), blanked);
  assert.ok(blanked.includes(");\r\n  // end exercise double\r\n"), blanked);
});

Deno.test("makeStudentKit rejects a region missing from the catalog", () => {
  assert.throws(() => makeStudentKit(new Map([["m.ts", encoder.encode(MATH)]]), []), {
    name: "RangeError",
    message: /^m\.ts:2: Exercise "double" is not in tools\/homework\/exercises\.json/,
  });
});

Deno.test("makeStudentKit rejects faulty markers", () => {
  const broken = MATH.replace("  // end exercise double\n", "");
  assert.throws(() => makeStudentKit(new Map([["m.ts", encoder.encode(broken)]]), EXERCISES), {
    name: "MarkerError",
    message: /^m\.ts:2: Exercise "double" is never closed/,
  });
});

Deno.test("placeholder wraps a long message like deno fmt", () => {
  const [region] = findRegions("m.ts", MATH);
  const long = "x".repeat(80);
  assert.equal(
    placeholder(region, long),
    `  throw new Error(\n    ${JSON.stringify(unfinishedMessage("double", long))},\n  );\n`,
  );
});

Deno.test("placeholder escapes quotes in hints", () => {
  const [region] = findRegions("m.ts", MATH);
  assert.equal(
    placeholder(region, 'say "hi"'),
    '  throw new Error("Exercise double is not done yet: say \\"hi\\" (more: deno task hint double)");\n',
  );
});

Deno.test("unfinishedExercisesIn finds each id once", () => {
  const text = [
    "Error: Exercise backward-mul is not done yet: ... (more: deno task hint backward-mul)",
    "    at propagate (file:///kit/core/value.ts:455:13)",
    "Exercise topological-order is not done yet: x",
    "Exercise backward-mul is not done yet: again",
  ].join("\n");
  assert.deepEqual(unfinishedExercisesIn(text), ["backward-mul", "topological-order"]);
  assert.deepEqual(unfinishedExercisesIn("AssertionError: 3 !== 4"), []);
});
