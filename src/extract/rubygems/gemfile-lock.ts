import type { Component, ExtractResult, SkippedDependency } from '../component.js';
import type { ExtractInput, Extractor } from '../extractor.js';
import { fileName } from '../extractor.js';
import { mergeByPurl } from '../merge.js';
import { purlOf } from '../purl.js';
import { type LockedGem, parseGemfileLock } from './gemfile-lock-syntax.js';

/**
 * Gemfile.lock (and gems.locked, its newer name). Every gem under a GEM or GIT source is a component;
 * a native gem locked for several platforms (`nokogiri (1.15.4-x86_64-linux)`, `(1.15.4-arm64-darwin)`)
 * is one component of version 1.15.4. A GIT gem keeps its gem version (what advisories name); its
 * revision has no place in the component model. PATH gems are local code, not published gems: they
 * are skipped, and the gems they depend on count as declared by the project (a `gemspec` line in the
 * Gemfile locks the project's own gem this way). Gemfile.lock does not record Gemfile groups, so dev
 * and test gems cannot be told apart: every component is runtime.
 */
export const gemfileLockExtractor: Extractor = {
  id: 'rubygems/gemfile-lock',
  ecosystem: 'RubyGems',
  matches: (path) => {
    const name = fileName(path);
    return name === 'Gemfile.lock' || name === 'gems.locked';
  },
  extract(input: ExtractInput): ExtractResult {
    const lock = parseGemfileLock(input.text);
    const byName = new Map<string, LockedGem>();
    for (const gem of lock.gems) if (!byName.has(gem.name)) byName.set(gem.name, gem);

    const direct = new Set(lock.declared.keys());
    for (const name of lock.declared.keys()) {
      const gem = byName.get(name);
      if (gem?.source.kind === 'PATH') for (const dependency of gem.dependencies) direct.add(dependency);
    }

    const purls = new Map(lock.gems.map((gem) => [gem, purlOf('RubyGems', gem.name, gem.version)]));
    const components: Component[] = [];
    const skipped: SkippedDependency[] = [];
    for (const gem of lock.gems) {
      const location = { path: input.path, line: gem.line };
      if (gem.source.kind === 'PATH') {
        const folder = gem.source.options.remote ?? '?';
        skipped.push({ name: gem.name, reason: `local gem from the path ${folder}, not a published gem`, location });
        continue;
      }
      const hashes = lock.checksums.get(`${gem.name}@${gem.version}${gem.platform ? `-${gem.platform}` : ''}`);
      components.push({
        ecosystem: 'RubyGems',
        name: gem.name,
        version: gem.version,
        purl: purls.get(gem) as string,
        scope: 'runtime',
        direct: direct.has(gem.name),
        dependencies: lockedDependencies(gem, byName, purls),
        location,
        ...(hashes?.length ? { hashes } : {}),
      });
    }
    return { components: mergeByPurl(components), skipped };
  },
};

/** The locked gems a gem depends on; names not locked (bundler itself) or locked from a PATH are left out. */
function lockedDependencies(gem: LockedGem, byName: Map<string, LockedGem>, purls: Map<LockedGem, string>): string[] {
  const dependencies: string[] = [];
  for (const name of gem.dependencies) {
    const target = byName.get(name);
    if (target && target.source.kind !== 'PATH') dependencies.push(purls.get(target) as string);
  }
  return dependencies;
}
