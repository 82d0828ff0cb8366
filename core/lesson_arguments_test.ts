import assert from "node:assert/strict";
import { parseSvgArgument, svgUsage, svgWriteFailure } from "./lesson_arguments.ts";

Deno.test("parseSvgArgument reads the file name", () => {
  const cases: [string[], string | null][] = [
    [[], null],
    [["--svg", "graph.svg"], "graph.svg"],
    [["--svg=loss.svg"], "loss.svg"],
    [["--svg", "pictures/a b.svg"], "pictures/a b.svg"],
  ];
  for (const [args, expected] of cases) {
    assert.equal(parseSvgArgument(args), expected, args.join(" "));
  }
});

Deno.test("parseSvgArgument rejects bad arguments", () => {
  const cases: [string[], RegExp][] = [
    [["--svg"], /Missing file name after --svg: give one, as in --svg graph.svg/],
    [["--svg="], /Missing file name after --svg/],
    [["--svg", "--verbose"], /Missing file name after --svg/],
    [["graph.svg"], /Unknown argument "graph.svg": the only option is --svg FILE/],
    [["--png", "graph.png"], /Unknown argument "--png"/],
    [
      ["--svg", "a.svg", "--svg", "b.svg"],
      /--svg is given twice \(a.svg and b.svg\): give it once/,
    ],
  ];
  for (const [args, message] of cases) {
    assert.throws(() => parseSvgArgument(args), { name: "RangeError", message }, args.join(" "));
  }
});

Deno.test("svgUsage names the lesson and the flag", () => {
  assert.equal(
    svgUsage("lessons/05_training.ts"),
    "Usage: deno run --allow-write lessons/05_training.ts [--svg FILE]",
  );
});

Deno.test("svgWriteFailure names the missing permission", () => {
  const denied = new Deno.errors.NotCapable('Requires write access to "loss.svg"');
  assert.equal(
    svgWriteFailure(denied, "loss.svg", "lessons/05_training.ts"),
    "Cannot write loss.svg: no write permission; run deno run --allow-write lessons/05_training.ts --svg loss.svg",
  );
  const missing = new Deno.errors.NotFound("No such file or directory (os error 2)");
  assert.equal(
    svgWriteFailure(missing, "no/such/dir/loss.svg", "lessons/05_training.ts"),
    "Cannot write no/such/dir/loss.svg: its folder does not exist; create the folder first or choose another path",
  );
  const folder = new Deno.errors.IsADirectory("Is a directory (os error 21): writefile 'out'");
  assert.equal(
    svgWriteFailure(folder, "out", "lessons/05_training.ts"),
    "Cannot write out: it is a folder; give a file name, as in --svg out/graph.svg",
  );
  // Other errors keep Deno's reason without its repeated path.
  const busy = new Deno.errors.Busy("Resource busy (os error 16): writefile 'loss.svg'");
  assert.equal(
    svgWriteFailure(busy, "loss.svg", "lessons/05_training.ts"),
    "Cannot write loss.svg: Resource busy (os error 16)",
  );
});
