import { posix } from 'node:path';
import type { Component, ExtractResult, SkippedDependency } from '../component.js';
import { type ExtractInput, type Extractor, fileName } from '../extractor.js';
import { mergeByPurl } from '../merge.js';
import { pep503, purlOf } from '../purl.js';
import { hashesOf } from './hashes.js';
import { parseRequirement, pinnedVersion } from './pep508.js';
import { logicalLines, type ParsedOption, parseOptions, splitRequirementLine } from './requirement-lines.js';

/**
 * pip requirements and constraints files. Only a requirement pinned to one version (`name==1.2`,
 * `name===1.2`) names what gets installed; anything else is reported as skipped with the reason.
 */
export const requirementsExtractor: Extractor = {
  id: 'pypi/requirements',
  ecosystem: 'PyPI',
  matches: isRequirementsFile,
  extract: extractRequirements,
};

/** `requirements*.txt`, `*requirements.txt`, `requirements/*.txt`, `constraints*.txt` (any case). */
export function isRequirementsFile(path: string): boolean {
  const name = fileName(path).toLowerCase();
  if (!name.endsWith('.txt')) return false;
  const folder = fileName(posix.dirname(path)).toLowerCase();
  return (
    name.startsWith('requirements') ||
    name.endsWith('requirements.txt') ||
    name.startsWith('constraints') ||
    folder === 'requirements'
  );
}

/** A requirements file named for development or tests (requirements-dev.txt, test-requirements.txt, requirements/test.txt). */
export function isDevelopmentFile(path: string): boolean {
  const words = fileName(path)
    .toLowerCase()
    .replace(/\.txt$/, '')
    .split(/[-_.\s]+/);
  return words.some((word) => DEVELOPMENT_WORDS.has(word));
}

const DEVELOPMENT_WORDS = new Set(['dev', 'devel', 'develop', 'development', 'test', 'tests', 'testing']);

/** One file being read: the top one or an include. */
interface RequirementsFile {
  /** Path relative to the top file's folder (what readRelative takes). */
  relative: string;
  /** Path relative to the scan root (what locations show). */
  shown: string;
  text: string;
  /** Read through `-c` (or a constraints file itself): its entries limit versions but install nothing. */
  constraint: boolean;
}

function extractRequirements(input: ExtractInput): ExtractResult {
  const reader = new RequirementsReader(input);
  const topName = fileName(input.path);
  reader.read({
    relative: topName,
    shown: input.path,
    text: input.text,
    constraint: topName.toLowerCase().startsWith('constraints'),
  });
  return { components: mergeByPurl(reader.components), skipped: reader.skipped };
}

/** Reads a requirements file and, through `-r` / `-c`, the files it includes. */
class RequirementsReader {
  readonly components: Component[] = [];
  readonly skipped: SkippedDependency[] = [];
  private readonly readAlready = new Set<string>();

  constructor(private readonly input: ExtractInput) {}

  read(file: RequirementsFile): void {
    // Each file is read once per kind: include cycles end here, and a shared include adds nothing twice.
    const key = `${file.constraint}:${file.relative}`;
    if (this.readAlready.has(key)) return;
    this.readAlready.add(key);
    const development = isDevelopmentFile(file.shown);
    for (const line of logicalLines(file.text)) {
      const { requirement, optionWords } = splitRequirementLine(line.text);
      const { options, stray } = parseOptions(optionWords);
      const at = { path: file.shown, line: line.line };
      if (requirement !== '') {
        const result = requirementComponent(requirement, options, at, file.constraint, development);
        if ('reason' in result) this.skipped.push(result);
        else this.components.push(result);
        continue;
      }
      for (const option of options) this.readOption(file, option, at);
      // `--only-binary=all nuimo==0.1.0`: pip reads this as an options line and installs nothing.
      for (const word of stray) {
        const name = parseRequirement(word)?.name ?? word;
        this.skipped.push({
          name,
          reason: 'written after an option on the same line, where pip ignores it',
          location: at,
        });
      }
    }
  }

  private readOption(from: RequirementsFile, option: ParsedOption, at: Location): void {
    const include = INCLUDES[option.name];
    if (include && option.value) {
      this.readInclude(from, option.value, include === 'constraint' || from.constraint, at);
    } else if (option.name === '-e' || option.name === '--editable') {
      this.skipped.push({
        name: nameOfReference(option.value ?? ''),
        reason: 'editable requirement (-e): installed from a local folder or VCS checkout, not a released version',
        location: at,
      });
    }
  }

  /** An include is relative to the file that names it; a constraint file's own includes are constraints too. */
  private readInclude(from: RequirementsFile, target: string, constraint: boolean, at: Location): void {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
      this.skipped.push({
        name: target,
        reason: 'requirements file included from a URL is not read (no network access)',
        location: at,
      });
      return;
    }
    const relative = posix.normalize(posix.join(posix.dirname(from.relative), target));
    const text = this.input.readRelative(relative);
    if (text === undefined) {
      const reason = `included ${constraint ? 'constraints' : 'requirements'} file not found`;
      this.skipped.push({ name: target, reason, location: at });
      return;
    }
    const shown = posix.normalize(posix.join(posix.dirname(this.input.path), relative));
    this.read({ relative, shown, text, constraint });
  }
}

type Location = SkippedDependency['location'];

const INCLUDES: Record<string, 'requirement' | 'constraint'> = {
  '-r': 'requirement',
  '--requirement': 'requirement',
  '-c': 'constraint',
  '--constraint': 'constraint',
};

/** The component a requirement line names, or why it cannot be one. */
function requirementComponent(
  text: string,
  options: ParsedOption[],
  location: Location,
  constraint: boolean,
  development: boolean,
): Component | SkippedDependency {
  const variable = /\$\{([A-Za-z0-9_]+)\}/.exec(text);
  const requirement = parseRequirement(text);
  if (variable) {
    const name = /^[A-Za-z0-9._-]+/.exec(text)?.[0] ?? text;
    return { name, reason: `uses the environment variable \${${variable[1]}}, known only at install time`, location };
  }
  if (requirement?.url) {
    return {
      name: requirement.name,
      reason: 'direct URL requirement (name @ url), not a released version from the index',
      location,
    };
  }
  if (isUrlOrPath(text)) {
    return {
      name: nameOfReference(text),
      reason: 'URL or local path requirement, not a released version from the index',
      location,
    };
  }
  if (!requirement) return { name: text, reason: 'not a valid requirement', location };
  const version = pinnedVersion(requirement);
  if (version === undefined) {
    return { name: requirement.name, reason: 'not pinned to one version (name==version)', location };
  }
  const name = pep503(requirement.name);
  const hashes = hashesOf(options.filter((option) => option.name === '--hash').map((option) => option.value));
  return {
    ecosystem: 'PyPI',
    name,
    version,
    purl: purlOf('PyPI', name, version),
    scope: development ? 'development' : 'runtime',
    // A constraint only limits the version of whatever else brings the package in: it declares nothing.
    direct: !constraint,
    dependencies: [],
    location,
    ...(hashes ? { hashes } : {}),
  };
}

/** pip takes a requirement with a `/`, `\`, a URL scheme, a leading `.` or an archive name as a location. */
function isUrlOrPath(text: string): boolean {
  const beforeMarker = text.split(';', 1)[0] as string;
  return (
    /[/\\]/.test(beforeMarker) ||
    beforeMarker.startsWith('.') ||
    /^[a-z][a-z0-9+.-]*:/i.test(beforeMarker) ||
    /\.(whl|zip|tar\.gz|tgz|tar\.bz2|tar)$/i.test(beforeMarker.trim())
  );
}

/** A readable name for a URL, path or VCS reference: its `#egg=` name, else its file name. */
function nameOfReference(reference: string): string {
  const egg = /[#&]egg=([^&\s]+)/.exec(reference);
  if (egg) return egg[1] as string;
  const base = fileName(reference.replace(/[#?].*$/, '').replace(/\/+$/, '')) || reference;
  // A wheel or sdist file name starts with the project name, then `-<version>`.
  return /^(.+?)-\d/.exec(base)?.[1] ?? base;
}
