/**
 * Gradient checks at scale: thousands of seeded random expression graphs over
 * every `Value` operation, each leaf's gradient compared with central finite
 * differences in float64. A failure names its seed and prints the smallest
 * expression that still fails.
 */
import assert from "node:assert/strict";
import {
  buildValues,
  checkGraph,
  type CheckResult,
  createRandom,
  type ExpressionGraph,
  formatExpression,
  generateGraph,
  leafIndices,
  shrinkGraph,
} from "./random_graph.ts";

// Graphs per run; each seed from 1 to this count gives one graph.
const GRAPH_COUNT = 5000;
// Share of leaves that must be checkable (the rest sit on a kink or overflow),
// so that the test cannot pass by skipping nearly everything.
const MIN_CHECKED_SHARE = 0.6;
// Relative gap allowed between twice the first gradient and the gradient after
// a second backward(): the two passes add the same terms in a different grouping.
const ACCUMULATION_TOLERANCE = 1e-12;

function describeFailure(seed: number, graph: ExpressionGraph, result: CheckResult): string {
  const small = shrinkGraph(graph, (candidate) => checkGraph(candidate).status === "failed");
  const smallResult = checkGraph(small);
  const detail = smallResult.status === "failed" ? smallResult.message : "";
  const firstDetail = result.status === "failed" ? result.message : "";
  return `Gradient check failed for seed ${seed}: ${firstDetail}\n` +
    `Smallest failing expression (${detail}):\n${formatExpression(small)}`;
}

Deno.test("random graphs match finite differences", () => {
  let checked = 0;
  let total = 0;
  for (let seed = 1; seed <= GRAPH_COUNT; seed++) {
    const graph = generateGraph(createRandom(seed));
    total += leafIndices(graph).length;
    const result = checkGraph(graph);
    if (result.status === "failed") assert.fail(describeFailure(seed, graph, result));
    if (result.status === "passed") checked += result.checkedLeaves;
  }
  assert.ok(
    checked >= MIN_CHECKED_SHARE * total,
    `Only ${checked} of ${total} leaf gradients could be checked`,
  );
});

Deno.test("deep random chains match finite differences", () => {
  let passed = 0;
  const chains = 60;
  for (let seed = 1; seed <= chains; seed++) {
    const graph = generateGraph(createRandom(seed * 7919), { chanceOfChain: 1 });
    assert.ok(graph.nodes.length >= 50, `seed ${seed * 7919} gave no chain`);
    const result = checkGraph(graph);
    if (result.status === "failed") assert.fail(describeFailure(seed * 7919, graph, result));
    if (result.status === "passed" && result.checkedLeaves > 0) passed++;
  }
  assert.ok(passed >= chains / 2, `Only ${passed} of ${chains} chains could be checked`);
});

Deno.test("random graphs double gradients on second backward", () => {
  for (let seed = 1; seed <= GRAPH_COUNT / 3; seed++) {
    const graph = generateGraph(createRandom(seed));
    const built = buildValues(graph);
    const output = built[graph.output];
    const leaves = leafIndices(graph).map((i) => built[i]);
    output.backward();
    const first = leaves.map((leaf) => leaf.grad);
    output.backward();
    leaves.forEach((leaf, k) => {
      const expected = 2 * first[k];
      if (Number.isNaN(expected)) {
        assert.ok(Number.isNaN(leaf.grad), `seed ${seed}, leaf ${k}: expected NaN`);
        return;
      }
      if (!Number.isFinite(expected)) {
        assert.equal(leaf.grad, expected, `seed ${seed}, leaf ${k}`);
        return;
      }
      const gap = Math.abs(leaf.grad - expected);
      assert.ok(
        gap <= ACCUMULATION_TOLERANCE * Math.max(1, Math.abs(expected)),
        `seed ${seed}, leaf ${k}: second backward() gave ${leaf.grad}, expected ${expected}\n` +
          formatExpression(graph),
      );
    });
  }
});
