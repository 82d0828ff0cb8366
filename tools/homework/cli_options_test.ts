import assert from "node:assert/strict";
import { parseCommandLine } from "./cli_options.ts";

Deno.test("parseCommandLine reads values and flags", () => {
  const line = parseCommandLine(["a", "--json=g.json", "--poll", "b", "--timeout", "5"], [
    "json",
    "timeout",
  ], ["poll"]);
  assert.deepEqual(line.positional, ["a", "b"]);
  assert.deepEqual([...line.options], [["json", "g.json"], ["poll", true], ["timeout", "5"]]);
});

Deno.test("parseCommandLine rejects unknown and valueless options", () => {
  assert.throws(() => parseCommandLine(["--jsn", "x"], ["json"], []), {
    name: "RangeError",
    message: /^Unknown option --jsn: the options are --json$/,
  });
  assert.throws(() => parseCommandLine(["--json"], ["json"], []), {
    name: "RangeError",
    message: /^Option --json needs a value$/,
  });
});
