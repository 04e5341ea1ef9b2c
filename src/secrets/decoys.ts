import { shannonEntropy } from './entropy.js';

/**
 * Decoys: values that look like credentials to a regex but are not — placeholders, documentation
 * examples, references to variables, hashes and identifiers. Precision matters as much as recall: a
 * scanner that cries wolf gets its findings ignored, so every rule's matches pass through here.
 */

/** Words that only appear in a value when it is a placeholder or a documented example. */
const PLACEHOLDER_WORDS =
  /example|placeholder|changeme|change[_-]me|replace[_-]?(?:me|this|with)|your[_-]?(?:own|real|api|secret|token|key|pass|access|client|app|account|private|auth)|my[_-]?(?:api|secret|token|key|pass)|dummy|sample|xmpl|redacted|insert[_-]?(?:here|your|key|token)|(?:key|token|secret|password)[_-]?here|notreal|not[_-]?a[_-]?real|lorem[_-]?ipsum|foobar|\bfake\b|fake[_-]?(?:key|token|secret|pass)/i;

/** Template and environment references: the value is looked up elsewhere, not written here. */
const REFERENCE =
  /\$\{|\$\(|\{\{|\}\}|<%|%\(|#\{|^\$[A-Za-z_]\w*$|^%\w+%$|process\.env|import\.meta\.env|os\.environ|getenv|System\.getenv|Environment\.GetEnvironmentVariable|ENV\[|env\(|secrets\.[A-Za-z_]|vault:|ssm:|arn:aws:secretsmanager|op:\/\//;

/** Masks and elisions: `sk_live_****`, `ghp_xxxx...`, `AKIA…`. */
const MASKED = /x{4,}|X{4,}|\*{3,}|#{4,}|\.{3}|…|•{2,}|(?:<[a-z_ -]{3,}>)|\[[a-z_ -]{3,}\]/;

/** Long runs of one character or obviously sequential filler. */
const FILLER = /(.)\1{7,}|0123456789|123456789|abcdefghij|ABCDEFGHIJ|qwertyuiop|1234567890/;

const DATA_URI = /data:[a-z]+\/[a-z0-9.+-]+(?:;[a-z0-9=-]+)*;base64,/i;

/**
 * Credentials that vendors publish in their documentation as examples. They are public and inert, and
 * they are the most common decoys in real repositories (copied from docs into READMEs and tests).
 * Assembled from parts so this file does not look like a leak to other scanners.
 */
const DOCUMENTED_EXAMPLES: readonly string[] = [
  ['AKIAIOSFODNN7', 'EXAMPLE'], // AWS access key id
  ['wJalrXUtnFEMI/K7MDENG/bPxRfiCY', 'EXAMPLEKEY'], // AWS secret access key
  ['sk_test_4eC39HqLyjWDarjtT1', 'zdp7dc'], // Stripe docs test key
  ['SflKxwRJSMeKKF2QT4fwpMeJf36P', 'Ok6yJV_adQssw5c'], // jwt.io example signature
  ['eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6Ikpva', 'G4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ'], // jwt.io example payload
  ['2YotnFZFEjr1', 'zCsicMWpAA'], // RFC 6749 example access token
  ['tGzv3JOkF0XG', '5Qx2TlKWIA'], // RFC 6749 example refresh token
  ['SplxlOBeZQQY', 'bYS6WxSbIA'], // RFC 6749 example authorization code
  ['ad180jjd', '733klru7'], // RFC 5849 example token
].map((parts) => parts.join(''));

/** A whole value that is just a word standing for a credential: `user:password@host`, `token: secret`. */
const PLACEHOLDER_VALUE =
  /^(?:p[a@]ss(?:w[o0]rd)?|passwd|pwd|secret|token|api[_-]?key|changeit|admin|root|user(?:name)?|test|guest|default|none|null|empty)$/i;

/**
 * Hand-typed example values walk the alphabet (`abcd1234`, `AB1C2defGH`): a quarter of adjacent pairs
 * are successors (a->b, 1->2). Random strings have about one in thirty.
 */
export function isSequential(value: string): boolean {
  if (value.length < 12) return false;
  const lower = value.toLowerCase();
  let successors = 0;
  for (let i = 1; i < lower.length; i++) if (lower.charCodeAt(i) === lower.charCodeAt(i - 1) + 1) successors++;
  return successors / (lower.length - 1) >= 0.25;
}

/** `p@ssw0rd`, `s3cr3t` -> `password`, `secret`: leetspeak spellings of placeholder words. */
const LEET: Readonly<Record<string, string>> = {
  0: 'o',
  1: 'i',
  3: 'e',
  4: 'a',
  5: 's',
  7: 't',
  8: 'b',
  '@': 'a',
  $: 's',
};
function unleet(value: string): string {
  return value.replace(/[0134578@$]/g, (c) => LEET[c] ?? c);
}

/**
 * Base64 that decodes to printable text (`dXNlcjpzM2NyM3Q=` is `user:s3cr3t`): the decoded text is what
 * must be judged. Random keys decode to binary, so real secrets are not affected.
 */
export function decodedText(value: string): string | undefined {
  if (value.length < 8 || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return undefined;
  // `echo user:pass | base64` adds a newline: trimmed before judging.
  const text = Buffer.from(value, 'base64')
    .toString('latin1')
    .replace(/\r?\n$/, '');
  return /^[\x20-\x7e]+$/.test(text) ? text : undefined;
}

function isPlaceholderValue(value: string): boolean {
  return PLACEHOLDER_VALUE.test(value) || PLACEHOLDER_VALUE.test(unleet(value));
}

/** Returns why `secret` is a decoy, or undefined when it may be real. */
export function decoyReason(secret: string, line: string): string | undefined {
  if (isPlaceholderValue(secret)) return 'placeholder';
  const decoded = decodedText(secret);
  if (decoded !== undefined) {
    // `user:password` (HTTP basic auth, npm _auth) or a phrase: judge the password part, or the phrase.
    const password = decoded.includes(':') ? decoded.slice(decoded.indexOf(':') + 1) : decoded;
    if (
      isPlaceholderValue(password) ||
      PLACEHOLDER_WORDS.test(decoded) ||
      /\b(?:not|no) (?:my |a )?real\b/i.test(decoded)
    ) {
      return 'encoded-placeholder';
    }
  }
  if (isSequential(secret)) return 'sequential';
  if (DOCUMENTED_EXAMPLES.some((example) => secret.includes(example))) return 'documented-example';
  if (PLACEHOLDER_WORDS.test(secret)) return 'placeholder';
  if (REFERENCE.test(secret)) return 'reference';
  if (MASKED.test(secret)) return 'masked';
  if (FILLER.test(secret)) return 'filler';
  const uri = DATA_URI.exec(line);
  if (uri && line.indexOf(secret) > uri.index) return 'data-uri';
  return undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX = /^[0-9a-f]+$/i;
const HASH_NAME =
  /sha|hash|digest|checksum|commit|revision|\brev\b|etag|integrity|fingerprint|nonce|\bid\b|_id\b|uuid|guid/i;
const PUBLIC_NAME = /public|\bpub[_-]?key|publishable|cert(?:ificate)?\b/i;
const INTEGRITY = /^(?:sha1|sha256|sha384|sha512|md5)-/i;
/** Values in formats that vendors publish on purpose (browser keys); the vendor rules decide about them. */
const PUBLIC_FORMAT = /^(?:AIza|pk\.|pk_(?:live|test)_|pub[0-9a-f]{32}$|NRJS-)/;
const PUBLIC_KEY_VALUE =
  /^(?:ssh-(?:rsa|dss|ed25519)|ecdsa-sha2-|sk-ssh-|-----BEGIN (?:PUBLIC KEY|CERTIFICATE|RSA PUBLIC KEY))/;
const PATH_OR_URL = /^(?:\.{0,2}\/|~\/|[a-z]:\\|https?:\/\/(?![^\s/@]*:[^\s/@]*@)|file:)/i;
/** A name or dotted path of names, each allowed a short numeric suffix (`passing0`, `wasm32-unknown`). */
const IDENTIFIER = /^[A-Za-z_$][A-Za-z_$]*\d{0,3}(?:[.:/-][A-Za-z_$][A-Za-z_$]*\d{0,3})*(?:\(\)?)?$/;
/** Expressions, not literals: `a?.b`, `!!x`, `a || b`, `?Token`, `x => y`, `a::b`. */
const CODE_SHAPE = /^[!?.:&|*]{1,2}[A-Za-z_$][A-Za-z_$]*(?:\.[A-Za-z_$][A-Za-z_$]*)*$|\?\.|!!|\|\||&&|=>|::|\)\.|\]\./;
/** Symbols people put in passwords, as opposed to code punctuation. */
const PASSWORD_SYMBOL = /[!@#$%^&*+=~]/;
const CODE_VALUE =
  /^(?:true|false|null|nil|none|undefined|string|required|optional|bool(?:ean)?|int(?:eger)?|number|object|password|secret|token|empty)$/i;
/** Lockfiles and checksum files are full of high-entropy hashes and never hold configuration. */
const HASH_FILES =
  /(?:^|\/)(?:go\.sum|go\.work\.sum|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lock|Cargo\.lock|poetry\.lock|Pipfile\.lock|uv\.lock|pdm\.lock|Gemfile\.lock|composer\.lock|packages\.lock\.json|pubspec\.lock|mix\.lock|gradle\.lockfile|flake\.lock|\.terraform\.lock\.hcl|[^/]*\.(?:sum|sha256|sha512|md5|min\.js|min\.css|map|svg))$/i;

/** Documentation defaults and well-known weak passwords: shown in READMEs and compose files, not leaks. */
const COMMON_PASSWORD =
  /^(?:p[a@]ss(?:w[o0]rd)?|admin(?:istrator)?|root|test|secret|qwerty|letmein|welcome|changeit|default|guest|user)[\W\d_]*$/i;

/**
 * Extra checks for the generic "secret-looking name = high-entropy value" rules, whose matches have no
 * vendor format to vouch for them. `name` is the assigned variable or key.
 */
export function genericDecoyReason(secret: string, name: string, path: string, quoted = true): string | undefined {
  if (HASH_FILES.test(path)) return 'hash-file';
  if (EXAMPLE_FILE.test(path)) return 'example-file';
  if (!quoted && isSourceCode(path)) return 'unquoted-in-code';
  if (DATE.test(secret)) return 'date';
  if (/passw(?:or)?d/i.test(secret)) return 'placeholder';
  if (HEX.test(secret) && secret.length < 32) return 'short-hex';
  if (DOTTED_NAME.test(secret)) return 'code-path';
  if (isWordPath(secret)) return 'path-or-url';
  if (NOT_A_CREDENTIAL_NAME.test(name)) return 'not-a-credential-name';
  if (/(?:^|:)arn:|arn:aws|:secretsmanager:/.test(secret)) return 'resource-name';
  if (HOST.test(secret)) return 'hostname';
  if (UUID.test(secret)) return 'uuid';
  if (INTEGRITY.test(secret)) return 'integrity-hash';
  if (HEX.test(secret) && HASH_NAME.test(name)) return 'hash';
  if (PUBLIC_NAME.test(name)) return 'public-value';
  if (PUBLIC_KEY_VALUE.test(secret)) return 'public-key';
  if (PUBLIC_FORMAT.test(secret)) return 'public-format';
  if (PATH_OR_URL.test(secret)) return 'path-or-url';
  if (CODE_SHAPE.test(secret)) return 'code';
  if (isKebabName(secret)) return 'identifier';
  if (IDENTIFIER.test(secret) && !looksRandom(secret)) return 'identifier';
  if (CODE_VALUE.test(secret)) return 'keyword';
  if (/^(?:[A-Z][a-z]+)+$/.test(secret)) return 'identifier';
  if (/^[\d.:,\s-]+$/.test(secret)) return 'number';
  if (COMMON_PASSWORD.test(secret)) return 'common-password';
  // Generated credentials nearly always contain a digit; names and prose rarely do.
  if (!/\d/.test(secret) && !looksRandom(secret) && !looksLikePassword(secret)) return 'no-digit';
  return undefined;
}

/**
 * Random letters, not words: names are made of pronounceable words (about a third vowels) and switch
 * case only at word boundaries; generated strings have few vowels (10 of 52 letters) and switch case
 * every other character or so.
 */
function looksRandom(value: string): boolean {
  if (value.length < 16 || /[.:/]/.test(value) || shannonEntropy(value) < 3.5) return false;
  const vowels = value.match(/[aeiouAEIOU]/g)?.length ?? 0;
  if (vowels / value.length >= 0.25) return false;
  let switches = 0;
  for (let i = 1; i < value.length; i++) {
    const previous = value.charCodeAt(i - 1);
    const current = value.charCodeAt(i);
    const upperBefore = previous >= 65 && previous <= 90;
    const upperNow = current >= 65 && current <= 90;
    if (upperBefore !== upperNow) switches++;
  }
  return switches >= value.length / 4;
}

/** Mixed-case letters with a password symbol and no code punctuation: `pbkKNZ!nfxKtD`. */
function looksLikePassword(value: string): boolean {
  return PASSWORD_SYMBOL.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value) && !/[.?:()[\]{}/\\]/.test(value);
}

/**
 * Templates people copy and fill in (`.env.example`, `config.sample.yml`, `settings.py.dist`): generic
 * values there are placeholders. Vendor-format tokens in them are still reported by their own rules.
 */
const EXAMPLE_FILE =
  /(?:^|[/._-])(?:example|examples|sample|samples|template|templates|dist|tmpl|tpl)(?:[/._-][^/]*)?$/i;

/**
 * Source files, where a literal is always quoted: an unquoted value after `password =` is a variable or
 * an expression. (Config formats — .env, YAML, properties, shell — take unquoted literals.)
 */
export function isSourceCode(path: string): boolean {
  return SOURCE_CODE_FILE.test(path);
}

const SOURCE_CODE_FILE =
  /\.(?:[cm]?[jt]sx?|py|pyi|java|kt|kts|scala|groovy|go|rs|rb|php|cs|fs|vb|swift|m|mm|c|cc|cpp|cxx|h|hh|hpp|dart|lua|r|jl|ex|exs|erl|hs|ml|clj|cljs|vue|svelte)$/i;
/** `www.example.org:8080`, `db.internal`: a host name, possibly with a port. */
const HOST = /^(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d{1,5})?$|^localhost(?::\d{1,5})?$/i;
const DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}|$)/;
/** `module.Class`, `x25519.X25519PrivateKey`: names joined by dots, none long enough to be a token. */
const DOTTED_NAME = /^[A-Za-z_$][\w$]{0,31}(?:\.[A-Za-z_$][\w$]{0,31})+$/;

/** `my-k8s-secret-name`, `bert-base-uncased-2024`: lower-case words joined by - _ or . */
function isKebabName(value: string): boolean {
  if (!/^[a-z0-9]{1,16}(?:[-_.][a-z0-9]{1,16})+$/.test(value)) return false;
  const digits = value.replace(/\D/g, '').length;
  return value.split(/[-_.]/).every((word) => /^(?:[a-z][a-z0-9]*|\d{1,4})$/.test(word)) && digits / value.length < 0.3;
}

/** `mock_access_key/20220524/us-east-1/...`: a path whose segments are mostly lower-case words. */
function isWordPath(value: string): boolean {
  const segments = value.split('/');
  if (segments.length < 3) return false;
  return segments.filter((segment) => /^[a-z][a-z0-9_.-]*$/.test(segment)).length * 2 >= segments.length;
}

/**
 * Names with "token" or "key" in them that hold no credential: pagination cursors, idempotency and CSRF
 * tokens, token counts and limits, key names and ids.
 */
const NOT_A_CREDENTIAL_NAME =
  /tokeni[sz](?:er|ation|ed)|(?:next|prev(?:ious)?|page|continuation|forward|backward|sync|update|client|idempotency|export|import|csrf|xsrf|cancel(?:lation)?)[_.-]?token|token[_.-]?(?:type|count|len(?:gth)?|limit|url|uri|endpoint|name|id|index|kind|position|pos|expir\w*|ttl)\b|(?:max|min|num|total)[_.-]?tokens?|key[_.-]?(?:id|name|type|alias|arn|path|file|size|length|len|usage|spec|format|pair|ring)\b|secret[_.-]?(?:arn|name|id|ref|path|file|key[_.-]?ref|version)\b|(?:password|passwd|pwd)[_.-]?(?:file|path|length|len|min|max|policy|field|label|hint|prompt|reset|url|input|env|var|last[_.-]?used|required|enabled|expir\w*)\b|(?:token|key|secret)[_.-]?(?:prefix|suffix|header|param(?:eter)?|field|label|placeholder|pattern|regex)\b|public|cursor|marker/i;

/** Character classes present in a value: lower, upper, digit, symbol. */
export function characterClasses(value: string): number {
  let classes = 0;
  if (/[a-z]/.test(value)) classes++;
  if (/[A-Z]/.test(value)) classes++;
  if (/\d/.test(value)) classes++;
  if (/[^A-Za-z0-9]/.test(value)) classes++;
  return classes;
}
