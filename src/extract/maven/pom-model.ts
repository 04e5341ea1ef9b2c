import { DOMParser, type Element, type Node } from '@xmldom/xmldom';
import { ExtractError } from '../extractor.js';

/** A `<dependency>` as written: values are raw (properties not yet interpolated), trimmed. */
export interface RawDependency {
  groupId?: string;
  artifactId?: string;
  version?: string;
  type?: string;
  classifier?: string;
  scope?: string;
  optional?: string;
  /** 1-based line of the `<dependency>` element. */
  line: number;
}

export interface RawParent {
  groupId?: string;
  artifactId?: string;
  version?: string;
  /** undefined: Maven's default `../pom.xml`; empty (`<relativePath/>`): look only in repositories. */
  relativePath?: string;
}

/** The parts of a `<profile>` that matter for dependencies. */
export interface RawProfile {
  id: string;
  activeByDefault: boolean;
  properties: Map<string, string>;
  dependencies: RawDependency[];
  managed: RawDependency[];
}

/** The parts of a POM that decide its declared dependencies and their versions. */
export interface PomModel {
  groupId?: string;
  artifactId?: string;
  version?: string;
  parent?: RawParent;
  properties: Map<string, string>;
  dependencies: RawDependency[];
  /** `<dependencyManagement>` entries, BOM imports included. */
  managed: RawDependency[];
  profiles: RawProfile[];
}

const NOT_WELL_FORMED = 'not well-formed XML';

/** Parses a POM; throws an ExtractError (with the line) when it is not well-formed XML or not a `<project>`. */
export function parsePom(text: string): PomModel {
  const root = parseXml(text);
  if (root.localName !== 'project') {
    throw new ExtractError(`not a Maven POM: the root element is <${root.nodeName}>, not <project>`, lineOf(root));
  }
  const parent = firstChild(root, 'parent');
  return {
    groupId: childText(root, 'groupId'),
    artifactId: childText(root, 'artifactId'),
    version: childText(root, 'version'),
    parent: parent && {
      groupId: childText(parent, 'groupId'),
      artifactId: childText(parent, 'artifactId'),
      version: childText(parent, 'version'),
      relativePath: childText(parent, 'relativePath'),
    },
    properties: readProperties(root),
    dependencies: readDependencies(firstChild(root, 'dependencies')),
    managed: readDependencies(firstChild(firstChild(root, 'dependencyManagement'), 'dependencies')),
    profiles: childElements(firstChild(root, 'profiles'), 'profile').map(readProfile),
  };
}

function parseXml(text: string): Element {
  let failure: { message: string; line?: number } | undefined;
  const parser = new DOMParser({
    // Warnings (e.g. an unknown encoding name) do not stop Maven either; errors and fatal errors do.
    onError: (level, message, context) => {
      if (level === 'warning') return;
      const line = (context as { locator?: { lineNumber?: number } } | undefined)?.locator?.lineNumber;
      failure ??= { message: plainXmlMessage(message), line: line && line > 0 ? line : undefined };
      throw new Error(message);
    },
  });
  let root: Element | null = null;
  try {
    root = parser.parseFromString(text, 'text/xml').documentElement;
  } catch (error) {
    const reported = failure ?? { message: plainXmlMessage((error as Error).message) };
    throw new ExtractError(`${NOT_WELL_FORMED}: ${reported.message}`, reported.line);
  }
  if (!root) throw new ExtractError(`${NOT_WELL_FORMED}: no root element`);
  return root;
}

/** xmldom prefixes some messages with its internal stage ("element parse error: Error: ..."). */
function plainXmlMessage(message: string): string {
  return message.replace(/^element parse error: (Error: )?/, '');
}

function readProfile(profile: Element): RawProfile {
  const activation = firstChild(profile, 'activation');
  return {
    id: childText(profile, 'id') ?? 'default',
    activeByDefault: childText(activation, 'activeByDefault') === 'true',
    properties: readProperties(profile),
    dependencies: readDependencies(firstChild(profile, 'dependencies')),
    managed: readDependencies(firstChild(firstChild(profile, 'dependencyManagement'), 'dependencies')),
  };
}

function readProperties(owner: Element): Map<string, string> {
  const properties = new Map<string, string>();
  for (const property of childElements(firstChild(owner, 'properties'))) {
    properties.set(property.localName ?? property.nodeName, (property.textContent ?? '').trim());
  }
  return properties;
}

function readDependencies(list: Element | undefined): RawDependency[] {
  return childElements(list, 'dependency').map((dependency) => ({
    groupId: childText(dependency, 'groupId'),
    artifactId: childText(dependency, 'artifactId'),
    version: childText(dependency, 'version'),
    type: childText(dependency, 'type'),
    classifier: childText(dependency, 'classifier'),
    scope: childText(dependency, 'scope'),
    optional: childText(dependency, 'optional'),
    line: lineOf(dependency),
  }));
}

function lineOf(node: Node): number {
  return node.lineNumber ?? 1;
}

/** Child elements of `owner` (all, or those named `name`); none when `owner` is absent. */
function childElements(owner: Element | undefined, name?: string): Element[] {
  const found: Element[] = [];
  if (!owner) return found;
  for (let child = owner.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === child.ELEMENT_NODE && (name === undefined || (child as Element).localName === name)) {
      found.push(child as Element);
    }
  }
  return found;
}

function firstChild(owner: Element | undefined, name: string): Element | undefined {
  if (!owner) return undefined;
  for (let child = owner.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === child.ELEMENT_NODE && (child as Element).localName === name) return child as Element;
  }
  return undefined;
}

/** Trimmed text of the first child element `name` (Maven trims values); undefined when there is none. */
function childText(owner: Element | undefined, name: string): string | undefined {
  const element = firstChild(owner, name);
  return element ? (element.textContent ?? '').trim() : undefined;
}
