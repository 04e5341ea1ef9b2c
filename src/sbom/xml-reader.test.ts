import { describe, expect, it } from 'vitest';
import { ExtractError } from '../extract/extractor.js';
import { parseXml, type XmlNode } from './xml-reader.js';

function failure(text: string): ExtractError {
  try {
    parseXml(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ExtractError);
    return error as ExtractError;
  }
  throw new Error('expected an ExtractError');
}

const names = (node: XmlNode): string[] => node.children.map((child) => child.name);

describe('parseXml', () => {
  it('reads elements, attributes, text, CDATA and character references, with start-tag lines', () => {
    const root = parseXml(
      [
        '\uFEFF<?xml version="1.0" encoding="UTF-8"?>',
        '<!-- a comment with <tags> -->',
        '<root a=\'1\' b = "x &gt; y &#38; &#x41;">',
        '  <leaf>a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos; &#233;</leaf>',
        '  <cdata><![CDATA[<not> & markup]]></cdata><empty/>',
        '  <attr value="a>b"/>',
        '</root>',
      ].join('\n'),
    );
    expect(root.name).toBe('root');
    expect(root.line).toBe(3);
    expect([...root.attributes]).toEqual([
      ['a', '1'],
      ['b', 'x > y & A'],
    ]);
    expect(names(root)).toEqual(['leaf', 'cdata', 'empty', 'attr']);
    expect(root.children[0]?.text).toBe('a <b> & "c" \'d\' é');
    expect(root.children[0]?.line).toBe(4);
    expect(root.children[1]?.text).toBe('<not> & markup');
    expect(root.children[2]?.line).toBe(5);
    expect(root.children[3]?.attributes.get('value')).toBe('a>b');
  });

  it('resolves default and prefixed namespaces, scoped to the element that declares them', () => {
    const root = parseXml('<a:x xmlns:a="urn:a" xmlns="urn:d"><y/><b:z xmlns:b="urn:b"><w/></b:z><a:v/></a:x>');
    expect(root).toMatchObject({ name: 'x', namespace: 'urn:a' });
    const [y, z, v] = root.children;
    expect(y).toMatchObject({ name: 'y', namespace: 'urn:d' });
    expect(z).toMatchObject({ name: 'z', namespace: 'urn:b' });
    expect(z?.children[0]).toMatchObject({ name: 'w', namespace: 'urn:d' });
    expect(v).toMatchObject({ name: 'v', namespace: 'urn:a' });
    expect(failure('<x><b:y/></x>').message).toBe('not well-formed XML: namespace prefix "b" is not declared');
  });

  it('counts lines in one-line documents and in long ones alike', () => {
    const oneLine = parseXml('<a><b/><c/></a>');
    expect(oneLine.children.map((child) => child.line)).toEqual([1, 1]);
    const many = parseXml(`<a>\n${'<b/>\n'.repeat(1000)}<c/></a>`);
    expect(many.children[999]?.line).toBe(1001);
    expect(many.children[1000]?.line).toBe(1002);
  });

  it('refuses what is not well-formed, with the line', () => {
    expect(failure('<a>\n<b>\n</a>')).toMatchObject({ message: 'not well-formed XML: </a> closes <b>', line: 3 });
    expect(failure('<a>\n  <b>')).toMatchObject({ message: 'not well-formed XML: <b> is never closed', line: 2 });
    expect(failure('<a/>\n<b/>')).toMatchObject({ message: 'not well-formed XML: a second root element', line: 2 });
    expect(failure('<a>\n</a>\n</c>')).toMatchObject({ line: 3 });
    expect(failure('text')).toMatchObject({ message: 'not well-formed XML: text outside the root element', line: 1 });
    expect(failure('<a x="1" x="2"/>').message).toBe('not well-formed XML: attribute x given twice');
    expect(failure('<a x=1/>').message).toMatch(/malformed tag/);
    expect(failure('<a>\n\n&copy;</a>')).toMatchObject({ line: 3 });
    expect(failure('<a>&#0;</a>').message).toMatch(/out of range/);
    expect(failure('<a><!-- never closed</a>').message).toMatch(/comment never closed/);
    expect(failure('').message).toBe('not well-formed XML: no root element');
    expect(failure('<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>').message).toMatch(/DOCTYPE/);
  });
});
