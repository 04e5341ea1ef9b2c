import { describe, expect, it } from 'vitest';
import { fakeToken, jsonReport, paved, tempDir, writeFiles } from './helpers.js';

/**
 * A small realistic repository: credentials planted the way they leak in practice, next to the decoys
 * real code is full of. Every planted credential must be found (recall) and no decoy reported
 * (precision). Tokens are assembled at run time so this file holds none.
 */
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const HEX = '0123456789abcdef';
const B64 = `${ALNUM}+/`;
const t = (prefix: string, n: number, seed: number, alphabet = ALNUM) => fakeToken(prefix, n, seed, alphabet);
const join = (...parts: string[]) => parts.join('');

const pemBody = Array.from({ length: 10 }, (_, i) => t('', 64, 100 + i, B64)).join('\n');

/** path -> [content, lines that hold a planted credential] */
const PLANTED: Record<string, [string, number[]]> = {
  '.env': [
    [
      '# production settings',
      `AWS_ACCESS_KEY_ID=${t(join('AK', 'IA'), 16, 1, UPPER)}`,
      `AWS_SECRET_ACCESS_KEY=${t('', 40, 2, B64)}`,
      'LOG_LEVEL=info',
      `OPENAI_API_KEY=${join('sk', '-proj-')}${t('', 48, 3, `${ALNUM}_-`)}T3BlbkFJ${t('', 48, 4, `${ALNUM}_-`)}`,
    ].join('\n'),
    [2, 3, 5],
  ],
  'src/github.js': [
    `import { Octokit } from "@octokit/rest";\n\nconst octokit = new Octokit({ auth: "${t(join('gh', 'p_'), 36, 5)}" });\n`,
    [3],
  ],
  'deploy/k8s/app-secret.yaml': [
    [
      'apiVersion: v1',
      'kind: Secret',
      'metadata: { name: app }',
      'stringData:',
      `  DATABASE_URL: postgres://app:${t('', 14, 6)}@db.internal:5432/app`,
    ].join('\n'),
    [5],
  ],
  'keys/deploy_rsa': [
    `${join('-----BEGIN RSA ', 'PRIVATE KEY-----')}\n${pemBody}\n-----END RSA PRIVATE KEY-----\n`,
    [1],
  ],
  'bots/slack.py': [
    `import os\n\nSLACK_BOT_TOKEN = "${join('xo', 'xb-')}${t('', 12, 7, '0123456789')}-${t('', 13, 8, '0123456789')}-${t('', 24, 9)}"\n`,
    [3],
  ],
  'billing/stripe.rb': [`require "stripe"\nStripe.api_key = "${join('sk', '_live_')}${t('', 24, 10)}"\n`, [2]],
  'docker-compose.yml': [
    [
      'services:',
      '  db:',
      '    image: postgres:16',
      '    environment:',
      `      POSTGRES_PASSWORD: ${t('Xk9', 9, 30)}`,
    ].join('\n'),
    [5],
  ],
  'mobile/app.json': [`{\n  "name": "shop",\n  "paymentsApiKey": "${t('', 32, 11)}"\n}\n`, [3]],
  'infra/terraform.tfvars': [
    `region = "europe-west1"\ngcp_api_key = "${join('AI', 'za')}${t('', 35, 12, `${ALNUM}_-`)}"\n`,
    [2],
  ],
  'scripts/notify.sh': [
    `#!/bin/sh\ncurl -X POST -d "$1" https://hooks.slack.com/services/T${t('', 8, 13, UPPER)}/B${t('', 8, 14, UPPER)}/${t('', 24, 15)}\n`,
    [2],
  ],
  '.npmrc': [
    `registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${join('np', 'm_')}${t('', 36, 16)}\n`,
    [2],
  ],
  'config/settings.py': [`DEBUG = False\nSECRET_KEY = "${t('', 50, 17, `${ALNUM}!@#%^&*(-_=+)`)}"\n`, [2]],
};

const DECOYS: Record<string, string> = {
  '.env.example': [
    'AWS_ACCESS_KEY_ID=AKIAXXXXXXXXXXXXXXXX',
    'AWS_SECRET_ACCESS_KEY=your-secret-access-key',
    'GITHUB_TOKEN=<your-token>',
    `STRIPE_SECRET_KEY=${join('sk', '_live_')}...`,
    'OPENAI_API_KEY=YOUR_API_KEY',
    'DATABASE_URL=postgres://user:password@localhost:5432/app',
  ].join('\n'),
  'README.md': [
    '## Configure',
    `Use the documented keys: ${join('AKIAIOSFODNN7', 'EXAMPLE')} and ${join('wJalrXUtnFEMI/K7MDENG/bPxRfiCY', 'EXAMPLEKEY')}.`,
    'export OPENAI_API_KEY="sk-..."',
    '![logo](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==)',
  ].join('\n'),
  'deploy/k8s/deployment.yaml': [
    '        env:',
    '          - name: DB_PASSWORD',
    '            valueFrom: { secretKeyRef: { name: db, key: password } }',
    '          - name: API_TOKEN',
    '            value: "{{ .Values.apiToken }}"',
  ].join('\n'),
  '.github/workflows/ci.yml': [
    'jobs:',
    '  build:',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '        with: { token: "${{ secrets.GITHUB_TOKEN }}" }',
    '      - run: npm publish',
    '        env: { NODE_AUTH_TOKEN: "${{ secrets.NPM_TOKEN }}" }',
  ].join('\n'),
  'package-lock.json': `{\n  "packages": { "node_modules/a": { "integrity": "sha512-${t('', 86, 20, B64)}==" } }\n}\n`,
  'go.sum': `github.com/pkg/errors v0.9.1 h1:${t('', 43, 21, B64)}=\n`,
  'src/ids.ts': [
    `export const requestId = "${[t('', 8, 22, HEX), t('', 4, 23, HEX), t('', 4, 24, HEX), t('', 4, 25, HEX), t('', 12, 26, HEX)].join('-')}";`,
    `export const commitSha = "${t('', 40, 27, HEX)}";`,
    `export const tokenHash = "${t('', 64, 28, HEX)}";`,
    'export const apiKeyHeader = "X-Api-Key";',
    'export const tokenEndpoint = "https://oauth2.googleapis.com/token";',
  ].join('\n'),
  'keys/deploy_rsa.pub': `ssh-rsa ${t('AAAAB3NzaC1yc2E', 300, 29, B64)} deploy@ci\n`,
  'certs/server.crt': `-----BEGIN CERTIFICATE-----\n${pemBody}\n-----END CERTIFICATE-----\n`,
  'src/db.py': [
    'password = os.getenv("DB_PASSWORD")',
    'db_password: str = settings.db_password',
    'password = "changeme"',
    "password = ''",
    'PASSWORD_MIN_LENGTH = 12',
    'reset_password_url = "/account/password/reset"',
  ].join('\n'),
  'tests/test_auth.py': [
    'token = "test-token"',
    `JWT = "${['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', 'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ', join('SflKxwRJSMeKKF2QT4fwpMeJf36P', 'Ok6yJV_adQssw5c')].join('.')}"`,
    'client.login(username="admin", password="password")',
  ].join('\n'),
  'src/app.ts': [
    'const apiKey = process.env.API_KEY;',
    'const secret = config.get("jwt.secret");',
    'const tokenizer = new Tokenizer(options);',
    'if (!token) throw new Error("missing token");',
  ].join('\n'),
};

describe('realistic corpus', () => {
  it('finds every planted credential and reports no decoy', () => {
    const dir = tempDir('paved-corpus-');
    writeFiles(dir, Object.fromEntries(Object.entries(PLANTED).map(([path, [content]]) => [path, content])));
    writeFiles(dir, DECOYS);
    const result = paved(['scan', '.', '--format', 'json'], { cwd: dir });
    expect(result.status).toBe(1);
    const found = jsonReport(result)
      .findings.map((f) => `${f.location.path}:${f.location.startLine}`)
      .sort();
    const expected = Object.entries(PLANTED)
      .flatMap(([path, [, lines]]) => lines.map((line) => `${path}:${line}`))
      .sort();
    expect(found).toEqual(expected);
  });
});
