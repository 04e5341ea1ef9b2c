/**
 * PEP 440 versions and version specifiers, as far as lockfile reading needs them: telling which of
 * several locked versions of one name a dependency's constraint (`>=1.21,<1.25`) points at. Poetry's
 * own constraint forms (`^1.2`, `~1.2`, a bare `1.2`, `a || b`) are accepted too, as poetry.lock writes
 * them.
 */

interface Version {
  epoch: number;
  release: number[];
  /** [kind, number]; kind 0 = a, 1 = b, 2 = rc. */
  pre?: [number, number];
  post?: number;
  dev?: number;
  local?: string[];
}

const VERSION =
  /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d+)?)?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d+)?)?(?:[-_.]?(dev)[-_.]?(\d+)?)?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$/i;

const PRE_KIND: Record<string, number> = { a: 0, alpha: 0, b: 1, beta: 1, c: 2, rc: 2, pre: 2, preview: 2 };

export function parseVersion(text: string): Version | undefined {
  const match = VERSION.exec(text.trim());
  if (!match) return undefined;
  const [, epoch, release, preKind, preNumber, postImplicit, postKind, postNumber, devKind, devNumber, local] = match;
  const version: Version = { epoch: Number(epoch ?? 0), release: (release as string).split('.').map(Number) };
  if (preKind) version.pre = [PRE_KIND[preKind.toLowerCase()] as number, Number(preNumber ?? 0)];
  if (postImplicit !== undefined) version.post = Number(postImplicit);
  else if (postKind) version.post = Number(postNumber ?? 0);
  if (devKind) version.dev = Number(devNumber ?? 0);
  if (local) version.local = local.toLowerCase().split(/[-_.]/);
  return version;
}

/** Negative, zero or positive as `a` sorts before, with or after `b` (PEP 440 ordering). */
export function compareVersions(a: Version, b: Version): number {
  return (
    a.epoch - b.epoch ||
    compareReleases(a.release, b.release) ||
    compareKeys(preKey(a), preKey(b)) ||
    (a.post ?? -1) - (b.post ?? -1) ||
    (a.dev ?? Number.POSITIVE_INFINITY) - (b.dev ?? Number.POSITIVE_INFINITY) ||
    compareLocals(a.local, b.local)
  );
}

function compareReleases(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** A final release sorts after its pre-releases; a bare `.devN` of a final release sorts before them. */
function preKey(version: Version): [number, number] {
  if (version.pre) return version.pre;
  if (version.post === undefined && version.dev !== undefined) return [-1, 0];
  return [3, 0];
}

function compareKeys(a: [number, number], b: [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

function compareLocals(a: string[] | undefined, b: string[] | undefined): number {
  if (!a || !b) return (a ? 1 : 0) - (b ? 1 : 0);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    const xNumeric = /^\d+$/.test(x);
    const yNumeric = /^\d+$/.test(y);
    // Numeric segments sort after alphanumeric ones.
    if (xNumeric !== yNumeric) return xNumeric ? 1 : -1;
    const difference = xNumeric ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
    if (difference !== 0) return difference;
  }
  return 0;
}

const CLAUSE = /^\s*(===|==|!=|~=|<=|>=|<|>|\^|~|=)?\s*([^\s,]+)\s*,?/;

/**
 * Whether `version` satisfies `specifier` (`>=1.0,<2`, `^1.2 || ~2.0`, `*`, `==1.4.*`); undefined when
 * either cannot be read, so callers fall back instead of guessing.
 */
export function satisfies(versionText: string, specifier: string): boolean | undefined {
  const version = parseVersion(versionText);
  if (!version) return undefined;
  let anyAlternative = false;
  for (const alternative of specifier.split('||')) {
    const result = satisfiesAll(version, versionText, alternative);
    if (result === undefined) return undefined;
    anyAlternative ||= result;
  }
  return anyAlternative;
}

function satisfiesAll(version: Version, versionText: string, clauses: string): boolean | undefined {
  let rest = clauses.trim();
  let all = true;
  while (rest !== '') {
    const match = CLAUSE.exec(rest);
    if (!match) return undefined;
    const result = satisfiesClause(version, versionText, match[1] ?? '', match[2] as string);
    if (result === undefined) return undefined;
    all &&= result;
    rest = rest.slice(match[0].length).trim();
  }
  return all;
}

function satisfiesClause(
  version: Version,
  versionText: string,
  operator: string,
  operand: string,
): boolean | undefined {
  if (operand === '*') return true;
  if (operator === '===') return versionText.trim() === operand;
  const wildcard = operand.endsWith('.*');
  const target = parseVersion(wildcard ? operand.slice(0, -2) : operand);
  if (!target) return undefined;
  const order = compareVersions(withoutLocal(version, target), target);
  switch (operator) {
    case '':
    case '=':
    case '==':
      return wildcard ? hasPrefix(version, target) : order === 0;
    case '!=':
      return wildcard ? !hasPrefix(version, target) : order !== 0;
    case '<=':
      return order <= 0;
    case '>=':
      return order >= 0;
    // `<V` and `>V` leave out V's own pre- and post-releases (PEP 440, exclusive ordered comparison).
    case '<':
      return order < 0 && (target.pre !== undefined || !sameRelease(version, target) || version.pre === undefined);
    case '>':
      return order > 0 && (target.post !== undefined || !sameRelease(version, target) || version.post === undefined);
    case '~=':
      return (
        target.release.length >= 2 &&
        order >= 0 &&
        hasPrefix(version, { ...target, release: target.release.slice(0, -1) })
      );
    case '^':
      return order >= 0 && compareReleases(version.release, caretCeiling(target.release)) < 0;
    case '~':
      return order >= 0 && compareReleases(version.release, tildeCeiling(target.release)) < 0;
    default:
      return undefined;
  }
}

/** A local label is ignored when the specifier names none (`==1.0` matches `1.0+ubuntu1`). */
function withoutLocal(version: Version, target: Version): Version {
  return target.local ? version : { ...version, local: undefined };
}

function hasPrefix(version: Version, prefix: Version): boolean {
  return version.epoch === prefix.epoch && prefix.release.every((part, i) => (version.release[i] ?? 0) === part);
}

function sameRelease(a: Version, b: Version): boolean {
  return a.epoch === b.epoch && compareReleases(a.release, b.release) === 0;
}

/** Poetry's `^`: below the next bump of the leftmost non-zero part. */
function caretCeiling(release: number[]): number[] {
  const index = release.findIndex((part) => part !== 0);
  const at = index === -1 ? release.length - 1 : index;
  return [...release.slice(0, at), (release[at] ?? 0) + 1];
}

/** Poetry's `~`: below the next minor (or the next major when only a major is given). */
function tildeCeiling(release: number[]): number[] {
  return release.length === 1 ? [(release[0] ?? 0) + 1] : [release[0] ?? 0, (release[1] ?? 0) + 1];
}
