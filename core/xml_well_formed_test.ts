import assert from "node:assert/strict";
import { parseXml } from "./xml_well_formed.ts";

Deno.test("parseXml rejects malformed documents", () => {
  const cases: [string, RegExp][] = [
    ["<svg><g></svg>", /<\/svg> closes <g>/],
    ["<svg><text>a < b</text></svg>", /invalid tag name/],
    ["<svg><text>a & b</text></svg>", /raw "&"/],
    ["<svg><text>&nbsp;</text></svg>", /unknown entity &nbsp;/],
    ['<svg x="1" x="2"/>', /attribute x repeated/],
    ["<svg x=1/>", /needs a quoted value/],
    ['<svg x="1"y="2"/>', /expected a space/],
    ["<svg/><svg/>", /content after the root element/],
    ["<svg>", /<svg> is not closed/],
  ];
  for (const [source, message] of cases) {
    assert.throws(() => parseXml(source), { name: "SyntaxError", message }, source);
  }
  const parsed = parseXml('<?xml version="1.0"?>\n<a b="&lt;&#65;"><!-- c --><d/>e&amp;</a>\n');
  assert.equal(parsed.attributes.b, "<A");
  assert.equal(parsed.children[0].name, "d");
  assert.equal(parsed.text, "e&");
});
