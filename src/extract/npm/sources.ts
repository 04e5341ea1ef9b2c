import { maskUrlCredentials } from '../../core/redact.js';
import { downloadQualifiers, gitQualifiers, isCommitId, type PurlQualifiers } from '../purl.js';
import { describeSource, describeUnversioned, isExactVersion, isLocalSpec } from './specs.js';

/**
 * Packages installed from git or from a URL rather than the registry. They are components like registry
 * packages (the name and version their lockfile entry records), and their purl says where they come
 * from: `vcs_url` for a git repository or a git host's archive of a commit, `download_url` for any
 * other tarball URL.
 */

/** What makes a lockfile entry a component: its purl's name, version and qualifiers. */
export interface PackageIdentity {
  name: string;
  version: string;
  /** Where a package that is not from the registry comes from. */
  qualifiers?: PurlQualifiers;
}

/** A lockfile entry read: a component's identity, or the reason it cannot be one. */
export type SourcedPackage = { identity: PackageIdentity } | { skipped: { name: string; reason: string } };

/**
 * The entry of a package installed from `source` (a resolved URL, or a spec when nothing was resolved):
 * a component when the source is git or a URL and the entry records an exact version; local paths, links
 * and entries without a version are skipped with the reason.
 */
export function packageFromSource(name: string, version: unknown, source: string): SourcedPackage {
  const qualifiers = originQualifiers(source);
  if (!qualifiers) return { skipped: { name, reason: describeSource(source) } };
  return withVersion(name, version, qualifiers, describeUnversioned(source));
}

/** The entry of a package the lockfile says is a git repository at a commit (pnpm's git resolutions). */
export function packageFromRepository(
  name: string,
  version: unknown,
  repository: string,
  commit: string | undefined,
): SourcedPackage {
  const shown = `a git repository (${maskUrlCredentials(repository)}#${commit ?? ''})`;
  if (repository.trim() === '') return { skipped: { name, reason: `${shown}, not a registry package` } };
  return withVersion(
    name,
    version,
    gitQualifiers(repository, commit),
    `${shown} with no version recorded in the lockfile`,
  );
}

function withVersion(name: string, version: unknown, qualifiers: PurlQualifiers, unversioned: string): SourcedPackage {
  if (!isExactVersion(version)) return { skipped: { name, reason: unversioned } };
  return { identity: { name, version, qualifiers } };
}

/** The purl qualifiers of a git or URL source; undefined for local paths, links and anything unreadable. */
export function originQualifiers(source: string): PurlQualifiers | undefined {
  if (isLocalSpec(source)) return undefined;
  const repository = gitRepository(source) ?? archivedCommit(source);
  if (repository) return gitQualifiers(repository.url, repository.commit);
  return /^https?:\/\//i.test(source) ? downloadQualifiers(source) : undefined;
}

interface Repository {
  url: string;
  commit?: string;
}

/** `github:owner/repo` and the like: the hosts npm, yarn and pnpm know by a short prefix. */
const HOSTED_PREFIXES: Record<string, string> = {
  github: 'https://github.com/',
  gitlab: 'https://gitlab.com/',
  bitbucket: 'https://bitbucket.org/',
  gist: 'https://gist.github.com/',
};

/**
 * A git source as npm, yarn and pnpm write it: `git+https://...`, `git+ssh://...`, `git://...`,
 * `ssh://...`, `git@host:path`, `github:owner/repo`, `owner/repo`, an https URL ending in `.git` or
 * naming a repository of a known host, or (yarn berry) any URL with `#commit=`. The ref after `#` is
 * the commit when it is one.
 */
function gitRepository(source: string): Repository | undefined {
  const hash = source.indexOf('#');
  const location = hash === -1 ? source : source.slice(0, hash);
  const commit = hash === -1 ? undefined : commitOf(source.slice(hash + 1));
  const hosted = /^(github|gitlab|bitbucket|gist):(.+)$/.exec(location);
  if (hosted) return { url: `${HOSTED_PREFIXES[hosted[1] as string]}${hosted[2]}`, commit };
  if (/^(?:git\+[a-z]+|git|ssh):\/\//i.test(location) || /^[\w.-]+@[\w.-]+:/.test(location)) {
    return { url: location, commit };
  }
  if (/^[\w.-]+\/[\w.-]+$/.test(location)) return { url: `https://github.com/${location}`, commit };
  if (!/^https?:\/\//i.test(location)) return undefined;
  const repositoryPage = /^https?:\/\/(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org)\/[^/?#]+\/[^/?#]+\/?$/i;
  const berryCommit = hash !== -1 && /(?:^|&)commit[=:]/.test(source.slice(hash + 1));
  if (/\.git\/?$/i.test(location) || repositoryPage.test(location) || berryCommit) return { url: location, commit };
  return undefined;
}

/** `<sha>`, or yarn berry's `commit=<sha>` (or `commit:<sha>`) among `&`-separated parameters. */
function commitOf(fragment: string): string | undefined {
  for (const part of fragment.split('&')) {
    const candidate = part.replace(/^commit[=:]/, '');
    if (isCommitId(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Archives git hosts serve of one commit: codeload.github.com, github.com `/archive/`, gitlab.com
 * `/-/archive/` and `archive.tar.gz?ref=`, bitbucket.org `/get/`. An archive of a branch or tag name is
 * left as a plain download URL, since the commit it gave is not recorded.
 */
function archivedCommit(source: string): Repository | undefined {
  const patterns: Array<[RegExp, (match: RegExpExecArray) => Repository]> = [
    [
      /^https?:\/\/codeload\.github\.com\/([^/]+\/[^/]+)\/(?:tar\.gz|zip|legacy\.tar\.gz|legacy\.zip)\/([^/?#]+)/i,
      (match) => ({ url: `https://github.com/${match[1]}`, commit: match[2] }),
    ],
    [
      /^https?:\/\/github\.com\/([^/]+\/[^/]+)\/archive\/([^/?#]+?)(?:\.tar\.gz|\.zip)(?:[?#]|$)/i,
      (match) => ({ url: `https://github.com/${match[1]}`, commit: match[2] }),
    ],
    [
      /^https?:\/\/gitlab\.com\/(.+?)\/-\/archive\/([^/?#]+)\//i,
      (match) => ({ url: `https://gitlab.com/${match[1]}`, commit: match[2] }),
    ],
    [
      /^https?:\/\/gitlab\.com\/(.+?)\/repository\/archive\.(?:tar\.gz|tar\.bz2|tar|zip)\?(?:.*&)?ref=([^&#]+)/i,
      (match) => ({ url: `https://gitlab.com/${match[1]}`, commit: match[2] }),
    ],
    [
      /^https?:\/\/bitbucket\.org\/([^/]+\/[^/]+)\/get\/([^/?#]+?)(?:\.tar\.gz|\.tar\.bz2|\.zip)(?:[?#]|$)/i,
      (match) => ({ url: `https://bitbucket.org/${match[1]}`, commit: match[2] }),
    ],
  ];
  for (const [pattern, repository] of patterns) {
    const match = pattern.exec(source);
    if (match) {
      const found = repository(match);
      return isCommitId(found.commit) ? found : undefined;
    }
  }
  return undefined;
}
