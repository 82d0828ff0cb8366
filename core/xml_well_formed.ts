/**
 * A strict XML well-formedness check for the tests of the SVG renderers.
 *
 * The kit has no dependencies, and Deno ships no XML parser, so the tests
 * parse the SVG they produce with this one. It accepts the subset of XML that
 * the renderers write (elements, attributes, text, comments and an XML
 * declaration) and rejects what a browser's XML parser rejects in it.
 *
 * @module
 */

/** An element of a parsed XML document. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text, entities decoded, without the text of its children. */
  text: string;
}

const NAME = /^[A-Za-z_:][A-Za-z0-9_:.-]*/;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/**
 * Parses an XML document strictly enough to reject what a browser's XML parser
 * rejects in SVG: unclosed or mismatched tags, unquoted or repeated attributes,
 * a raw `<` or `&`, unknown entities, text outside the root. No DTDs, CDATA
 * or processing instructions other than the XML declaration.
 *
 * @param source The document.
 * @returns The root element.
 * @throws {SyntaxError} If the document is not well-formed, naming the line.
 *
 * @example Usage
 * ```ts
 * import { parseXml } from "./xml_well_formed.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(parseXml('<svg><g class="node"/></svg>').children[0].attributes.class, "node");
 * assert.throws(() => parseXml("<svg><g></svg>"), SyntaxError);
 * ```
 */
export function parseXml(source: string): XmlElement {
  let position = 0;
  const fail = (message: string): never => {
    const line = source.slice(0, position).split("\n").length;
    throw new SyntaxError(`Invalid XML at line ${line}: ${message}`);
  };
  const decode = (text: string): string =>
    text.replace(/&([^;]*);|&/g, (match, entity: string | undefined) => {
      if (entity === undefined) return fail(`raw "&" in ${JSON.stringify(text)}`);
      if (entity in ENTITIES) return ENTITIES[entity];
      const code = /^#x[0-9a-fA-F]+$/.test(entity)
        ? parseInt(entity.slice(2), 16)
        : /^#[0-9]+$/.test(entity)
        ? parseInt(entity.slice(1), 10)
        : fail(`unknown entity ${match}`);
      return String.fromCodePoint(code);
    });
  const skipMisc = () => {
    for (;;) {
      const rest = source.slice(position);
      const space = rest.match(/^\s+/);
      if (space) {
        position += space[0].length;
      } else if (rest.startsWith("<!--")) {
        const end = source.indexOf("-->", position);
        if (end < 0) fail("unclosed comment");
        position = end + 3;
      } else {
        return;
      }
    }
  };
  const parseElement = (): XmlElement => {
    if (source[position] !== "<") fail("expected a tag");
    position++;
    const name = source.slice(position).match(NAME)?.[0] ?? fail("invalid tag name");
    position += name.length;
    const element: XmlElement = { name, attributes: {}, children: [], text: "" };
    for (;;) {
      const space = source.slice(position).match(/^\s*/)![0];
      position += space.length;
      if (source.startsWith("/>", position)) {
        position += 2;
        return element;
      }
      if (source[position] === ">") {
        position++;
        break;
      }
      if (space === "") fail(`expected a space before the attributes of <${name}>`);
      const attribute = source.slice(position).match(NAME)?.[0] ??
        fail(`invalid attribute in <${name}>`);
      position += attribute.length;
      const value = source.slice(position).match(/^\s*=\s*("([^"<]*)"|'([^'<]*)')/) ??
        fail(`attribute ${attribute} of <${name}> needs a quoted value without "<"`);
      position += value[0].length;
      if (attribute in element.attributes) fail(`attribute ${attribute} repeated in <${name}>`);
      element.attributes[attribute] = decode(value[2] ?? value[3]);
    }
    for (;;) {
      const next = source.indexOf("<", position);
      if (next < 0) fail(`<${name}> is not closed`);
      const text = source.slice(position, next);
      element.text += decode(text);
      position = next;
      if (source.startsWith("</", position)) {
        position += 2;
        const end = source.slice(position).match(NAME)?.[0];
        if (end !== name) fail(`</${end}> closes <${name}>`);
        position += name.length;
        const close = source.slice(position).match(/^\s*>/) ?? fail(`</${name} is not closed`);
        position += close[0].length;
        return element;
      }
      if (source.startsWith("<!--", position)) {
        skipMisc();
        continue;
      }
      element.children.push(parseElement());
    }
  };

  const declaration = source.match(/^<\?xml[^?]*\?>/);
  if (declaration) position = declaration[0].length;
  skipMisc();
  const root = parseElement();
  skipMisc();
  if (position !== source.length) fail("content after the root element");
  return root;
}

/**
 * Lists every element in the tree, the root first, in document order.
 *
 * @param element The root of the tree.
 * @returns The elements.
 */
export function allElements(element: XmlElement): XmlElement[] {
  return [element, ...element.children.flatMap(allElements)];
}
