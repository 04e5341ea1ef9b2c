/**
 * A small XML writer: elements with attributes and either text or child elements, indented by two spaces.
 * Enough for CycloneDX, whose elements never mix text and children.
 */
export interface XmlElement {
  name: string;
  /** Written in this order; undefined values are left out. */
  attributes?: Record<string, string | undefined>;
  text?: string;
  children?: XmlElement[];
}

export function renderXmlDocument(root: XmlElement): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  writeElement(root, '', lines);
  return `${lines.join('\n')}\n`;
}

/** Builds an element with text content (a leaf). */
export function leaf(name: string, text: string, attributes?: XmlElement['attributes']): XmlElement {
  return { name, text, ...(attributes ? { attributes } : {}) };
}

function writeElement(element: XmlElement, indent: string, lines: string[]): void {
  const open = `${indent}<${element.name}${attributesText(element.attributes)}`;
  if (element.children && element.children.length > 0) {
    lines.push(`${open}>`);
    for (const child of element.children) writeElement(child, `${indent}  `, lines);
    lines.push(`${indent}</${element.name}>`);
  } else if (element.text !== undefined && element.text !== '') {
    lines.push(`${open}>${escapeText(element.text)}</${element.name}>`);
  } else {
    lines.push(`${open}/>`);
  }
}

function attributesText(attributes: XmlElement['attributes']): string {
  if (!attributes) return '';
  let text = '';
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) text += ` ${name}="${escapeAttribute(value)}"`;
  }
  return text;
}

/**
 * Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF) become U+FFFD:
 * no escape exists for them, and a document containing them would not parse.
 */
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding the characters XML cannot hold is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeText(text: string): string {
  return text
    .replace(NOT_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

/** Also escapes quotes, tabs and newlines, which attribute normalisation would otherwise turn into spaces. */
export function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}
