import type { SecretRule } from '../rule.js';

/**
 * Assignment operators of the common languages and config formats: `=`, `:`, `:=`, `=>`, `<-`, `||=`,
 * `?=`; `"NAME", "value"` (define, setdefault) where the value must be quoted; XML elements
 * `<password>value</password>`; and .NET settings `<add key="ApiKey" value="..."/>`. The opening quote
 * is captured as `open`: an unquoted value in source code is an expression, not a literal.
 */
const ASSIGN = String.raw`(?:["'\]]?\s{0,4}(?::=|=>|\|\|=|\?=|<-|=|:)\s{0,4}(?<open>["'\x60]?)|["']\s{0,2},\s{0,4}(?<quoted>["'\x60])|(?<=<[\w.:-]{1,80})>|["']\s{1,4}value\s{0,2}=\s{0,2}(?<attribute>["']))`;
/** A value runs until a quote, whitespace or code punctuation; the lookahead rejects truncated values. */
const VALUE = (min: number, max: number) =>
  String.raw`(?<secret>[^\s"'\x60,;<>(){}[\]\\]{${min},${max}})(?=["'\x60\s,;)}\]<>\\]|$)`;
/** A name starts a word, and is not a segment of a colon path (`arn:...:secret:x`, `AWS::X::ApiKey`). */
const NAME = (words: string) => String.raw`(?<![\w.-]|[\w:-]:)(?<name>[\w.-]{0,40}?(?:${words})[\w.-]{0,30})`;

const SECRET_WORDS = [
  'secret',
  'token',
  'api[_.-]?key',
  'apikey',
  'access[_.-]?key',
  'auth[_.-]?key',
  'private[_.-]?key',
  'signing[_.-]?key',
  'encryption[_.-]?key',
  'master[_.-]?key',
  'credentials?',
].join('|');
/** Literal spellings of the words for the keyword prefilter: `api[_.-]?key` -> apikey, api_key, api.key, api-key. */
function spellings(words: string): string[] {
  return words.split('|').flatMap((word) => {
    const base = word.replace(/s\?$/, '').replace(/\(\?:or\)\?/, '');
    return base.includes('[_.-]?') ? ['', '_', '.', '-'].map((sep) => base.replace('[_.-]?', sep)) : [base];
  });
}

/**
 * "pass" only as a word of its own: at a name boundary (db_pass, PASSWORD, dbPassword) and not inside
 * another word (Association, compass, bypass, passenger, passed). Case is spelled out, so the rule has
 * no `i` flag.
 */
const PASSWORD_WORDS =
  '(?:(?<![A-Za-z])(?:[Pp]assword|[Pp]asswd|[Pp]assphrase|PASSWORD|PASSWD|PASSPHRASE|PassWord|[Pp]ass|PASS|[Pp]wd|PWD)|(?<=[a-z])(?:Password|Passwd|Passphrase|PassWord|Pass|Pwd))s?(?![a-z])';

export const genericRules: SecretRule[] = [
  {
    id: 'generic-api-key',
    title: 'High-entropy secret assigned to a secret-looking name',
    severity: 'high',
    description:
      'A random-looking value is assigned to a variable or key named like a secret (token, api_key, client_secret...). ' +
      'No vendor format matched, but the value has the entropy of a generated credential.',
    remediation:
      'Revoke the credential at its issuer and issue a new one; load it at run time from the environment or a secret ' +
      'manager instead of the source, and remove the old value from git history. If this is not a secret, add ' +
      '`paved:allow` on the line or an allowlist entry.',
    references: ['https://owasp.org/www-community/vulnerabilities/Use_of_hard-coded_password'],
    keywords: spellings(SECRET_WORDS),
    pattern: new RegExp(NAME(SECRET_WORDS) + ASSIGN + VALUE(16, 200), 'i'),
    entropy: 3.3,
    minCharacterClasses: 2,
    generic: true,
    tags: ['generic'],
    samples: {
      positive: [
        'client_secret = "q8Hf2LmZ0vTn4RxW9bKc1sYe"',
        'export SERVICE_API_KEY=4fG7kQ2mZ9xL1vT8pR3wN6yB',
        '  "webhookSigningToken": "wKz81bQm3VtC9rXh2LpY7dNs5FgJ"',
        '<add key="PaymentApiKey" value="Hq3Lr8Zt0Wm5Kx2Vn7Pb4Yc9" />',
        '  <apiToken>Rk2Wq9Xm4Lt7Zb1Nv6Hc3Jp8</apiToken>',
      ],
      negative: [
        'api_key = os.environ["API_KEY"]',
        'client_secret: ${CLIENT_SECRET}',
        'token = "your-api-token-here"',
        'secret_key_name = "MySecretKeyName"',
        'tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")',
        'commit_token_sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b"',
        'session_token_id = "3f2504e0-4f89-11d3-9a0c-0305e82c3301"',
      ],
    },
  },
  {
    id: 'generic-password',
    title: 'Hard-coded password',
    severity: 'high',
    description:
      'A literal password is assigned to a password field in code or configuration. Anyone with read access to the ' +
      'repository, its forks or its history can use it.',
    remediation:
      'Change the password on the system it protects; read it at run time from the environment or a secret manager ' +
      '(e.g. `${DB_PASSWORD}`), and remove the old value from git history.',
    references: ['https://cwe.mitre.org/data/definitions/259.html'],
    keywords: ['pass', 'pwd'],
    pattern: new RegExp(NAME(PASSWORD_WORDS) + ASSIGN + VALUE(8, 128)),
    entropy: 2.5,
    minCharacterClasses: 2,
    generic: true,
    tags: ['generic', 'password'],
    samples: {
      positive: [
        'DB_PASSWORD=Vq7!rT2#kLm9',
        'spring.datasource.password: h8Kd93nfQ2xp',
        '    <password>Wq8#nT2vLz5k</password>',
        '  "adminPassword": "Zt4$wq81LpaN"',
      ],
      negative: [
        'DB_PASSWORD=${DB_PASSWORD}',
        'password: changeme',
        'password = "<your-password>"',
        'password = get_password()',
        'password_field = "password_input"',
        'PASSWORD=password123',
        'passenger_count = 4',
      ],
    },
  },
];
