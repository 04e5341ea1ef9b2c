import { isExactVersion } from './specs.js';

/**
 * The package keys of pnpm lockfiles, by lockfile version:
 * - 5.x: `/name/1.0.0`, `/@scope/name/1.0.0_peer@2.0.0+other@3.0.0`, or with a registry host first
 *   (`registry.npmjs.org/name/1.0.0`);
 * - 6.x: `/name@1.0.0(peer@2.0.0)`, `/@scope/name@1.0.0`;
 * - 9.x: `name@1.0.0(peer@2.0.0)`, `@scope/name@1.0.0`.
 */
export type PnpmKeyStyle = 'v5' | 'v6' | 'v9';

/** The key without its peer dependency suffix: `a@1.0.0(b@2.0.0)` gives `a@1.0.0`. */
export function stripPeerSuffix(key: string): string {
  const paren = key.indexOf('(');
  return paren === -1 ? key : key.slice(0, paren);
}

/**
 * The package name a key gives, and its version when that is an exact registry version (keys of git,
 * tarball and local packages hold a URL or path there instead).
 */
export function parsePackageKey(key: string, style: PnpmKeyStyle): { name?: string; version?: string } {
  const path = style === 'v9' ? key : withoutRegistryPrefix(key);
  if (path === undefined) return {};
  const parsed = style === 'v5' ? splitSlashed(path) : splitAt(stripPeerSuffix(path));
  if (!parsed) return {};
  return isExactVersion(parsed.version) ? parsed : { name: parsed.name };
}

/** 5.x and 6.x keys start with `/`, or with the registry host for packages from another registry. */
function withoutRegistryPrefix(key: string): string | undefined {
  if (key.startsWith('/')) return key.slice(1);
  const slash = key.indexOf('/');
  const host = slash === -1 ? '' : key.slice(0, slash);
  return host.includes('.') && !host.startsWith('@') && !host.includes(':') ? key.slice(slash + 1) : undefined;
}

/** `@scope/name/1.0.0_peers`: the version is the segment after the name, up to a `_` peer suffix. */
function splitSlashed(path: string): { name: string; version: string } | undefined {
  const segments = path.split('/');
  const nameLength = segments[0]?.startsWith('@') ? 2 : 1;
  if (segments.length !== nameLength + 1) return undefined;
  const version = segments[nameLength] as string;
  const underscore = version.indexOf('_');
  return {
    name: segments.slice(0, nameLength).join('/'),
    version: underscore === -1 ? version : version.slice(0, underscore),
  };
}

function splitAt(path: string): { name: string; version: string } | undefined {
  const at = path.indexOf('@', 1);
  return at === -1 ? undefined : { name: path.slice(0, at), version: path.slice(at + 1) };
}
