import assert from "node:assert/strict";
import { unpickle } from "./pickle.ts";
import { Tensor } from "./tensor.ts";
import { describeValue, withKitDTypes } from "./numpy_test_helpers.ts";
// What Python's pickle.loads returned for each file, written by tools/make_reader_fixtures.py.
import expected from "../fixtures/readers/expected.json" with { type: "json" };
import protocol2 from "../fixtures/readers/sample_protocol_2.pkl" with { type: "bytes" };
import protocol3 from "../fixtures/readers/sample_protocol_3.pkl" with { type: "bytes" };
import protocol4 from "../fixtures/readers/sample_protocol_4.pkl" with { type: "bytes" };
import protocol5 from "../fixtures/readers/sample_protocol_5.pkl" with { type: "bytes" };
import evilSystem from "../fixtures/readers/evil_os_system.pkl" with { type: "bytes" };
import evilEval from "../fixtures/readers/evil_eval.pkl" with { type: "bytes" };
import evilPopen from "../fixtures/readers/evil_popen.pkl" with { type: "bytes" };
import evilNested from "../fixtures/readers/evil_nested.pkl" with { type: "bytes" };

const EXPECTED = expected as unknown as Record<string, unknown>;

const PROTOCOLS: [string, Uint8Array][] = [
  ["sample_protocol_2.pkl", protocol2],
  ["sample_protocol_3.pkl", protocol3],
  ["sample_protocol_4.pkl", protocol4],
  ["sample_protocol_5.pkl", protocol5],
];

Deno.test("unpickle matches Python for protocols 2 to 5", () => {
  for (const [file, bytes] of PROTOCOLS) {
    assert.deepEqual(describeValue(unpickle(bytes, file)), withKitDTypes(EXPECTED[file]), file);
  }
});

Deno.test("unpickle keeps Fortran-ordered arrays as strides", () => {
  for (const [file, bytes] of PROTOCOLS) {
    const value = unpickle(bytes, file) as Map<string, unknown>;
    const array = value.get("i32_fortran");
    assert.ok(array instanceof Tensor, file);
    // np.asfortranarray(np.arange(24).reshape(2, 3, 4)): element [1, 2, 3] is 23.
    assert.deepEqual(array.strides, [1, 2, 6], file);
    assert.equal(array.get(1, 2, 3), 23, file);
  }
});

Deno.test("unpickle gives NumPy scalars as 0-d tensors", () => {
  const value = unpickle(protocol3, "sample_protocol_3.pkl") as Map<string, unknown>;
  const scalar = value.get("scalar_f32");
  assert.ok(scalar instanceof Tensor);
  assert.deepEqual(scalar.shape, []);
  assert.equal(scalar.dtype, "float32");
  assert.equal(scalar.toArray(), 1.25);
});

Deno.test("unpickle rejects foreign globals", () => {
  // On Linux, os.system is pickled under its defining module, posix; Python 2
  // names for builtins (protocol 2) are __builtin__.
  const cases: [string, Uint8Array, string][] = [
    ["evil_os_system.pkl", evilSystem, "posix.system"],
    ["evil_eval.pkl", evilEval, "__builtin__.eval"],
    ["evil_popen.pkl", evilPopen, "subprocess.Popen"],
    ["evil_nested.pkl", evilNested, "builtins.eval"],
  ];
  for (const [file, bytes, global] of cases) {
    assert.throws(() => unpickle(bytes, file), {
      name: "FileFormatError",
      message: new RegExp(
        `^Cannot read ${file.replace(".", "\\.")}: the pickle names the global ${
          global.replace(".", "\\.")
        }, which the kit rejects`,
      ),
    }, file);
  }
});

Deno.test("unpickle rejects truncated pickles", () => {
  for (const length of [0, 1, 2, 50, protocol3.length - 1]) {
    assert.throws(() => unpickle(protocol3.subarray(0, length), "cut.pkl"), {
      name: "FileFormatError",
      message: /^Cannot read cut\.pkl: (the pickle is truncated|not a pickle of protocol 2 to 5)/,
    }, `first ${length} bytes`);
  }
});

Deno.test("unpickle checks lengths against the bytes left", () => {
  // PROTO 4, BINUNICODE8 with a length of 2^40, then nothing.
  const bytes = new Uint8Array([0x80, 0x04, 0x8d, 0, 0, 0, 0, 0, 1, 0, 0]);
  assert.throws(() => unpickle(bytes, "long.pkl"), {
    name: "FileFormatError",
    message:
      /^Cannot read long\.pkl: the pickle is truncated: a length of 1099511627776 at byte 3 runs past the end/,
  });
});

Deno.test("unpickle rejects unsupported opcodes and protocols", () => {
  const cases: [Uint8Array, RegExp][] = [
    [new Uint8Array([0x80, 0x01, 0x4e, 0x2e]), /unsupported pickle protocol 1/],
    [new Uint8Array([0x80, 0x04, 0x8f, 0x2e]), /unsupported opcode EMPTY_SET \(0x8f\) at byte 2/],
    [new Uint8Array([0x80, 0x02, 0x82, 0x01, 0x2e]), /unsupported opcode EXT1 \(0x82\) at byte 2/],
    [new Uint8Array([0x80, 0x02, 0xff, 0x2e]), /unknown opcode 0xff at byte 2/],
    [new Uint8Array([0x28, 0x2e]), /not a pickle of protocol 2 to 5/],
    [new Uint8Array([0x80, 0x02, 0x68, 0x05, 0x2e]), /the memo has no entry 5/],
    [new Uint8Array([0x80, 0x02, 0x4e, 0x4e, 0x2e]), /STOP leaves 2 values and 0 marks/],
  ];
  for (const [bytes, problem] of cases) {
    assert.throws(() => unpickle(bytes, "x.pkl"), {
      name: "FileFormatError",
      message: new RegExp(`^Cannot read x\\.pkl: ${problem.source}`),
    });
  }
});

Deno.test("unpickle rejects integers beyond 2^53", () => {
  // pickle.dumps(2**53 + 1, protocol=2): LONG1 with 7 bytes.
  const bytes = new Uint8Array([0x80, 0x02, 0x8a, 0x07, 1, 0, 0, 0, 0, 0, 0x20, 0x2e]);
  assert.throws(() => unpickle(bytes, "big.pkl"), {
    name: "RangeError",
    message: /^Cannot read big\.pkl: the integer 9007199254740993 at byte 2 lies beyond/,
  });
});
