import assert from "node:assert/strict";
import { selectTestFiles } from "./test_run.ts";

const PATHS = [
  "core/value.ts",
  "core/value_test.ts",
  "core/value.test.ts",
  "core/test.ts",
  "core/contest.ts",
  "lessons/01_reshape.ts",
  "lessons/helper.ts",
  "tools/homework/grade_test.ts",
  "tools/bench/node_modules/x_test.ts",
  "fixtures/a_test.ts",
  "README.md",
];

Deno.test("selectTestFiles follows the kit's deno.json", () => {
  // The kit's own test section: include core/, lessons/??_*.ts and tools/.
  const config = { include: ["core/", "lessons/??_*.ts", "tools/"], exclude: ["tools/bench/"] };
  assert.deepEqual(selectTestFiles(PATHS, config), [
    "core/test.ts",
    "core/value.test.ts",
    "core/value_test.ts",
    "lessons/01_reshape.ts",
    "tools/homework/grade_test.ts",
  ]);
});

Deno.test("selectTestFiles takes every test file by default", () => {
  assert.deepEqual(selectTestFiles(PATHS), [
    "core/test.ts",
    "core/value.test.ts",
    "core/value_test.ts",
    "fixtures/a_test.ts",
    "tools/bench/node_modules/x_test.ts",
    "tools/homework/grade_test.ts",
  ]);
});

Deno.test("selectTestFiles matches ** globs", () => {
  assert.deepEqual(selectTestFiles(PATHS, { include: ["**/*_test.ts"], exclude: ["fixtures/"] }), [
    "core/value_test.ts",
    "tools/bench/node_modules/x_test.ts",
    "tools/homework/grade_test.ts",
  ]);
});
