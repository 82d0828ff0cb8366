import assert from "node:assert/strict";
import { join } from "node:path";
import { gradeKit } from "./grade_task.ts";
import { makeHomework } from "./homework_task.ts";
import { MANIFEST_PATH, parseManifest } from "./manifest.ts";

// The full cycle needs to write a kit to disk and start `deno` processes.
const CANNOT_RUN_PROCESSES = (["read", "write", "run"] as const).some((name) =>
  Deno.permissions.querySync({ name }).state !== "granted"
);

// A tiny kit: two exercises, each tested in its own file, plus a test of both.
// Marker lines are array elements, so this file has none of its own.
const KIT: Record<string, string> = {
  "deno.json": JSON.stringify({ test: { include: ["src/"] } }),
  "src/math.ts": [
    "export function double(x: number): number {",
    "  // exercise double: return twice the input",
    "  return 2 * x;",
    "  // end exercise double",
    "}",
    "",
    "export function square(x: number): number {",
    "  // exercise square: return the input times itself",
    "  return x * x;",
    "  // end exercise square",
    "}",
    "",
  ].join("\n"),
  "src/double_test.ts": [
    'import { double } from "./math.ts";',
    'Deno.test("double doubles", () => {',
    '  if (double(3) !== 6) throw new Error("double(3) is not 6");',
    "});",
    "",
  ].join("\n"),
  "src/square_test.ts": [
    'import { double, square } from "./math.ts";',
    'Deno.test("square squares", () => {',
    '  if (square(3) !== 9) throw new Error("square(3) is not 9");',
    "});",
    'Deno.test("square of double", () => {',
    '  if (square(double(2)) !== 16) throw new Error("square(double(2)) is not 16");',
    "});",
    "",
  ].join("\n"),
  "tools/homework/exercises.json": JSON.stringify({
    exercises: [
      { id: "double", lesson: "00 intro", points: 1, hints: ["Use 2 * x", "b", "c"] },
      { id: "square", lesson: "00 intro", points: 2, hints: ["Use x * x", "b", "c"] },
    ],
  }),
};

async function writeFiles(root: string, files: Record<string, string>) {
  for (const [path, text] of Object.entries(files)) {
    await Deno.mkdir(join(root, path, ".."), { recursive: true });
    await Deno.writeTextFile(join(root, path), text);
  }
}

async function replaceIn(path: string, from: string | RegExp, to: string) {
  await Deno.writeTextFile(path, (await Deno.readTextFile(path)).replace(from, to));
}

Deno.test({
  name: "homework cycle blanks, grades and restores (needs -A)",
  ignore: CANNOT_RUN_PROCESSES,
  fn: async (t) => {
    const base = await Deno.makeTempDir({ prefix: "homework-test-" });
    const kit = join(base, "kit");
    const copy = join(base, "copy");
    await writeFiles(kit, KIT);
    const options = { timeoutSeconds: 30 };

    try {
      await t.step("the full kit grades 100%", async () => {
        const report = await gradeKit(kit, options);
        assert.equal(report.earned, 3);
        assert.deepEqual(report.otherFailures, []);
      });

      await t.step("the copy checks and maps tests", async () => {
        const problems = await makeHomework(kit, copy, { map: true, log: () => {}, ...options });
        assert.deepEqual(problems, []);
        const manifest = parseManifest(
          JSON.parse(await Deno.readTextFile(join(copy, MANIFEST_PATH))),
          MANIFEST_PATH,
        );
        assert.deepEqual(manifest.tests, {
          "src/double_test.ts::double doubles": ["double"],
          "src/square_test.ts::square of double": ["double", "square"],
          "src/square_test.ts::square squares": ["square"],
        });
        // Outside the regions, the copy is byte for byte the kit.
        assert.equal(
          await Deno.readTextFile(join(copy, "src/square_test.ts")),
          KIT["src/square_test.ts"],
        );
        assert.equal(
          (await Deno.readTextFile(join(copy, "src/math.ts"))).replace(/ {2}throw .*\n/g, ""),
          KIT["src/math.ts"].replace("  return 2 * x;\n", "").replace("  return x * x;\n", ""),
        );
      });

      await t.step("every exercise fails in the copy", async () => {
        const report = await gradeKit(copy, options);
        assert.deepEqual(report.exercises.map((row) => row.passed), [false, false]);
        assert.deepEqual(report.otherFailures, []);
        assert.equal(report.earned, 0);
      });

      await t.step("one solution back passes that exercise", async () => {
        await replaceIn(
          join(copy, "src/math.ts"),
          / {2}throw new Error\("Exercise double.*\n/,
          "  return x + x;\n",
        );
        const report = await gradeKit(copy, options);
        assert.deepEqual(report.exercises.map((row) => row.passed), [true, false]);
        assert.equal(report.earned, 1);
      });

      await t.step("a wrong answer fails through the map", async () => {
        await replaceIn(
          join(copy, "src/math.ts"),
          / {2}throw new Error\("Exercise square.*\n/,
          "  return x + x;\n",
        );
        const report = await gradeKit(copy, options);
        assert.deepEqual(report.exercises.map((row) => row.passed), [true, false]);
        assert.deepEqual(report.exercises[1].failingTests, [
          "src/square_test.ts::square squares",
          "src/square_test.ts::square of double",
        ]);
      });

      await t.step("edited tests earn nothing with the original", async () => {
        await Deno.writeTextFile(
          join(copy, "src/square_test.ts"),
          'Deno.test("square squares", () => {});\n',
        );
        const own = await gradeKit(copy, options);
        assert.equal(own.exercises[1].passed, true, "the edited copy passes its own tests");
        assert.deepEqual(own.modifiedFiles, ["src/square_test.ts"]);

        const graded = await gradeKit(copy, { ...options, original: kit });
        assert.deepEqual(graded.exercises.map((row) => row.passed), [true, false]);
        assert.equal(graded.earned, 1);
      });

      await t.step("a hanging exercise hides no other", async () => {
        await replaceIn(
          join(copy, "src/math.ts"),
          "  return x + x;\n",
          "  while (x === x) x++;\n  return x;\n",
        );
        const report = await gradeKit(copy, { timeoutSeconds: 5, original: kit });
        assert.equal(report.exercises[0].passed, false);
        assert.match(
          report.fileErrors.join("\n"),
          /Timed out: src\/double_test\.ts was stopped after 5 s/,
        );
        assert.deepEqual(report.exercises[0].failingTests, [
          "src/double_test.ts::double doubles",
          "src/square_test.ts::square of double",
        ]);
      });
    } finally {
      await Deno.remove(base, { recursive: true });
    }
  },
});
