import assert from "node:assert/strict";
import { escapeXml, graphSvg } from "./graph_svg.ts";
import { createParameters, forwardPass } from "./mazur_network.ts";
import { topologicalOrder, Value } from "./value.ts";
import { allElements, parseXml, type XmlElement } from "./xml_well_formed.ts";

function withClass(root: XmlElement, name: string, className: string): XmlElement[] {
  return allElements(root).filter((e) => e.name === name && e.attributes.class === className);
}

function textOf(group: XmlElement, className: string): string {
  const text = group.children.find((child) => child.attributes.class === className);
  assert.ok(text, `no <text class="${className}"> in the group`);
  return text.text;
}

function articleGraph() {
  const pass = forwardPass(createParameters());
  pass.errorTotal.backward();
  return pass;
}

Deno.test("graphSvg output parses as XML", () => {
  const root = parseXml(graphSvg(articleGraph().errorTotal, { title: `<"wiring" & 'more'>` }));
  assert.equal(root.name, "svg");
  assert.equal(root.attributes.xmlns, "http://www.w3.org/2000/svg");
  assert.equal(withClass(root, "text", "title")[0].text, `<"wiring" & 'more'>`);
});

Deno.test("graphSvg draws one group per node", () => {
  const pass = articleGraph();
  const root = parseXml(graphSvg(pass.errorTotal));
  const nodes = topologicalOrder(pass.errorTotal);
  const groups = withClass(root, "g", "node");
  assert.equal(groups.length, nodes.length);
  assert.equal(groups.length, 41, "14 leaves and 27 operations in the article's network");

  // One ellipse group per operation, one edge per operand and one per operation.
  const operations = nodes.filter((node) => node.op !== "leaf");
  assert.equal(withClass(root, "g", "operation").length, operations.length);
  const operands = operations.flatMap((node) => [node.left, node.right].filter((x) => x !== null));
  assert.equal(withClass(root, "path", "edge").length, operands.length + operations.length);

  const labels = groups.map((group) => group.attributes["data-label"]).filter((x) => x !== "");
  for (const label of ["w1", "w5", "b1", "i1", "t2", "out_h1", "net_o2", "E_o1", "E_total"]) {
    assert.equal(labels.filter((x) => x === label).length, 1, label);
  }
});

Deno.test("graphSvg shows the article's numbers", () => {
  const root = parseXml(graphSvg(articleGraph().errorTotal));
  const groups = new Map(
    withClass(root, "g", "node").map((group) => [group.attributes["data-label"], group]),
  );
  // The article's figures rounded to 6 significant digits: out_h1 0.593269992,
  // E_total 0.298371109, dE_total/dw5 0.082167041, dE_total/dw1 0.000438568,
  // dE_total/dout_h1 0.036350306, dE_total/dout_o1 0.74136507.
  const cases: [string, string, string][] = [
    ["out_h1", "data 0.59327", "grad 0.0363503"],
    ["out_o1", "data 0.751365", "grad 0.741365"],
    ["w5", "data 0.4", "grad 0.082167"],
    ["w1", "data 0.15", "grad 0.000438568"],
    ["E_total", "data 0.298371", "grad 1"],
    // Inputs and targets take no gradient, as in PyTorch, where their grad is None.
    ["i1", "data 0.05", "grad none"],
    ["t2", "data 0.99", "grad none"],
  ];
  for (const [label, data, grad] of cases) {
    const group = groups.get(label);
    assert.ok(group, `no node labelled ${label}`);
    assert.equal(textOf(group, "label"), label);
    assert.equal(textOf(group, "data"), data, label);
    assert.equal(textOf(group, "grad"), grad, label);
  }
});

Deno.test("graphSvg escapes labels", () => {
  const x = new Value(1, { label: `a<b & "c"` });
  const y = x.mul(2).named("y");
  const root = parseXml(graphSvg(y));
  const labels = withClass(root, "text", "label").map((text) => text.text);
  assert.deepEqual(labels.sort(), [`a<b & "c"`, "y"]);
  const operation = withClass(root, "g", "operation")[0];
  assert.equal(operation.children.find((child) => child.name === "text")?.text, "× 2");
});

Deno.test("graphSvg places no boxes on top of each other", () => {
  const pass = forwardPass(createParameters("float32"), {
    wiring: "notebook",
    sigmoid: "composed",
  });
  pass.errorTotal.backward();
  const root = parseXml(graphSvg(pass.errorTotal));
  const boxes = withClass(root, "g", "node").map((group) => {
    const rect = group.children.find((child) => child.name === "rect")!;
    const [x, y, width, height] = ["x", "y", "width", "height"].map((a) =>
      Number(rect.attributes[a])
    );
    return { x, y, width, height };
  });
  assert.equal(boxes.length, 53, "the composed sigmoid adds 3 nodes to each of 4 units");
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height &&
        b.y < a.y + a.height;
      assert.ok(!overlap, `boxes ${i} and ${j} overlap`);
    }
  }
  const svg = root.attributes;
  for (const box of boxes) {
    assert.ok(box.x >= 0, "box right of the left edge");
    assert.ok(box.x + box.width <= Number(svg.width), "box left of the right edge");
    assert.ok(box.y >= 0, "box below the top edge");
    assert.ok(box.y + box.height <= Number(svg.height), "box above the bottom edge");
  }
});

Deno.test("graphSvg rejects a non-Value root", () => {
  assert.throws(() => graphSvg(3 as unknown as Value), {
    name: "TypeError",
    message: /Cannot draw the graph of 3: expected a Value/,
  });
  assert.throws(() => graphSvg(new Value(1), { formatNumber: "%.4f" as unknown as () => string }), {
    name: "TypeError",
    message: /formatNumber %.4f: expected a function/,
  });
});

Deno.test("escapeXml replaces the five special characters", () => {
  assert.equal(
    escapeXml(`<a href="x">Tom's & Jerry's</a>`),
    "&lt;a href=&quot;x&quot;&gt;Tom&apos;s &amp; Jerry&apos;s&lt;/a&gt;",
  );
  assert.equal(escapeXml("plain ∂E/∂w"), "plain ∂E/∂w");
});
