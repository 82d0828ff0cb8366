import assert from "node:assert/strict";
import { parseJunitReport, testKey } from "./junit.ts";

// A report as Deno 2.9.6 writes it for a file with a passing test, a failing
// test, and a test whose second step fails (recorded from `deno test --reporter=junit`).
const REPORT = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="deno test" tests="5" failures="3" errors="0" time="0.008">
    <testsuite name="./core/a_test.ts" tests="5" disabled="0" errors="0" failures="3">
        <testcase name="passes" classname="./core/a_test.ts" time="0.000" line="1" col="6">
        </testcase>
        <testcase name="fails with exercise" classname="./core/a_test.ts" time="0.000" line="2" col="6">
            <failure message="Uncaught Error: Exercise backward-mul is not done yet: x &amp; &lt;y&gt; &quot;q&quot;">Error: Exercise backward-mul is not done yet: x &amp; &lt;y&gt; &quot;q&quot;
    at file:///tmp/jt/a_test.ts:2:48</failure>
        </testcase>
        <testcase name="steps" classname="./core/a_test.ts" time="0.001" line="3" col="6">
            <failure message="1 test step failed">1 test step failed.</failure>
        </testcase>
        <testcase name="steps &gt; one" classname="./core/a_test.ts" time="0.000" line="3" col="43">
        </testcase>
        <testcase name="steps &gt; two" classname="./core/a_test.ts" time="0.000" line="3" col="74">
            <failure message="Uncaught Error: boom &#955; &#x3bb;">Error: boom</failure>
        </testcase>
    </testsuite>
</testsuites>
`;

Deno.test("parseJunitReport reads names and outcomes", () => {
  const results = parseJunitReport(REPORT);
  assert.deepEqual(results.map((result) => [result.file, result.name, result.passed]), [
    ["core/a_test.ts", "passes", true],
    ["core/a_test.ts", "fails with exercise", false],
    ["core/a_test.ts", "steps", false],
    ["core/a_test.ts", "steps > one", true],
    ["core/a_test.ts", "steps > two", false],
  ]);
});

Deno.test("parseJunitReport decodes failure text", () => {
  const results = parseJunitReport(REPORT);
  assert.equal(
    results[1].failure,
    'Error: Exercise backward-mul is not done yet: x & <y> "q"\n    at file:///tmp/jt/a_test.ts:2:48',
  );
  assert.equal(results[0].failure, "");
  // The message attribute goes first when the body does not contain it.
  assert.equal(results[4].failure, "Uncaught Error: boom λ λ\nError: boom");
});

Deno.test("parseJunitReport returns nothing for no report", () => {
  assert.deepEqual(parseJunitReport(""), []);
  assert.deepEqual(parseJunitReport("error: Module not found"), []);
});

Deno.test("testKey joins file and name", () => {
  assert.equal(testKey("core/a_test.ts", "steps > two"), "core/a_test.ts::steps > two");
});
