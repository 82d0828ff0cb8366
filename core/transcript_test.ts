import assert from "node:assert/strict";
import { Transcript } from "./transcript.ts";

Deno.test("Transcript ends every print with a line break", () => {
  const transcript = new Transcript();
  transcript.print("a");
  transcript.print("\nb");
  transcript.print();
  // Python's print("a"); print("\nb"); print() writes exactly this.
  assert.equal(transcript.toString(), "a\n\nb\n\n");
});

Deno.test("Transcript rejects a non-string print", () => {
  const transcript = new Transcript();
  assert.throws(() => transcript.print(42 as unknown as string), {
    name: "TypeError",
    message: "Cannot print 42: expected a string, got number",
  });
  assert.deepEqual(transcript.entries, []);
});
