import fc from 'fast-check';

const number = fc.constantFrom('0', '1', '2', '10');
const identifier = fc.constantFrom('alpha', 'beta', 'rc', 'a-1', 'A', '0', '1', '2', '11');
const identifiers = fc.array(identifier, { minLength: 1, maxLength: 3 }).map((ids) => ids.join('.'));
/** Valid SemVer 2 versions with colliding parts, some with a `v`, prereleases and build metadata. */
export const semverVersions = fc
  .tuple(
    fc.constantFrom('', 'v'),
    number,
    number,
    number,
    fc.option(identifiers, { nil: undefined }),
    fc.option(identifiers, { nil: undefined }),
  )
  .map(
    ([v, major, minor, patch, pre, build]) =>
      `${v}${major}.${minor}.${patch}${pre ? `-${pre}` : ''}${build ? `+${build}` : ''}`,
  );

const small = fc.constantFrom('0', '1', '2', '10');

/** PEP 440 versions in varied spellings: epochs, pre/post/dev releases, local versions. */
export const pep440Versions = fc
  .tuple(
    fc.constantFrom('', '', '1!'),
    fc.array(small, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.')),
    fc.option(fc.tuple(fc.constantFrom('a', 'b', 'rc', 'alpha', 'c', 'pre', 'RC', '.beta', '-preview'), small), {
      nil: undefined,
    }),
    fc.option(fc.constantFrom('.post1', '.post2', '-1', 'post0', '.rev1'), { nil: undefined }),
    fc.option(fc.constantFrom('.dev0', '.dev1', 'dev2'), { nil: undefined }),
    fc.option(fc.constantFrom('+local', '+local.1', '+1', '+ubuntu.2', '+abc-1'), { nil: undefined }),
  )
  .map(([epoch, release, pre, post, dev, local]) =>
    [epoch, release, pre ? pre.join('') : '', post ?? '', dev ?? '', local ?? ''].join(''),
  );

const mavenToken = fc.constantFrom(
  ...['0', '1', '2', '10', '01', 'alpha', 'a', 'beta', 'b', 'milestone', 'm', 'rc', 'cr', 'snapshot', 'SNAPSHOT'],
  ...['ga', 'final', 'release', 'sp', 'foo', 'xyz', 'RC'],
);
/** Maven versions: numbers and qualifiers joined by `.`, `-` or directly. */
export const mavenVersions = fc
  .tuple(small, fc.array(fc.tuple(fc.constantFrom('.', '-', ''), mavenToken), { maxLength: 4 }))
  .map(([first, rest]) => first + rest.map(([sep, token]) => sep + token).join(''));

const gemSegment = fc.constantFrom('0', '1', '2', '10', '01', 'a', 'b', 'pre', 'rc', 'beta', 'alpha1', '1a');
/** RubyGems versions: numeric first segment, dotted segments, optional `-prerelease` part. */
export const gemVersions = fc
  .tuple(
    small,
    fc.array(gemSegment, { maxLength: 4 }),
    fc.option(fc.constantFrom('-pre', '-rc.1', '-beta-2'), { nil: undefined }),
  )
  .map(([first, rest, dash]) => [first, ...rest].join('.') + (dash ?? ''));

const nugetLabel = fc.constantFrom('alpha', 'Alpha', 'BETA', 'beta', 'beta2', '1', '2', '10', 'rc', 'x-1');
/** NuGet versions: one to four numbers, case-mixed prerelease labels, metadata. */
export const nugetVersions = fc
  .tuple(
    fc.array(fc.constantFrom('0', '1', '2', '01', '10'), { minLength: 1, maxLength: 4 }),
    fc.option(fc.array(nugetLabel, { minLength: 1, maxLength: 3 }), { nil: undefined }),
    fc.option(fc.constantFrom('+git.abc', '+1', '+AA'), { nil: undefined }),
  )
  .map(([numbers, labels, metadata]) => numbers.join('.') + (labels ? `-${labels.join('.')}` : '') + (metadata ?? ''));

/** Composer versions: optional `v`, one to four numbers, a stability with or without number, `-dev`. */
export const composerVersions = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('', 'v'),
      fc.array(small, { minLength: 1, maxLength: 4 }),
      fc.option(
        fc.tuple(
          fc.constantFrom('', '-', '.', '_'),
          fc.constantFrom('alpha', 'a', 'beta', 'b', 'RC', 'rc', 'patch', 'pl', 'p', 'stable'),
          fc.constantFrom('', '1', '2', '.1', '-10'),
        ),
        { nil: undefined },
      ),
      fc.constantFrom('', '', '-dev', '.dev'),
    )
    .map(([v, numbers, stability, dev]) => `${v}${numbers.join('.')}${stability ? stability.join('') : ''}${dev}`),
  fc.constantFrom('dev-main', 'dev-master', 'dev-feature/x', '1.x-dev', '2.0.x-dev'),
);

/** Debian versions: optional epoch, upstream with letters, `~` and `+`, optional revision. */
export const debianVersions = fc
  .tuple(
    fc.constantFrom('', '', '1:', '2:'),
    small,
    fc.array(fc.constantFrom('.', '0', '1', '10', 'a', 'b', '~', '~rc1', '+dfsg', '+b1', '.1'), { maxLength: 4 }),
    fc.option(fc.constantFrom('-1', '-2', '-0', '-1ubuntu1', '-1~deb9u1', '-1+deb10u2', '-10'), { nil: undefined }),
  )
  .map(([epoch, first, rest, revision]) => `${epoch}${first}${rest.join('')}${revision ?? ''}`);

/** Alpine versions: numbers, optional letter, suffixes with numbers, optional hash and revision. */
export const alpineVersions = fc
  .tuple(
    fc.array(fc.constantFrom('0', '1', '2', '10', '01', '00'), { minLength: 1, maxLength: 3 }),
    fc.constantFrom('', '', 'a', 'b', 'z'),
    fc.array(
      fc.tuple(
        fc.constantFrom('alpha', 'beta', 'pre', 'rc', 'cvs', 'svn', 'git', 'hg', 'p'),
        fc.constantFrom('', '1', '2'),
      ),
      { maxLength: 2 },
    ),
    fc.constantFrom('', '', '~abc1', '~0f'),
    fc.constantFrom('', '-r0', '-r1', '-r10'),
  )
  .map(
    ([numbers, letter, suffixes, hash, revision]) =>
      `${numbers.join('.')}${numbers[0]?.startsWith('0') && numbers.length === 1 ? '' : letter}${suffixes
        .map(([name, n]) => `_${name}${n}`)
        .join('')}${hash}${revision}`,
  );
