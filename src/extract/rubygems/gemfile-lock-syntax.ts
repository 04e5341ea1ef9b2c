import type { ComponentHash } from '../component.js';
import { ExtractError } from '../extractor.js';

/** Where gems come from: a `GEM` (a gem server), `GIT` or `PATH` section, or a `PLUGIN SOURCE`. */
export interface GemSource {
  kind: 'GEM' | 'GIT' | 'PATH' | 'PLUGIN SOURCE';
  /** `remote`, `revision`, `branch`, `tag`... as written under the section header. */
  options: Record<string, string>;
}

/** A gem under a source's `specs:`, e.g. `    nokogiri (1.15.4-x86_64-linux)`. */
export interface LockedGem {
  name: string;
  version: string;
  /** The platform suffix of a native gem, e.g. `x86_64-linux`; undefined for pure-Ruby gems. */
  platform?: string;
  /** Names of the gems it depends on (the indented lines below it; requirements dropped). */
  dependencies: string[];
  source: GemSource;
  line: number;
}

export interface GemfileLock {
  gems: LockedGem[];
  /** The Gemfile's own dependencies (the DEPENDENCIES section), by name, with their line. */
  declared: Map<string, number>;
  /** CHECKSUMS section (Bundler 2.5+), by `name@version[-platform]`. */
  checksums: Map<string, ComponentHash[]>;
}

const SOURCE_KINDS = new Set(['GEM', 'GIT', 'PATH', 'PLUGIN SOURCE']);
/** Section headers Bundler writes; a file with none of them is not a Gemfile.lock. */
const KNOWN_SECTIONS = new Set([
  ...SOURCE_KINDS,
  'PLATFORMS',
  'DEPENDENCIES',
  'RUBY VERSION',
  'BUNDLED WITH',
  'CHECKSUMS',
]);

/**
 * `name (version[-platform])`. Bundler splits the parenthesised part at its first `-` (RubyGems writes
 * prerelease versions with dots, so a `-` starts the platform).
 */
const SPEC = /^([^\s(]+) \(([^-)\s]+)(?:-([^)\s]+))?\)$/;
/** A dependency or DEPENDENCIES line: a name, maybe requirements in parentheses, maybe `!`. */
const REQUIREMENT = /^([^\s(!]+)(?: \([^)]*\))?(!)?$/;
const CHECKSUM = /^([^\s(]+) \(([^)\s]+)\)(?: (.+))?$/;

/**
 * Reads Gemfile.lock's indentation-based layout: sections start at column 0, a source's options and
 * `specs:` at 2 spaces, gems at 4, a gem's dependencies at 6. Sections this reader does not need
 * (PLATFORMS, RUBY VERSION, BUNDLED WITH, any newer one) are passed over.
 */
export function parseGemfileLock(text: string): GemfileLock {
  const lock: GemfileLock = { gems: [], declared: new Map(), checksums: new Map() };
  let section = '';
  let source: GemSource | undefined;
  let inSpecs = false;
  let gem: LockedGem | undefined;
  let sawSection = false;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = index + 1;
    const raw = (lines[index] as string).replace(/\r$/, '');
    if (raw.trim() === '') continue;
    if (/^(<{7}|={7}|>{7})/.test(raw)) throw new ExtractError(`unresolved merge conflict marker on line ${line}`, line);
    const indent = raw.length - raw.trimStart().length;
    const content = raw.trim();

    if (indent === 0) {
      section = content;
      sawSection ||= KNOWN_SECTIONS.has(section);
      source = SOURCE_KINDS.has(section) ? { kind: section as GemSource['kind'], options: {} } : undefined;
      inSpecs = false;
      gem = undefined;
    } else if (source) {
      if (indent === 2) {
        inSpecs = content === 'specs:';
        const option = /^([\w-]+): (.*)$/.exec(content);
        if (option) source.options[option[1] as string] = option[2] as string;
        else if (!inSpecs) throw new ExtractError(`unexpected line in the ${section} section: ${content}`, line);
      } else if (indent === 4 && inSpecs) {
        const spec = SPEC.exec(content);
        if (!spec) throw new ExtractError(`a gem under specs: needs 'name (version)', found '${content}'`, line);
        const [, name, version, platform] = spec as unknown as [string, string, string, string | undefined];
        gem = { name, version, ...(platform ? { platform } : {}), dependencies: [], source, line };
        lock.gems.push(gem);
      } else if (indent === 6 && gem) {
        const requirement = REQUIREMENT.exec(content);
        if (!requirement) throw new ExtractError(`cannot read the dependency '${content}' of ${gem.name}`, line);
        gem.dependencies.push(requirement[1] as string);
      } else {
        throw new ExtractError(`unexpected indentation in the ${section} section`, line);
      }
    } else if (section === 'DEPENDENCIES' && indent === 2) {
      const requirement = REQUIREMENT.exec(content);
      if (!requirement) throw new ExtractError(`cannot read the dependency '${content}'`, line);
      const name = requirement[1] as string;
      if (!lock.declared.has(name)) lock.declared.set(name, line);
    } else if (section === 'CHECKSUMS' && indent === 2) {
      const checksum = CHECKSUM.exec(content);
      if (checksum?.[3]) lock.checksums.set(`${checksum[1]}@${checksum[2]}`, hashesOf(checksum[3]));
    }
  }
  if (!sawSection && text.trim() !== '') {
    throw new ExtractError('not a Gemfile.lock: none of its sections (GEM, DEPENDENCIES...) is there', 1);
  }
  return lock;
}

/** `sha256=<hex>[,<algorithm>=<hex>]`: only the algorithms an SBOM can name are kept. */
function hashesOf(list: string): ComponentHash[] {
  const hashes: ComponentHash[] = [];
  for (const entry of list.split(',')) {
    const [algorithm, value] = entry.trim().split('=');
    if (algorithm === 'sha256' && value && /^[0-9a-f]{64}$/i.test(value)) {
      hashes.push({ algorithm: 'SHA-256', value: value.toLowerCase() });
    }
  }
  return hashes;
}
