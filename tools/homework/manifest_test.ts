import assert from "node:assert/strict";
import type { FileRun } from "./test_run.ts";
import {
  compareFingerprints,
  createManifest,
  fingerprintFiles,
  mapTestsToExercises,
  parseManifest,
  spliceSubmission,
} from "./manifest.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const STUDENT_COPY = [
  "export function double(x: number): number {",
  "  // exercise double: return twice the input",
  '  throw new Error("Exercise double is not done yet: Use 2 * x");',
  "  // end exercise double",
  "}",
  "",
].join("\n");
const EXERCISES = [{ id: "double", lesson: "00 intro", points: 1, hints: ["Use 2 * x"] }];

function files(entries: Record<string, string>): Map<string, Uint8Array> {
  return new Map(Object.entries(entries).map(([path, text]) => [path, encoder.encode(text)]));
}

Deno.test("fingerprintFiles ignores edits inside regions", async () => {
  const before = await fingerprintFiles(files({ "m.ts": STUDENT_COPY }));
  const solved = STUDENT_COPY.replace(/ {2}throw .*\n/, "  return x + x;\n");
  const after = await fingerprintFiles(files({ "m.ts": solved }));
  assert.deepEqual(after, before);
  assert.match(before["m.ts"], /^[0-9a-f]{64}$/);
});

Deno.test("fingerprintFiles sees edits outside regions", async () => {
  const before = await fingerprintFiles(files({ "m.ts": STUDENT_COPY, "m_test.ts": "a" }));
  const after = await fingerprintFiles(files({
    "m.ts": STUDENT_COPY.replace("export function", "export  function"),
    "m_test.ts": "b",
    "new.ts": "",
  }));
  assert.deepEqual(compareFingerprints(before, after), {
    changed: ["m.ts", "m_test.ts"],
    missing: [],
    added: ["new.ts"],
  });
});

Deno.test("fingerprintFiles hashes the empty file as SHA-256 does", async () => {
  // SHA-256 of no bytes, as `sha256sum < /dev/null` prints it.
  const expected = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  assert.equal((await fingerprintFiles(files({ "a.txt": "" })))["a.txt"], expected);
});

Deno.test("spliceSubmission takes only region bodies", () => {
  const submission = files({
    "m.ts": STUDENT_COPY.replace(/ {2}throw .*\n/, "  return x + x;\n").replace("}", "} // edited"),
    "m_test.ts": "edited test",
  });
  const { files: spliced, lostRegions } = spliceSubmission(
    files({ "m.ts": STUDENT_COPY, "m_test.ts": "original test" }),
    submission,
    EXERCISES,
  );
  assert.equal(
    decoder.decode(spliced.get("m.ts")),
    STUDENT_COPY.replace(/ {2}throw .*\n/, "  return x + x;\n"),
  );
  assert.equal(decoder.decode(spliced.get("m_test.ts")), "original test");
  assert.deepEqual(lostRegions, []);
});

Deno.test("spliceSubmission blanks a region the submission lost", () => {
  const { files: spliced, lostRegions } = spliceSubmission(
    files({ "m.ts": STUDENT_COPY }),
    files({ "m.ts": "export function double(x: number) { return 2 * x; }\n" }),
    EXERCISES,
  );
  assert.deepEqual(lostRegions, ["m.ts: double"]);
  assert.match(decoder.decode(spliced.get("m.ts")), /Exercise double is not done yet: Use 2 \* x/);
});

Deno.test("parseManifest round-trips and rejects others", () => {
  const manifest = createManifest(EXERCISES, { "m.ts": "00" }, {
    "m_test.ts::doubles": ["double"],
  });
  assert.deepEqual(parseManifest(JSON.parse(JSON.stringify(manifest)), "m.json"), manifest);
  assert.deepEqual(manifest.exercises, [{ id: "double", lesson: "00 intro", points: 1 }]);
  assert.throws(() => parseManifest({ format: 2 }, "m.json"), {
    name: "TypeError",
    message: /Cannot read the homework manifest m\.json: expected format 1/,
  });
});

function fileRun(file: string, results: [string, string][], error = ""): FileRun {
  return {
    file,
    timedOut: false,
    error,
    results: results.map(([name, failure]) => ({ file, name, passed: failure === "", failure })),
  };
}

Deno.test("mapTestsToExercises records dependencies", () => {
  const solution = [fileRun("a_test.ts", [["doubles", ""], ["quadruples", ""]])];
  const blanked = new Map([[
    "double",
    [fileRun("a_test.ts", [
      ["doubles", "Error: Exercise double is not done yet: x"],
      ["quadruples", "Error: Exercise double is not done yet: x"],
    ])],
  ]]);
  assert.deepEqual(mapTestsToExercises(solution, blanked), {
    tests: { "a_test.ts::doubles": ["double"], "a_test.ts::quadruples": ["double"] },
    problems: [],
  });
});

Deno.test("mapTestsToExercises reports an unfit kit", () => {
  const solution = [fileRun("a_test.ts", [["doubles", "AssertionError: 3 !== 4"]])];
  const blanked = new Map([
    ["double", [fileRun("a_test.ts", [["doubles", "TypeError: x is undefined"]])]],
    ["square", [fileRun("a_test.ts", [["doubles", ""]])]],
    ["cube", [fileRun("b_test.ts", [], "b_test.ts did not run: TS2322")]],
  ]);
  assert.deepEqual(mapTestsToExercises(solution, blanked).problems, [
    "The solution kit fails a_test.ts::doubles: AssertionError: 3 !== 4",
    "With only double blanked, a_test.ts::doubles fails without the exercise's message: " +
    "TypeError: x is undefined",
    "No test depends on exercise square: blanking it fails no test, so add one",
    "With only cube blanked, b_test.ts did not run: TS2322",
    "No test depends on exercise cube: blanking it fails no test, so add one",
  ]);
});
