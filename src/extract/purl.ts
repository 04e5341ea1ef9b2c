import { PackageURL } from 'packageurl-js';
import type { Ecosystem } from './component.js';

/** purl type of each ecosystem (https://github.com/package-url/purl-spec, PURL-TYPES). */
const PURL_TYPE: Record<Ecosystem, string> = {
  npm: 'npm',
  PyPI: 'pypi',
  Go: 'golang',
  'crates.io': 'cargo',
  RubyGems: 'gem',
  Packagist: 'composer',
  NuGet: 'nuget',
  Pub: 'pub',
  Hex: 'hex',
  Maven: 'maven',
};

/**
 * purl qualifiers (https://github.com/package-url/purl-spec): `vcs_url` for a package built from a
 * repository, `download_url` for one installed from an archive URL. Build them with `gitQualifiers`
 * and `downloadQualifiers`, which keep credentials out.
 */
export type PurlQualifiers = Record<string, string>;

/**
 * The package URL of a component. `name` is the ecosystem's full name: `@scope/name` for npm,
 * `group:artifact` for Maven, `vendor/package` for Packagist, the module path for Go; it is split into
 * purl namespace and name here. `qualifiers` say where a package that is not from the registry comes from.
 */
export function purlOf(
  ecosystem: Ecosystem,
  name: string,
  version: string | undefined,
  qualifiers?: PurlQualifiers,
): string {
  const { namespace, shortName } = splitName(ecosystem, name);
  return new PackageURL(
    PURL_TYPE[ecosystem],
    namespace,
    shortName,
    version || undefined,
    qualifiers,
    undefined,
  ).toString();
}

/** Hosts whose repositories are reachable as `https://host/<path>`, whatever transport the lockfile used. */
const GIT_HOSTS = new Set(['github.com', 'gitlab.com', 'bitbucket.org']);

/** Whether a git ref is a commit id (a full or abbreviated SHA-1 or SHA-256), not a branch or tag name. */
export function isCommitId(ref: string | undefined): ref is string {
  return ref !== undefined && /^[0-9a-f]{7,64}$/i.test(ref);
}

/**
 * The `vcs_url` of a package built from a git repository, in the SPDX VCS location form the purl
 * specification uses: `git+https://github.com/owner/repo@<commit>`. The commit is added when it is one
 * (not a branch or tag name). Credentials and user names are left out; github.com, gitlab.com and
 * bitbucket.org repositories are written as https URLs without `.git`, so that ssh, git and https
 * spellings of one repository give one purl.
 */
export function gitQualifiers(repository: string, commit?: string): PurlQualifiers {
  const revision = isCommitId(commit) ? `@${commit.toLowerCase()}` : '';
  return { vcs_url: `git+${repositoryUrl(repository)}${revision}` };
}

/** The `download_url` of a package installed from an archive URL, without credentials or a hash fragment. */
export function downloadQualifiers(url: string): PurlQualifiers {
  return { download_url: withoutSecrets(url) };
}

/** `scheme://[user[:password]@]host[:port][/ or :]path`; the `:path` form is how yarn writes scp-style ssh URLs. */
const URL_PARTS = /^([a-z][a-z0-9+.-]*):\/\/(?:[^/?#]*@)?([^/:?#@]+)(?::(\d+)(?=[/?#]|$))?(?:[:/]([^?#]*))?/i;
/** scp-style ssh: `git@host:owner/repo.git`. */
const SCP_PARTS = /^[^@/\s]+@([^:/\s]+):([^?#]*)/;

function repositoryUrl(repository: string): string {
  const text = repository.trim().replace(/^git\+/, '');
  const url = URL_PARTS.exec(text);
  const scp = url ? undefined : SCP_PARTS.exec(text);
  const host = (url?.[2] ?? scp?.[1])?.toLowerCase();
  if (host === undefined) return withoutSecrets(text);
  const path = (url ? (url[4] ?? '') : (scp?.[2] ?? '')).replace(/^\/+/, '');
  if (GIT_HOSTS.has(host)) return `https://${host}/${path.replace(/\/+$/, '').replace(/\.git$/, '')}`;
  const scheme = url?.[1]?.toLowerCase() ?? 'ssh';
  const port = url?.[3] ? `:${url[3]}` : '';
  return `${scheme}://${host}${port}/${path}`;
}

/** Query parameters that carry credentials (signed URLs, access tokens). */
const SECRET_PARAMETER = /token|key|secret|signature|credential|password|auth/i;

/** A URL without user information, fragment, or query parameters that look like credentials. */
function withoutSecrets(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1').replace(/#.*$/, '');
  }
  url.username = '';
  url.password = '';
  url.hash = '';
  for (const name of [...url.searchParams.keys()]) if (SECRET_PARAMETER.test(name)) url.searchParams.delete(name);
  return url.toString();
}

function splitName(ecosystem: Ecosystem, name: string): { namespace: string | undefined; shortName: string } {
  if (ecosystem === 'Maven') {
    const colon = name.indexOf(':');
    return colon === -1
      ? { namespace: undefined, shortName: name }
      : { namespace: name.slice(0, colon), shortName: name.slice(colon + 1) };
  }
  if (ecosystem === 'npm' || ecosystem === 'Packagist' || ecosystem === 'Go') {
    const slash = name.lastIndexOf('/');
    if (slash > 0) return { namespace: name.slice(0, slash), shortName: name.slice(slash + 1) };
  }
  return { namespace: undefined, shortName: name };
}

/** PEP 503 normalised name: lower case, runs of `-`, `_` and `.` become one `-`. */
export function pep503(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
