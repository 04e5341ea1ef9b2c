import { ExtractError } from '../extract/extractor.js';
import { LineIndex } from '../extract/lines.js';

/**
 * A small, strict XML reader for SBOMs: elements with namespaces, attributes, text, CDATA and the
 * predefined and numeric character references, each element with its line. Why not @xmldom/xmldom: it
 * reads about 6 MB a second, so a 20,000-component BOM (17 MB) took three seconds; this reads it in a
 * tenth of that. What SBOMs never need is refused, not guessed: a DOCTYPE (and with it custom entities) is
 * an error, as is anything not well-formed.
 */
export interface XmlNode {
  /** Local name (without prefix). */
  name: string;
  /** Namespace URI, when one is in scope. */
  namespace: string | undefined;
  /** Attributes by their name as written (CycloneDX's are unprefixed). */
  attributes: ReadonlyMap<string, string>;
  children: readonly XmlNode[];
  /** Character data directly inside this element (CDATA included), not its children's. */
  text: string;
  /** 1-based line of the start tag. */
  line: number;
}

const START_TAG = /<([^\s/>!?<]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/y;
const END_TAG = /<\/([^\s>]+)\s*>/y;
const ATTRIBUTE = /\s+([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const REFERENCE = /&(?:(lt|gt|amp|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));|&/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
/** Most elements have no attributes, and most no children: they share these (a big BOM has ~20 elements a component). */
const NO_ATTRIBUTES: ReadonlyMap<string, string> = new Map();
const NO_CHILDREN: readonly XmlNode[] = Object.freeze([]);

interface Open {
  node: XmlNode;
  qualifiedName: string;
  namespaces: Map<string, string>;
}

type Fail = (message: string, offset: number) => never;

/** Scans from `<` to `<`: character data up to the next one, then whatever markup its next character starts. */
export function parseXml(text: string): XmlNode {
  const fail: Fail = (message, offset) => {
    throw new ExtractError(`not well-formed XML: ${message}`, new LineIndex(text).lineAt(offset));
  };
  // Tags come in file order, so their lines are counted as the scan goes: one pass over the newlines.
  let line = 1;
  let nextNewline = text.indexOf('\n');
  const lineAt = (offset: number): number => {
    while (nextNewline !== -1 && nextNewline < offset) {
      line++;
      nextNewline = text.indexOf('\n', nextNewline + 1);
    }
    return line;
  };
  const stack: Open[] = [];
  let root: XmlNode | undefined;
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (at < text.length) {
    const current = stack[stack.length - 1];
    const markup = text.indexOf('<', at);
    const textEnd = markup === -1 ? text.length : markup;
    if (textEnd > at) {
      // Whitespace between elements (indentation) is most of an SBOM's text: not kept, never needed.
      if (!isBlank(text, at, textEnd)) {
        if (!current) fail('text outside the root element', at);
        else current.node.text += decode(text.slice(at, textEnd), at, fail);
      }
      at = textEnd;
      continue;
    }
    const next = text.charCodeAt(at + 1);
    if (next === 0x2f /* / */) {
      at = endElement(text, at, current, fail);
      stack.pop();
    } else if (next === 0x21 /* ! */) {
      at = skipDeclaration(text, at, current, fail);
    } else if (next === 0x3f /* ? */) {
      const end = text.indexOf('?>', at + 2);
      if (end === -1) fail('processing instruction never closed', at);
      at = end + 2;
    } else {
      START_TAG.lastIndex = at;
      const match = START_TAG.exec(text);
      if (!match) return fail(`malformed tag "${text.slice(at, at + 30)}"`, at);
      if (!current && root) fail('a second root element', at);
      const open = startElement(match[1] as string, match[2] ?? '', current, lineAt(at), at, fail);
      if (current) addChild(current.node, open.node);
      else root = open.node;
      if (!match[3]) stack.push(open);
      at = START_TAG.lastIndex;
    }
  }
  if (stack.length > 0) {
    const unclosed = stack[stack.length - 1] as Open;
    throw new ExtractError(`not well-formed XML: <${unclosed.qualifiedName}> is never closed`, unclosed.node.line);
  }
  if (!root) throw new ExtractError('not well-formed XML: no root element', 1);
  return root;
}

/** Checks the end tag at `at` closes the open element; returns where it ends. */
function endElement(text: string, at: number, current: Open | undefined, fail: Fail): number {
  // The usual case, `</name>` exactly, without a regular expression.
  if (current) {
    const name = current.qualifiedName;
    const close = at + 2 + name.length;
    if (text.charCodeAt(close) === 0x3e /* > */ && text.startsWith(name, at + 2)) return close + 1;
  }
  END_TAG.lastIndex = at;
  const name = END_TAG.exec(text)?.[1];
  if (name === undefined) return fail('malformed end tag', at);
  if (!current) return fail(`end tag </${name}> without a start tag`, at);
  if (current.qualifiedName !== name) fail(`</${name}> closes <${current.qualifiedName}>`, at);
  return END_TAG.lastIndex;
}

/** `<!--` comments are skipped, CDATA is text; a DOCTYPE (and with it custom entities) is refused. */
function skipDeclaration(text: string, at: number, current: Open | undefined, fail: Fail): number {
  if (text.startsWith('<!--', at)) {
    const end = text.indexOf('-->', at + 4);
    if (end === -1) fail('comment never closed', at);
    return end + 3;
  }
  if (text.startsWith('<![CDATA[', at)) {
    const end = text.indexOf(']]>', at + 9);
    if (end === -1) fail('CDATA section never closed', at);
    if (!current) fail('character data outside the root element', at);
    else current.node.text += text.slice(at + 9, end);
    return end + 3;
  }
  if (text.startsWith('<!DOCTYPE', at)) return fail('a DOCTYPE is not allowed in an SBOM', at);
  return fail(`unexpected "${text.slice(at, at + 20)}"`, at);
}

function addChild(parent: XmlNode, child: XmlNode): void {
  if (parent.children === NO_CHILDREN) parent.children = [child];
  else (parent.children as XmlNode[]).push(child);
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let index = from; index < to; index++) {
    const code = text.charCodeAt(index);
    if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) return false;
  }
  return true;
}

function startElement(
  qualifiedName: string,
  attributeText: string,
  parent: Open | undefined,
  line: number,
  at: number,
  fail: Fail,
): Open {
  let namespaces = parent?.namespaces ?? new Map<string, string>();
  if (attributeText === '') return openElement(qualifiedName, NO_ATTRIBUTES, namespaces, line, at, fail);
  const attributes = new Map<string, string>();
  for (const [, name, double, single] of attributeText.matchAll(ATTRIBUTE)) {
    const attributeName = name as string;
    if (attributes.has(attributeName)) fail(`attribute ${attributeName} given twice`, at);
    const value = decode(double ?? single ?? '', at, fail);
    attributes.set(attributeName, value);
    if (attributeName === 'xmlns' || attributeName.startsWith('xmlns:')) {
      if (namespaces === parent?.namespaces) namespaces = new Map(namespaces);
      namespaces.set(attributeName === 'xmlns' ? '' : attributeName.slice(6), value);
    }
  }
  return openElement(qualifiedName, attributes, namespaces, line, at, fail);
}

function openElement(
  qualifiedName: string,
  attributes: ReadonlyMap<string, string>,
  namespaces: Map<string, string>,
  line: number,
  at: number,
  fail: Fail,
): Open {
  const colon = qualifiedName.indexOf(':');
  const prefix = colon === -1 ? '' : qualifiedName.slice(0, colon);
  const namespace = namespaces.get(prefix);
  if (prefix && namespace === undefined) fail(`namespace prefix "${prefix}" is not declared`, at);
  return {
    node: {
      name: colon === -1 ? qualifiedName : qualifiedName.slice(colon + 1),
      namespace,
      attributes,
      children: NO_CHILDREN,
      text: '',
      line,
    },
    qualifiedName,
    namespaces,
  };
}

/** Resolves character references in text that starts at offset `at` (errors point at the `&` itself). */
function decode(raw: string, at: number, fail: Fail): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(
    REFERENCE,
    (whole, named: string | undefined, decimal: string | undefined, hex: string | undefined, offset: number) => {
      if (named) return NAMED[named] as string;
      const code =
        decimal !== undefined ? Number.parseInt(decimal, 10) : hex !== undefined ? Number.parseInt(hex, 16) : -1;
      if (code < 0) return fail(`"&" that starts no character reference`, at + offset);
      if (code > 0x10ffff || code === 0) return fail(`character reference ${whole} is out of range`, at + offset);
      return String.fromCodePoint(code);
    },
  );
}
