import { getNodeValue, type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Component, ExtractResult, SkippedDependency } from '../component.js';
import { ExtractError, type ExtractInput, type Extractor, fileName } from '../extractor.js';
import { LineIndex } from '../lines.js';
import { mergeByPurl } from '../merge.js';
import { downloadQualifiers, gitQualifiers, type PurlQualifiers, pep503, purlOf } from '../purl.js';
import { hashesOf } from './hashes.js';
import { asString, asTable, readOptionalToml } from './toml.js';

/**
 * Pipfile.lock (pipenv): `default` (runtime), `develop` and any custom category (development), each a
 * flat map of every installed package to its pinned `version: "==1.2.3"`, hashes and markers. The lock
 * records no dependency edges, so direct dependencies come from the sibling Pipfile; without it, every
 * package is counted as direct, since nothing in the lock tells them apart.
 */
export const pipfileLockExtractor: Extractor = {
  id: 'pypi/pipfile-lock',
  ecosystem: 'PyPI',
  matches: (path) => fileName(path) === 'Pipfile.lock',
  extract: extractPipfileLock,
};

/** Pipfile tables that are settings, not package categories. */
const PIPFILE_SETTINGS = new Set(['source', 'requires', 'scripts', 'pipenv']);

function extractPipfileLock(input: ExtractInput): ExtractResult {
  const root = parseJson(input.text);
  const lines = new LineIndex(input.text);
  const declared = pipfileNames(input.readRelative('Pipfile'));
  const components: Component[] = [];
  const skipped: SkippedDependency[] = [];
  for (const section of root.children ?? []) {
    const [keyNode, valueNode] = section.children ?? [];
    const category = keyNode?.value as string;
    if (category === '_meta' || valueNode?.type !== 'object') continue;
    const scope = category === 'default' ? 'runtime' : 'development';
    for (const entry of valueNode.children ?? []) {
      const [nameNode, detailsNode] = entry.children ?? [];
      const name = pep503(String(nameNode?.value));
      const location = { path: input.path, line: lines.lineAt(nameNode?.offset ?? 0) };
      const details = asTable(detailsNode ? getNodeValue(detailsNode) : undefined);
      const source = sourceOf(details);
      const version = pinnedVersion(details.version);
      if (source.skipReason !== undefined || version === undefined) {
        skipped.push({ name, reason: source.skipReason ?? unpinnedReason(source), location });
        continue;
      }
      const hashes = hashesOf(Array.isArray(details.hashes) ? details.hashes : []);
      components.push({
        ecosystem: 'PyPI',
        name,
        version,
        purl: purlOf('PyPI', name, version, source.qualifiers),
        scope,
        direct: declared ? declared.has(name) : true,
        dependencies: [],
        location,
        ...(hashes ? { hashes } : {}),
      });
    }
  }
  return { components: mergeByPurl(components), skipped };
}

/** The document's top-level object; malformed JSON is an ExtractError at the line of the first error. */
function parseJson(text: string): Node {
  if (text.trim() === '') throw new ExtractError('Pipfile.lock is empty', 1);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const error = errors[0];
  if (error) {
    const line = new LineIndex(text).lineAt(error.offset);
    throw new ExtractError(`Pipfile.lock is not valid JSON: ${printParseErrorCode(error.error)}`, line);
  }
  if (root?.type !== 'object') throw new ExtractError('Pipfile.lock is not a JSON object', 1);
  return root;
}

/** `==1.2.3` (or `===`) without the operator; undefined for anything else. */
function pinnedVersion(version: unknown): string | undefined {
  const match = /^\s*===?\s*(\S+)\s*$/.exec(typeof version === 'string' ? version : '');
  return match?.[1];
}

interface EntrySource {
  /** Set for git (at `ref`, the commit) and archive URL entries: the source goes into the purl. */
  qualifiers?: PurlQualifiers;
  /** The source in words, for an entry of git or a URL without a pinned version. */
  described?: string;
  /** Set for editable and local installs: not released versions from an index. */
  skipReason?: string;
}

/** Where an entry comes from; nothing to say for a package from an index. */
function sourceOf(details: Record<string, unknown>): EntrySource {
  const editable = details.editable === true ? 'editable ' : '';
  const git = asString(details.git);
  const file = asString(details.file);
  const path = asString(details.path) ?? (file !== undefined && !/^https?:\/\//i.test(file) ? file : undefined);
  if (git && editable)
    return { skipReason: `editable install from git (${git}), not a released version from the index` };
  if (path) return { skipReason: `${editable}install from ${path}, not a released version from the index` };
  if (git) return { qualifiers: gitQualifiers(git, asString(details.ref)), described: `git (${git})` };
  if (file) return { qualifiers: downloadQualifiers(file), described: file };
  return {};
}

function unpinnedReason(source: EntrySource): string {
  const from = source.described ? `install from ${source.described} with ` : '';
  return `${from}no pinned version (==) in the lockfile`;
}

/** PEP 503 names the sibling Pipfile declares in any package category; undefined when it is absent. */
function pipfileNames(text: string | undefined): Set<string> | undefined {
  const pipfile = readOptionalToml(text);
  if (!pipfile) return undefined;
  const names = new Set<string>();
  for (const [category, packages] of Object.entries(pipfile)) {
    if (PIPFILE_SETTINGS.has(category)) continue;
    for (const name of Object.keys(asTable(packages))) names.add(pep503(name));
  }
  return names;
}
