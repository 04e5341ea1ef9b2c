import type { Component, ExtractResult, SkippedDependency } from '../component.js';
import { ExtractError, type ExtractInput, type Extractor, fileName } from '../extractor.js';
import { mergeByPurl } from '../merge.js';
import { purlOf } from '../purl.js';
import { type GoModStatement, parseGoModStatements } from './go-mod-syntax.js';
import { parseGoSum } from './go-sum.js';

interface Requirement {
  module: string;
  version: string;
  indirect: boolean;
  line: number;
}

/** `old [version] => new [version]`; a replacement without a version is a local folder. */
interface Replacement {
  module: string;
  version?: string;
  target: string;
  targetVersion?: string;
}

/**
 * go.mod: the `require` list is the module's build list (complete from Go 1.17 on; a go.mod of an older
 * `go` version may leave indirect modules out, and they are not guessed from go.sum). Versions keep
 * their `v` prefix, as Go and OSV write them. The `go` and `toolchain` lines name the Go release, not a
 * module, so they are no components. Everything is runtime: go.mod has no development scope.
 */
export const goModExtractor: Extractor = {
  id: 'go/go-mod',
  ecosystem: 'Go',
  matches: (path) => fileName(path) === 'go.mod',
  extract(input: ExtractInput): ExtractResult {
    const statements = parseGoModStatements(input.text);
    const requirements = statements.filter((s) => s.verb === 'require').map(requirementOf);
    const replacements = indexReplacements(statements.filter((s) => s.verb === 'replace').map(replacementOf));
    const excluded = new Set(statements.filter((s) => s.verb === 'exclude').map(exclusionOf));
    const goSum = input.readRelative('go.sum');
    const hashes = goSum === undefined ? new Map() : parseGoSum(goSum);

    const components: Component[] = [];
    const skipped: SkippedDependency[] = [];
    for (const requirement of requirements) {
      const location = { path: input.path, line: requirement.line };
      if (excluded.has(`${requirement.module}@${requirement.version}`)) {
        // Go then selects another version, which go.mod does not record.
        skipped.push({
          name: requirement.module,
          reason: `${requirement.version} is excluded by an exclude directive`,
          location,
        });
        continue;
      }
      const replacement = replacementFor(requirement, replacements);
      if (replacement && replacement.targetVersion === undefined) {
        skipped.push({
          name: requirement.module,
          reason: `replaced by the local folder ${replacement.target}`,
          location,
        });
        continue;
      }
      const name = replacement?.target ?? requirement.module;
      const version = replacement?.targetVersion ?? requirement.version;
      const hash = hashes.get(`${name}@${version}`);
      components.push({
        ecosystem: 'Go',
        name,
        version,
        purl: purlOf('Go', name, version),
        scope: 'runtime',
        direct: !requirement.indirect,
        // go.mod lists the build list flat: which module requires which is only in the modules' own
        // go.mod files (or `go mod graph`), so no edges are recorded here.
        dependencies: [],
        location,
        ...(hash ? { hashes: [hash] } : {}),
      });
    }
    return { components: mergeByPurl(components), skipped };
  },
};

function requirementOf(statement: GoModStatement): Requirement {
  const [module, version, extra] = statement.args;
  if (!module || !version || extra !== undefined) {
    throw new ExtractError(`a require line needs a module path and a version (line ${statement.line})`, statement.line);
  }
  return { module, version, indirect: isIndirect(statement.comment), line: statement.line };
}

/** Go marks a requirement indirect with a comment that is `indirect` or starts with `indirect;`. */
function isIndirect(comment: string): boolean {
  return comment === 'indirect' || comment.startsWith('indirect;');
}

function replacementOf(statement: GoModStatement): Replacement {
  const arrow = statement.args.indexOf('=>');
  const left = statement.args.slice(0, arrow);
  const right = statement.args.slice(arrow + 1);
  if (arrow === -1 || left.length < 1 || left.length > 2 || right.length < 1 || right.length > 2) {
    throw new ExtractError(
      `a replace line needs 'module [version] => target [version]' (line ${statement.line})`,
      statement.line,
    );
  }
  return { module: left[0] as string, version: left[1], target: right[0] as string, targetVersion: right[1] };
}

function exclusionOf(statement: GoModStatement): string {
  const [module, version, extra] = statement.args;
  if (!module || !version || extra !== undefined) {
    throw new ExtractError(
      `an exclude line needs a module path and a version (line ${statement.line})`,
      statement.line,
    );
  }
  return `${module}@${version}`;
}

/** Replacements by `module@version`, or `module@` for those of every version. */
function indexReplacements(replacements: readonly Replacement[]): Map<string, Replacement> {
  return new Map(
    replacements.map((replacement) => [`${replacement.module}@${replacement.version ?? ''}`, replacement]),
  );
}

/** A replacement of this exact version wins over one of every version of the module (as in Go). */
function replacementFor(requirement: Requirement, replacements: Map<string, Replacement>): Replacement | undefined {
  return replacements.get(`${requirement.module}@${requirement.version}`) ?? replacements.get(`${requirement.module}@`);
}
