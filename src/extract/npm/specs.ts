import { maskUrlCredentials } from '../../core/redact.js';

/**
 * Reading npm package specs: `name@range` descriptors, `npm:` aliases, exact versions, and whether a
 * resolved URL is a registry tarball or some other source (git, a plain URL, a local path).
 */

/** An exact (resolved) version: `1.2.3`, `1.2.3-rc.1`, `1.2.3+build`; not a range, URL or tag. */
const EXACT_VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

export function isExactVersion(version: unknown): version is string {
  return typeof version === 'string' && EXACT_VERSION.test(version);
}

/** `name@spec` split at the `@` that ends the name (a scoped name starts with `@`); spec is '' when absent. */
export function splitNameAndSpec(descriptor: string): { name: string; spec: string } {
  const at = descriptor.indexOf('@', 1);
  return at === -1 ? { name: descriptor, spec: '' } : { name: descriptor.slice(0, at), spec: descriptor.slice(at + 1) };
}

/** The real package of an alias spec `npm:<name>@<version or range>`, or undefined when it is not one. */
export function npmAlias(spec: string): { name: string; spec: string } | undefined {
  if (!spec.startsWith('npm:')) return undefined;
  const target = splitNameAndSpec(spec.slice(4));
  return target.name ? target : undefined;
}

/**
 * Whether a declared range is for the registry (`^1.2.0`, `1.x`, `latest`, an `npm:` alias of one), as
 * opposed to a protocol (`file:`, `git+ssh:`, `workspace:`), a URL or a `user/repo` GitHub shorthand.
 */
export function isRegistryRange(spec: string): boolean {
  const alias = npmAlias(spec);
  if (alias) return isRegistryRange(alias.spec);
  return !spec.includes(':') && !spec.includes('/');
}

/**
 * Whether a tarball URL has the registry layout `<registry>/<name>/-/<file>.tgz` (npmjs, yarnpkg and
 * private registries alike), as opposed to a git host archive or an arbitrary URL.
 */
export function isRegistryTarball(url: string): boolean {
  // GitLab's registry repeats the scope in the file name: `/-/@scope/name-1.0.0.tgz`.
  return /^https?:\/\/[^#?]*\/-\/(?:@[^/#?]+\/)?[^/#?]+\.tgz(?:[?#].*)?$/.test(url);
}

/** A local folder, archive or link (`file:`, `link:`, `portal:`, `workspace:`, `exec:`, or a bare path). */
export function isLocalSpec(spec: string): boolean {
  return /^(?:file|link|portal|workspace|exec):/.test(spec) || /^(?:\.{1,2}\/|\/|~\/)/.test(spec);
}

/** Where a spec that is not a registry range points, in words (for skipped dependencies). */
export function describeSource(spec: string): string {
  const words = sourceWords(spec);
  return words ? `${words}, not a registry package` : `an unresolved version (${maskUrlCredentials(spec)})`;
}

/** Why a package from git or a URL is not a component: the lockfile does not say which version it is. */
export function describeUnversioned(spec: string): string {
  return `${sourceWords(spec) ?? `a source (${maskUrlCredentials(spec)})`} with no version recorded in the lockfile`;
}

function sourceWords(spec: string): string | undefined {
  const shown = maskUrlCredentials(spec);
  if (/^(?:workspace|link|portal):/.test(spec)) return `a workspace or local link (${shown})`;
  if (/^file:/.test(spec)) return `a local path (${shown})`;
  if (/^(?:git(?:\+[a-z]+)?:|github:|gitlab:|bitbucket:|gist:|ssh:)/.test(spec) || /\.git(?:#|$)/.test(spec)) {
    return `a git repository (${shown})`;
  }
  if (/^https?:\/\/(?:codeload\.github\.com|gitlab\.com\/[^?]*\/archive)/.test(spec)) {
    return `a git repository archive (${shown})`;
  }
  if (/^https?:/.test(spec)) return `a URL (${shown})`;
  // `user/repo` and `user/repo#ref` are GitHub shorthands.
  if (/^[\w.-]+\/[\w.-]+(?:#.*)?$/.test(spec)) return `a git repository (${shown})`;
  return undefined;
}
