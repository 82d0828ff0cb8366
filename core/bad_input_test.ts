/**
 * Bad input to the public functions of mod.ts, as plain JavaScript can pass
 * it: each call must throw a TypeError or RangeError whose message names the
 * argument's value, and a failed call must leave its inputs unchanged.
 */
import assert from "node:assert/strict";
import {
  add,
  crc32,
  createParameters,
  escapeXml,
  exp,
  expFloat32,
  FileFormatError,
  float32UlpDistance,
  formatFixed,
  formatGraph,
  formatGraphNumber,
  formatRepr,
  formatScientific,
  forwardPass,
  frameBatch,
  graphDot,
  graphSvg,
  lineChartSvg,
  loadEpisodes,
  MemoryFileSystem,
  mul,
  ObjectArray,
  operationText,
  parameterList,
  parseSvgArgument,
  PickledDType,
  pow,
  readNpy,
  readNpz,
  readZip,
  stackFrames,
  stackTensors,
  svgPathOrExit,
  svgUsage,
  svgWriteFailure,
  Tensor,
  train,
  Transcript,
  unpickle,
  Value,
  zeroGrads,
} from "../mod.ts";

/** Casts anything to any parameter type, as an untyped caller would pass it. */
function untyped<T>(value: unknown): T {
  return value as T;
}

type Case = [string, () => unknown, "TypeError" | "RangeError", RegExp];

function assertRejects(cases: Case[]): void {
  for (const [call, run, name, message] of cases) {
    // The failure names the call and the error that was thrown instead.
    let thrown: unknown = undefined;
    try {
      run();
    } catch (error) {
      thrown = error;
    }
    assert.ok(thrown instanceof Error, `${call} threw nothing, expected a ${name}`);
    assert.equal(thrown.name, name, `${call} threw ${thrown}, expected a ${name}`);
    assert.match(thrown.message, message, `${call} threw ${thrown}`);
  }
}

Deno.test("Tensor.from rejects bad data", () => {
  assertRejects([
    ["from(undefined)", () => Tensor.from(untyped(undefined)), "TypeError", /is undefined/],
    ["from('abc')", () => Tensor.from(untyped("abc")), "TypeError", /the string "abc"/],
    [
      "from([1, 'a'])",
      () => Tensor.from(untyped([1, "a"])),
      "TypeError",
      /at \[1\] is the string "a"/,
    ],
    ["from([[1], [2, 3]])", () => Tensor.from([[1], [2, 3]]), "TypeError", /ragged.*\(got 2\)/],
    ["from([[1, 2], 3])", () => Tensor.from(untyped([[1, 2], 3])), "TypeError", /ragged.*number 3/],
    ["from([true, 1])", () => Tensor.from([true, 1]), "TypeError", /booleans mixed with numbers/],
    ["from([NaN], int64)", () => Tensor.from([NaN], "int64"), "RangeError", /NaN at \[0\]/],
    ["from([1.5], int32)", () => Tensor.from([1.5], "int32"), "RangeError", /1\.5 at \[0\]/],
    ["from([300], int8)", () => Tensor.from([300], "int8"), "RangeError", /300 at \[0\]/],
    ["from([], 'float16')", () => Tensor.from([], untyped("float16")), "TypeError", /"float16"/],
    ["from([1], null)", () => Tensor.from([1], untyped(null)), "TypeError", /dtype null/],
  ]);
});

Deno.test("Tensor.fromStorage rejects bad layouts", () => {
  const storage = new Float64Array(4);
  assertRejects([
    [
      "plain array",
      () => Tensor.fromStorage(untyped([1, 2]), [2], "float64"),
      "TypeError",
      /got Array/,
    ],
    ["shape [NaN]", () => Tensor.fromStorage(storage, [NaN], "float64"), "TypeError", /NaN/],
    ["shape [1.5]", () => Tensor.fromStorage(storage, [1.5], "float64"), "TypeError", /1\.5/],
    ["shape [-2]", () => Tensor.fromStorage(storage, [-2], "float64"), "RangeError", /-2/],
    [
      "no shape",
      () => Tensor.fromStorage(storage, untyped(undefined), "float64"),
      "TypeError",
      /undefined/,
    ],
    [
      "dtype 'double'",
      () => Tensor.fromStorage(storage, [4], untyped("double")),
      "TypeError",
      /"double"/,
    ],
    [
      "offset '1'",
      () => Tensor.fromStorage(storage, [1], "float64", undefined, untyped("1")),
      "TypeError",
      /offset 1/,
    ],
    [
      "offset 9",
      () => Tensor.fromStorage(storage, [1], "float64", undefined, 9),
      "RangeError",
      /offset 9/,
    ],
    [
      "strides [1]",
      () => Tensor.fromStorage(storage, [2, 2], "float64", [1]),
      "RangeError",
      /\[1\]/,
    ],
    [
      "strides null",
      () => Tensor.fromStorage(storage, [2, 2], "float64", untyped(null)),
      "TypeError",
      /strides null: .*pass undefined/,
    ],
  ]);
});

Deno.test("Tensor.fromStorage takes undefined strides", () => {
  const tensor = Tensor.fromStorage(new Float64Array(6), [2, 3], "float64", undefined, 0);
  assert.deepEqual(tensor.strides, [3, 1]);
});

Deno.test("Tensor.arange rejects bad bounds", () => {
  assertRejects([
    ["arange()", () => untyped<() => Tensor>(Tensor.arange)(), "TypeError", /end undefined/],
    ["arange('5')", () => Tensor.arange(untyped("5")), "TypeError", /end 5 is not a number/],
    ["arange(0, 5, null)", () => Tensor.arange(0, 5, untyped(null)), "TypeError", /step null/],
    ["arange(NaN)", () => Tensor.arange(NaN), "RangeError", /nan/],
    ["arange(0, 5, 0)", () => Tensor.arange(0, 5, 0), "RangeError", /step 0/],
    ["arange(5, 0)", () => Tensor.arange(5, 0), "RangeError", /inconsistent with step sign/],
  ]);
});

Deno.test("Tensor.arange rejects huge lengths", () => {
  assertRejects([
    ["arange(1e300)", () => Tensor.arange(1e300), "RangeError", /Cannot create arange.*1e\+300/],
    [
      "arange(0, 1, 1e-300)",
      () => Tensor.arange(0, 1, 1e-300),
      "RangeError",
      /Cannot create arange.*1e-300/,
    ],
    [
      "arange(2 ** 32)",
      () => Tensor.arange(2 ** 32),
      "RangeError",
      /Cannot create arange.*4294967296/,
    ],
  ]);
});

Deno.test("Tensor methods reject bad arguments", () => {
  const matrix = Tensor.arange(4).reshape(2, 2);
  assertRejects([
    ["reshape(NaN)", () => matrix.reshape(NaN), "TypeError", /NaN/],
    ["reshape(2.5, -1)", () => matrix.reshape(2.5, -1), "TypeError", /2\.5/],
    ["reshape('2', 2)", () => matrix.reshape(untyped<number>("2"), 2), "TypeError", /position 0/],
    ["reshape(-2, -2)", () => matrix.reshape(-2, -2), "RangeError", /-2/],
    ["reshape(-1, -1)", () => matrix.reshape(-1, -1), "RangeError", /only one dimension/],
    [
      "reshape(3, -1)",
      () => matrix.reshape(3, -1),
      "RangeError",
      /Shape \[3, -1\] is invalid for input of size 4/,
    ],
    ["view(undefined)", () => matrix.view(untyped<number>(undefined)), "TypeError", /undefined/],
    ["transpose(0)", () => matrix.transpose(0, untyped(undefined)), "TypeError", /undefined/],
    ["transpose('0', 1)", () => matrix.transpose(untyped("0"), 1), "TypeError", /dimension 0/],
    ["transpose(0, 2)", () => matrix.transpose(0, 2), "RangeError", /got 2/],
    ["permute()", () => matrix.permute(), "RangeError", /len\(dims\) = 0/],
    ["permute(0.5, 1)", () => matrix.permute(0.5, 1), "TypeError", /0\.5/],
    ["permute(0, 0)", () => matrix.permute(0, 0), "RangeError", /duplicate/],
    ["get()", () => matrix.get(), "RangeError", /expected 2 indices/],
    ["get('1', 0)", () => matrix.get(untyped("1"), 0), "TypeError", /index 1 is not an integer/],
    ["get(2, 0)", () => matrix.get(2, 0), "RangeError", /index 2 is out of bounds/],
    ["set(1, 2)", () => matrix.set(untyped(1), 2), "TypeError", /got 1/],
    ["set([0, 1], '2')", () => matrix.set([0, 1], untyped("2")), "TypeError", /the string "2"/],
    ["set([0, 1], NaN)", () => matrix.set([0, 1], NaN), "RangeError", /NaN/],
    [
      "set([0, 1])",
      () => untyped<(i: number[]) => void>(matrix.set).call(matrix, [0, 1]),
      "TypeError",
      /undefined/,
    ],
  ]);
});

Deno.test("failed Tensor calls change nothing", () => {
  const flat = Tensor.arange(6);
  const matrix = flat.view(2, 3);
  const before = Array.from(flat.storage);
  assert.throws(() => matrix.set([1, 1], 2.5), RangeError);
  assert.throws(() => matrix.set([1, 5], 1), RangeError);
  assert.throws(() => matrix.reshape(4, -1), RangeError);
  assert.throws(() => matrix.transpose(0, 2), RangeError);
  assert.deepEqual(Array.from(flat.storage), before);
  assert.deepEqual(matrix.shape, [2, 3]);
  assert.deepEqual(matrix.strides, [3, 1]);
});

Deno.test("Value rejects bad operands", () => {
  const x = new Value(1, { label: "x" });
  assertRejects([
    ["new Value()", () => new Value(untyped(undefined)), "TypeError", /from undefined/],
    ["new Value(1n)", () => new Value(untyped(1n)), "TypeError", /from 1n/],
    ["new Value('1')", () => new Value(untyped("1")), "TypeError", /from "1"/],
    ["label 3", () => new Value(1, untyped({ label: 3 })), "TypeError", /label 3/],
    ["options 'float32'", () => new Value(1, untyped("float32")), "TypeError", /options "float32"/],
    [
      "dtype 'float16'",
      () => new Value(1, { dtype: untyped("float16") }),
      "RangeError",
      /"float16"/,
    ],
    ["add(x)", () => untyped<(a: Value) => Value>(add)(x), "TypeError", /add\("x", undefined\)/],
    ["x.mul('2')", () => x.mul(untyped("2")), "TypeError", /mul\("x", "2"\)/],
    ["add(1, 2)", () => add(1, 2), "TypeError", /add\(1, 2\)/],
    ["x.pow()", () => x.pow(untyped(undefined)), "TypeError", /pow\("x", undefined\)/],
    ["pow(x, x)", () => pow(x, untyped(x)), "TypeError", /pow\("x", "x"\)/],
    ["exp(2)", () => exp(untyped(2)), "TypeError", /exp\(2\)/],
    ["x.named(3)", () => x.named(untyped(3)), "TypeError", /label 3/],
    ["backward('1')", () => x.backward(untyped("1")), "TypeError", /seed "1"/],
    ["zeroGrads([1])", () => zeroGrads(untyped([1])), "TypeError", /of 1/],
  ]);
});

Deno.test("failed Value calls change nothing", () => {
  const x = new Value(2, { label: "x" });
  const y = mul(x, x);
  y.backward();
  assert.throws(() => y.backward(untyped("2")), TypeError);
  assert.throws(() => x.named(untyped(5)), TypeError);
  assert.equal(x.grad, 4);
  assert.equal(x.label, "x");
  assert.equal(y.grad, 1);
});

Deno.test("zeroGrads rejects a non-iterable", () => {
  assert.throws(() => zeroGrads(untyped(null)), {
    name: "TypeError",
    message: /Cannot zero.*null/,
  });
});

Deno.test("formatting functions reject bad arguments", () => {
  assertRejects([
    [
      "formatFixed('1', 2)",
      () => formatFixed(untyped("1"), 2),
      "TypeError",
      /Cannot format 1: expected a number/,
    ],
    ["formatFixed(1, -1)", () => formatFixed(1, -1), "RangeError", /-1 decimals/],
    ["formatFixed(1, 2.5)", () => formatFixed(1, 2.5), "RangeError", /2\.5 decimals/],
    [
      "formatFixed(1)",
      () => untyped<(x: number) => string>(formatFixed)(1),
      "RangeError",
      /undefined decimals/,
    ],
    ["formatScientific(1, NaN)", () => formatScientific(1, NaN), "RangeError", /NaN decimals/],
    ["formatScientific(1n, 2)", () => formatScientific(untyped(1n), 2), "TypeError", /bigint/],
    ["formatRepr('x')", () => formatRepr(untyped("x")), "TypeError", /Cannot format x/],
    ["formatRepr()", () => untyped<() => string>(formatRepr)(), "TypeError", /undefined/],
    ["formatRepr(null)", () => formatRepr(untyped(null)), "TypeError", /Cannot format null/],
    ["print(5)", () => new Transcript().print(untyped(5)), "TypeError", /Cannot print 5/],
  ]);
});

Deno.test("float32 helpers reject non-numbers", () => {
  assertRejects([
    ["expFloat32('1')", () => expFloat32(untyped("1")), "TypeError", /"1"/],
    ["expFloat32()", () => untyped<() => number>(expFloat32)(), "TypeError", /undefined/],
    [
      "float32UlpDistance(1)",
      () => untyped<(a: number) => number>(float32UlpDistance)(1),
      "TypeError",
      /undefined/,
    ],
  ]);
});

Deno.test("network functions reject bad names", () => {
  assertRejects([
    [
      "createParameters('float16')",
      () => createParameters(untyped("float16")),
      "RangeError",
      /"float16"/,
    ],
    [
      "createParameters(dtype, {})",
      () => createParameters(undefined, untyped({})),
      "TypeError",
      /parameter w1/,
    ],
    [
      "wiring 'x'",
      () => forwardPass(createParameters(), untyped({ wiring: "x" })),
      "RangeError",
      /wiring "x"/,
    ],
    [
      "sigmoid 'y'",
      () => forwardPass(createParameters(), untyped({ sigmoid: "y" })),
      "RangeError",
      /form "y"/,
    ],
  ]);
});

Deno.test("network functions reject missing parameters", () => {
  assertRejects([
    [
      "createParameters(dtype, null)",
      () => createParameters(undefined, untyped(null)),
      "TypeError",
      /null/,
    ],
    ["forwardPass(undefined)", () => forwardPass(untyped(undefined)), "TypeError", /undefined/],
    ["forwardPass({})", () => forwardPass(untyped({})), "TypeError", /w1/],
    [
      "forwardPass(p, null)",
      () => forwardPass(createParameters(), untyped(null)),
      "TypeError",
      /null/,
    ],
    ["parameterList(undefined)", () => parameterList(untyped(undefined)), "TypeError", /undefined/],
    ["parameterList({})", () => parameterList(untyped({})), "TypeError", /w1/],
  ]);
});

Deno.test("readers reject non-byte input", async () => {
  assertRejects([
    [
      "readNpy(undefined)",
      () => readNpy(untyped(undefined), "x.npy"),
      "TypeError",
      /Uint8Array.*undefined/,
    ],
    ["readNpy([1, 2])", () => readNpy(untyped([1, 2]), "x.npy"), "TypeError", /Uint8Array/],
    [
      "unpickle(undefined)",
      () => unpickle(untyped(undefined), "x.pkl"),
      "TypeError",
      /Uint8Array.*undefined/,
    ],
    ["unpickle('abc')", () => unpickle(untyped("abc"), "x.pkl"), "TypeError", /Uint8Array.*"abc"/],
    ["crc32(undefined)", () => crc32(untyped(undefined)), "TypeError", /Uint8Array.*undefined/],
    ["crc32('ab')", () => crc32(untyped("ab")), "TypeError", /Uint8Array.*"ab"/],
  ]);
  await assert.rejects(() => readNpz(untyped(undefined), "x.npz"), {
    name: "TypeError",
    message: /Uint8Array.*undefined/,
  });
  await assert.rejects(() => readZip(untyped("x"), "x.zip"), {
    name: "TypeError",
    message: /Uint8Array.*"x"/,
  });
});

Deno.test("ObjectArray rejects an invalid shape", () => {
  assertRejects([
    ["shape null", () => new ObjectArray(untyped(null), []), "TypeError", /shape null/],
    ["shape [-1]", () => new ObjectArray([-1], []), "RangeError", /dimension -1/],
    ["shape [0.5]", () => new ObjectArray([0.5], []), "TypeError", /0\.5/],
  ]);
});

Deno.test("readers reject a bad name or options", async () => {
  const bytes = new Uint8Array(8);
  assertRejects([
    [
      "readNpy(bytes)",
      () => untyped<(b: Uint8Array) => unknown>(readNpy)(bytes),
      "TypeError",
      /Cannot read file undefined: expected the file's name as a string/,
    ],
    [
      "readNpy(bytes, 'x.npy', null)",
      () => readNpy(bytes, "x.npy", untyped(null)),
      "TypeError",
      /Cannot read x\.npy with options null/,
    ],
    ["unpickle(bytes, 3)", () => unpickle(bytes, untyped(3)), "TypeError", /file 3/],
  ]);
  await assert.rejects(() => readNpz(bytes, "x.npz", untyped("yes")), {
    name: "TypeError",
    message: /Cannot read x\.npz with options "yes"/,
  });
  await assert.rejects(() => readZip(bytes, untyped(null)), {
    name: "TypeError",
    message: /Cannot read file null/,
  });
});

Deno.test("loadEpisodes rejects bad arguments", async () => {
  const fileSystem = new MemoryFileSystem({}, ["/data/val"]);
  const cases: [string, () => Promise<unknown>, "TypeError" | "RangeError", RegExp][] = [
    [
      "loadEpisodes()",
      () => untyped<() => Promise<unknown>>(loadEpisodes)(),
      "TypeError",
      /Cannot load episodes from undefined: expected a folder path/,
    ],
    ["loadEpisodes(5)", () => loadEpisodes(untyped(5)), "TypeError", /from 5:/],
    ["loadEpisodes('')", () => loadEpisodes("", { fileSystem }), "RangeError", /from "":/],
    [
      "options null",
      () => loadEpisodes("/data/val", untyped(null)),
      "TypeError",
      /with options null/,
    ],
    [
      "options 'memory'",
      () => loadEpisodes("/data/val", untyped("memory")),
      "TypeError",
      /with options "memory"/,
    ],
    [
      "fileSystem 3",
      () => loadEpisodes("/data/val", untyped({ fileSystem: 3 })),
      "TypeError",
      /fileSystem 3: it has no stat method/,
    ],
    [
      "fileSystem without readFile",
      () =>
        loadEpisodes("/data/val", {
          fileSystem: untyped({ stat: fileSystem.stat, readDir: fileSystem.readDir }),
        }),
      "TypeError",
      /fileSystem an object: it has no readFile method/,
    ],
  ];
  for (const [call, run, name, message] of cases) {
    await assert.rejects(run, { name, message }, call);
  }
});

Deno.test("MemoryFileSystem rejects bad files", () => {
  const bytes = new Uint8Array(1);
  assertRejects([
    [
      "new MemoryFileSystem()",
      () => new (untyped<new () => MemoryFileSystem>(MemoryFileSystem))(),
      "TypeError",
      /from files undefined/,
    ],
    ["files null", () => new MemoryFileSystem(untyped(null)), "TypeError", /from files null/],
    ["files []", () => new MemoryFileSystem(untyped([])), "TypeError", /from files an Array/],
    [
      "file of text",
      () => new MemoryFileSystem(untyped({ "/a.npz": "PK" })),
      "TypeError",
      /file \/a\.npz: expected the bytes as a Uint8Array, got "PK"/,
    ],
    [
      "emptyFolders '/a'",
      () => new MemoryFileSystem({}, untyped("/a")),
      "TypeError",
      /emptyFolders "\/a"/,
    ],
    [
      "emptyFolders [3]",
      () => new MemoryFileSystem({}, untyped([3])),
      "TypeError",
      /empty folder 0 3/,
    ],
    [
      "file and folder",
      () => new MemoryFileSystem({ "/a": bytes, "/a/b": bytes }),
      "RangeError",
      /\/a is both a file and a folder/,
    ],
    [
      "file and empty folder",
      () => new MemoryFileSystem({ "/a": bytes }, ["/a"]),
      "RangeError",
      /\/a is both a file and a folder/,
    ],
  ]);
});

Deno.test("MemoryFileSystem rejects non-string paths", async () => {
  const fileSystem = new MemoryFileSystem({ "/a": new Uint8Array(1) });
  await assert.rejects(() => fileSystem.stat(untyped(3)), {
    name: "TypeError",
    message: /Cannot stat 3: expected a path string/,
  });
  await assert.rejects(() => untyped<() => Promise<unknown>>(fileSystem.readDir).call(fileSystem), {
    name: "TypeError",
    message: /Cannot list undefined/,
  });
  await assert.rejects(() => fileSystem.readFile(untyped(null)), {
    name: "TypeError",
    message: /Cannot read null/,
  });
});

Deno.test("train rejects bad options", () => {
  const w = new Value(3, { label: "w" });
  const layers = [{ weights: [w], biases: [] }];
  const good = { loss: () => w.mul(w), layers, learningRate: 0.1, steps: 1 };
  const withOption = (change: Record<string, unknown>) => () =>
    train(untyped({ ...good, ...change }));
  assertRejects([
    ["train()", () => untyped<() => unknown>(train)(), "TypeError", /options undefined/],
    ["train(null)", () => train(untyped(null)), "TypeError", /options null/],
    ["loss 5", withOption({ loss: 5 }), "TypeError", /loss 5/],
    ["loss returns 5", withOption({ loss: () => 5 }), "TypeError", /returned 5/],
    ["learningRate '0.1'", withOption({ learningRate: "0.1" }), "TypeError", /rate "0\.1"/],
    ["learningRate NaN", withOption({ learningRate: NaN }), "RangeError", /rate NaN/],
    ["learningRate -1", withOption({ learningRate: -1 }), "RangeError", /rate -1/],
    ["learningRate missing", withOption({ learningRate: undefined }), "TypeError", /undefined/],
    ["steps 1.5", withOption({ steps: 1.5 }), "RangeError", /steps 1\.5/],
    ["steps -1", withOption({ steps: -1 }), "RangeError", /steps -1/],
    ["steps '3'", withOption({ steps: "3" }), "TypeError", /steps "3"/],
    ["steps NaN", withOption({ steps: NaN }), "RangeError", /steps NaN/],
    ["updateBiases 'yes'", withOption({ updateBiases: "yes" }), "TypeError", /"yes"/],
    ["updateOrder 'x'", withOption({ updateOrder: "x" }), "RangeError", /order "x"/],
    ["layers {}", withOption({ layers: {} }), "TypeError", /layers an object/],
    ["layers []", withOption({ layers: [] }), "RangeError", /without layers/],
    ["layers [null]", withOption({ layers: [null] }), "TypeError", /layer 0/],
    [
      "weights [1]",
      withOption({ layers: [{ weights: [1], biases: [] }] }),
      "TypeError",
      /layer 0: its weights must be Values, got 1/,
    ],
    [
      "weight not a leaf",
      withOption({ layers: [{ weights: [w.mul(2)], biases: [] }] }),
      "TypeError",
      /only leaves can be parameters/,
    ],
    [
      "weight twice",
      withOption({ layers: [{ weights: [w, w], biases: [] }] }),
      "RangeError",
      /appears twice/,
    ],
  ]);
  assert.equal(w.data, 3);
});

Deno.test("graph printers reject bad arguments", () => {
  const x = new Value(2, { label: "x" });
  const y = x.mul(x);
  assertRejects([
    ["graphSvg()", () => untyped<() => string>(graphSvg)(), "TypeError", /of undefined/],
    ["graphSvg(2)", () => graphSvg(untyped(2)), "TypeError", /of 2: expected a Value/],
    ["graphSvg(y, null)", () => graphSvg(y, untyped(null)), "TypeError", /options null/],
    ["graphSvg title 3", () => graphSvg(y, untyped({ title: 3 })), "TypeError", /title 3/],
    [
      "graphSvg formatNumber 3",
      () => graphSvg(y, untyped({ formatNumber: 3 })),
      "TypeError",
      /formatNumber 3/,
    ],
    ["graphDot()", () => untyped<() => string>(graphDot)(), "TypeError", /of undefined/],
    ["graphDot(y, 'x')", () => graphDot(y, untyped("x")), "TypeError", /options "x"/],
    [
      "graphDot formatNumber 'a'",
      () => graphDot(y, untyped({ formatNumber: "a" })),
      "TypeError",
      /formatNumber a/,
    ],
    ["formatGraph()", () => untyped<() => string>(formatGraph)(), "TypeError", /of undefined/],
    ["formatGraph(y, null)", () => formatGraph(y, untyped(null)), "TypeError", /options null/],
    [
      "formatGraph formatNumber 1",
      () => formatGraph(y, untyped({ formatNumber: 1 })),
      "TypeError",
      /formatNumber 1/,
    ],
    [
      "formatGraphNumber('1')",
      () => formatGraphNumber(untyped("1")),
      "TypeError",
      /Cannot format "1"/,
    ],
    [
      "operationText(1, String)",
      () => operationText(untyped(1), String),
      "TypeError",
      /operation of 1/,
    ],
    [
      "operationText(y)",
      () => untyped<(node: Value) => string>(operationText)(y),
      "TypeError",
      /formatNumber undefined/,
    ],
    ["escapeXml(3)", () => escapeXml(untyped(3)), "TypeError", /Cannot escape 3/],
    ["escapeXml()", () => untyped<() => string>(escapeXml)(), "TypeError", /escape undefined/],
  ]);
});

Deno.test("lineChartSvg rejects bad series", () => {
  const labels = { title: "Loss", xLabel: "step", yLabel: "loss" };
  const line = { label: "loss", values: [1, 0.5] };
  assertRejects([
    ["lineChartSvg()", () => untyped<() => string>(lineChartSvg)(), "TypeError", /of undefined/],
    ["series {}", () => lineChartSvg(untyped({}), labels), "TypeError", /of an object/],
    ["series []", () => lineChartSvg([], labels), "RangeError", /without series/],
    [
      "no options",
      () => untyped<(s: unknown) => string>(lineChartSvg)([line]),
      "TypeError",
      /options undefined/,
    ],
    [
      "title 3",
      () => lineChartSvg([line], untyped({ ...labels, title: 3 })),
      "TypeError",
      /title must be a string, got 3/,
    ],
    ["series [null]", () => lineChartSvg([untyped(null)], labels), "TypeError", /it is null/],
    [
      "label 3",
      () => lineChartSvg([{ label: untyped(3), values: [1] }], labels),
      "TypeError",
      /label must be a string, got 3/,
    ],
    [
      "values '12'",
      () => lineChartSvg([{ label: "a", values: untyped("12") }], labels),
      "TypeError",
      /values must be an array of numbers, got "12"/,
    ],
    [
      "values []",
      () => lineChartSvg([{ label: "a", values: [] }], labels),
      "RangeError",
      /at least one value/,
    ],
    [
      "value '1'",
      () => lineChartSvg([{ label: "a", values: untyped(["1"]) }], labels),
      "TypeError",
      /value 0 is "1"/,
    ],
    [
      "value NaN",
      () => lineChartSvg([{ label: "a", values: [1, NaN] }], labels),
      "RangeError",
      /value 1 is NaN/,
    ],
    [
      "yScale 'x'",
      () => lineChartSvg([line], untyped({ ...labels, yScale: "x" })),
      "RangeError",
      /y scale "x"/,
    ],
  ]);
});

Deno.test("svg helpers reject bad arguments", () => {
  assertRejects([
    [
      "parseSvgArgument()",
      () => untyped<() => unknown>(parseSvgArgument)(),
      "TypeError",
      /arguments undefined/,
    ],
    [
      "parseSvgArgument('--svg')",
      () => parseSvgArgument(untyped("--svg")),
      "TypeError",
      /arguments "--svg": expected an array of strings/,
    ],
    [
      "parseSvgArgument(['--svg', 3])",
      () => parseSvgArgument(untyped(["--svg", 3])),
      "TypeError",
      /argument 1 is 3/,
    ],
    ["svgUsage()", () => untyped<() => string>(svgUsage)(), "TypeError", /lessonPath is undefined/],
    [
      "svgWriteFailure(error)",
      () => untyped<(e: unknown) => string>(svgWriteFailure)(new Error("disk full")),
      "TypeError",
      /path is undefined/,
    ],
    // A TypeError is a program error: svgPathOrExit throws it instead of exiting.
    [
      "svgPathOrExit(3, lesson)",
      () => svgPathOrExit(untyped(3), "lessons/05_training.ts"),
      "TypeError",
      /arguments 3/,
    ],
  ]);
});

Deno.test("PickledDType rejects a bad code", () => {
  assertRejects([
    [
      "new PickledDType()",
      () => new (untyped<new () => PickledDType>(PickledDType))(),
      "TypeError",
      /from undefined: expected a type code/,
    ],
    ["code 4", () => new PickledDType(untyped(4)), "TypeError", /from 4/],
    ["code ''", () => new PickledDType(""), "RangeError", /from ""/],
  ]);
});

Deno.test("FileFormatError rejects non-strings", () => {
  assertRejects([
    [
      "new FileFormatError()",
      () => new (untyped<new () => FileFormatError>(FileFormatError))(),
      "TypeError",
      /file undefined/,
    ],
    ["file 3", () => new FileFormatError(untyped(3), "bad"), "TypeError", /file 3/],
    [
      "problem null",
      () => new FileFormatError("x.npz", untyped(null)),
      "TypeError",
      /problem null/,
    ],
  ]);
});

Deno.test("stacking functions reject bad input", () => {
  const row = Tensor.from([1, 2]);
  assertRejects([
    [
      "stackFrames([row])",
      () => untyped<(v: unknown) => Tensor>(stackFrames)([row]),
      "TypeError",
      /where undefined/,
    ],
    ["stackFrames file 3", () => stackFrames([row], "rows", untyped(3)), "TypeError", /file 3/],
    [
      "stackTensors(null)",
      () => stackTensors(untyped(null), "rows", "x.npz"),
      "TypeError",
      /tensors null for rows/,
    ],
    ["stackTensors([])", () => stackTensors([], "rows", "x.npz"), "RangeError", /is empty/],
    [
      "stackTensors([row, 1])",
      () => stackTensors(untyped([row, 1]), "rows", "x.npz"),
      "TypeError",
      /entry 1 is 1, not a Tensor/,
    ],
    [
      "stackTensors where 0",
      () => stackTensors([row], untyped(0), "x.npz"),
      "TypeError",
      /where 0/,
    ],
  ]);
});

Deno.test("frameBatch rejects bad arguments", () => {
  const location = Tensor.from([[0, 0, 0], [1, 1, 1], [2, 2, 2]], "float32");
  const episodes = untyped<Parameters<typeof frameBatch>[0]>({
    path: "val",
    episodes: [{ name: "e", path: "val/e", sampleCount: 3, frames: { location } }],
    sampleCount: 3,
  });
  assert.deepEqual(frameBatch(episodes, "location", 1, 2).shape, [1, 3]);
  assertRejects([
    [
      "frameBatch(null)",
      () => frameBatch(untyped(null), "location", 0, 1),
      "TypeError",
      /from null: expected the episode set/,
    ],
    [
      "frameBatch({})",
      () => frameBatch(untyped({}), "location", 0, 1),
      "TypeError",
      /from an object/,
    ],
    ["key 3", () => frameBatch(episodes, untyped(3), 0, 1), "TypeError", /frame entry 3/],
    ["key 'speed'", () => frameBatch(episodes, "speed", 0, 1), "RangeError", /'speed'/],
    ["batchSize '2'", () => frameBatch(episodes, "location", 0, untyped("2")), "TypeError", /"2"/],
    ["batchSize 0", () => frameBatch(episodes, "location", 0, 0), "RangeError", /size 0/],
    ["batchSize 1.5", () => frameBatch(episodes, "location", 0, 1.5), "RangeError", /size 1\.5/],
    ["batchSize NaN", () => frameBatch(episodes, "location", 0, NaN), "RangeError", /size NaN/],
    [
      "batchIndex missing",
      () => untyped<(...a: unknown[]) => Tensor>(frameBatch)(episodes, "location"),
      "TypeError",
      /batch index undefined/,
    ],
    ["batchIndex -1", () => frameBatch(episodes, "location", -1, 1), "RangeError", /index -1/],
    ["batchIndex 0.5", () => frameBatch(episodes, "location", 0.5, 1), "RangeError", /index 0\.5/],
    ["batchIndex 2", () => frameBatch(episodes, "location", 2, 2), "RangeError", /index 2/],
  ]);
});
