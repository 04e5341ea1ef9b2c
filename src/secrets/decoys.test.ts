import { describe, expect, it } from 'vitest';
import { characterClasses, decodedText, decoyReason, genericDecoyReason } from './decoys.js';

describe('decoyReason', () => {
  it.each([
    ['<your-token>', 'placeholder'],
    ['YOUR_API_KEY', 'placeholder'],
    ['sk_live_xxxxxxxxxxxxxxxx', 'masked'],
    ['ghp_...', 'masked'],
    ['${GITHUB_TOKEN}', 'reference'],
    ['{{ .Values.token }}', 'reference'],
    ['${{ secrets.NPM_TOKEN }}', 'reference'],
    ['process.env.API_KEY', 'reference'],
    ['$DB_PASSWORD', 'reference'],
    ['password', 'placeholder'],
    ['aaaaaaaaaaaaaaaaaaaa', 'filler'],
    [['AKIAIOSFODNN7', 'EXAMPLE'].join(''), 'documented-example'],
    [['wJalrXUtnFEMI/K7MDENG/bPxRfiCY', 'EXAMPLEKEY'].join(''), 'documented-example'],
  ])('%s is a decoy (%s)', (secret, reason) => {
    expect(decoyReason(secret, `token = "${secret}"`)).toBe(reason);
  });

  it('keeps random-looking values, including passwords with $ and symbols', () => {
    for (const secret of ['q8Hf2LmZ0vTn4RxW9bKc1sYe', 'Zt4$WQ81LpaN', 'N7#kd!2Lq0']) {
      expect(decoyReason(secret, `x = "${secret}"`)).toBeUndefined();
    }
  });

  it('drops values inside data: URIs', () => {
    const line = 'src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB"';
    expect(decoyReason('iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB', line)).toBe('data-uri');
  });
});

describe('genericDecoyReason', () => {
  it.each([
    ['3f2504e0-4f89-11d3-9a0c-0305e82c3301', 'request_id', 'app.ts', 'uuid'],
    ['9f86d081884c7d659a2feaa0c55ad015a3bf4f1b', 'commit_sha', 'app.ts', 'hash'],
    ['sha512-Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4', 'integrity', 'app.ts', 'integrity-hash'],
    ['q8Hf2LmZ0vTn4RxW9bKc1sYe', 'token', 'go.sum', 'hash-file'],
    ['q8Hf2LmZ0vTn4RxW9bKc1sYe', 'public_key', 'app.ts', 'not-a-credential-name'],
    ['ssh-ed25519', 'deploy_key', 'app.ts', 'public-key'],
    ['https://oauth2.example.org/token', 'token_url', 'app.ts', 'path-or-url'],
    ['AutoTokenizer.from_pretrained', 'tokenizer', 'app.py', 'code-path'],
    ['Password123!', 'password', 'app.py', 'placeholder'],
    ['correct-horse-battery-staple', 'secret', 'app.py', 'identifier'],
  ])('%s assigned to %s in %s is a decoy (%s)', (secret, name, path, reason) => {
    expect(genericDecoyReason(secret, name, path)).toBe(reason);
  });

  it('keeps generated credentials', () => {
    expect(genericDecoyReason('q8Hf2LmZ0vTn4RxW9bKc1sYe', 'client_secret', 'settings.py')).toBeUndefined();
  });
});

describe('characterClasses', () => {
  it('counts lower, upper, digit and symbol classes', () => {
    expect(characterClasses('abc')).toBe(1);
    expect(characterClasses('aB3!')).toBe(4);
  });
});

describe('random-looking values without digits', () => {
  it('keeps random mixed-case letters and passwords with symbols', () => {
    expect(genericDecoyReason('jdLXHHjPQlUfqQmjxpKbXKlfyRDeqYql', 'clientSecret', 'a.ts')).toBeUndefined();
    expect(genericDecoyReason('pbkKNZ!nfxKtD', 'db_password', 'a.yml')).toBeUndefined();
  });

  it('still drops camelCase names', () => {
    expect(genericDecoyReason('readClientSecretFromVault', 'clientSecret', 'a.ts')).toBe('identifier');
  });
});

describe('code expressions assigned to secret-looking names', () => {
  it.each([
    'result.groups?.password',
    '!this.result.issues',
    '!!passThrough',
    '?InterpolationInJSX',
    'SyntaxKind.ExtendsKeyword',
    'listener:',
    'passing0',
    'wasm32-unknown-unknown',
  ])('%s is not a secret', (value) => {
    expect(genericDecoyReason(value, 'password', 'src/app.ts')).toBeDefined();
  });

  it('keeps random values that start with a symbol', () => {
    expect(genericDecoyReason('!orPKX!m802K_fgQ=-fj)+8sNo83K&gQ06QNF', 'SECRET_KEY', 'settings.py')).toBeUndefined();
  });
});

describe('values that name things rather than hold secrets', () => {
  it.each([
    ['arn:aws:secretsmanager:us-west-2:123456789012:secret:db-a1b2c3', 'ARN', 'resource-name'],
    ['q8Hf2LmZ0vTn4RxW9bKc1sYe', 'SecretArn', 'not-a-credential-name'],
    ['www.python.org:8080', 'password', 'hostname'],
    ['2016-09-08T21:47:36Z', 'PasswordLastUsed', 'date'],
    ['eyJOZXh0VG9rZW4iOiBudWxsfQ==', 'NextToken', 'not-a-credential-name'],
    ['48205d4ffd7feba3', 'ApiKey', 'short-hex'],
    ['mock_access_key/20220524/us-east-1/aws4_request', 'Credential', 'path-or-url'],
    ['rust_openssl.hpke.PrivateKey', 'private_key', 'code-path'],
  ])('%s assigned to %s (%s)', (secret, name, reason) => {
    expect(genericDecoyReason(secret, name, 'config.json')).toBe(reason);
  });

  it('treats unquoted values in source code as expressions', () => {
    expect(genericDecoyReason('get_secret9(vault)', 'password', 'app.py', false)).toBe('unquoted-in-code');
    expect(genericDecoyReason('Vq7rT2kLm9Xw', 'DB_PASSWORD', '.env', false)).toBeUndefined();
  });

  it('drops hand-typed alphabet walks', () => {
    expect(decoyReason('abcd1234defg5678', '')).toBe('sequential');
    expect(decoyReason('q8Hf2LmZ0vTn4RxW9bKc1sYe', '')).toBeUndefined();
  });
});

describe('names made of lower-case words', () => {
  it.each(['my-k8s-secret-name', 'bert-base-uncased-2024', 'prod.db.password'])('%s is a name', (value) => {
    expect(genericDecoyReason(value, 'secret', 'values.yaml')).toBeDefined();
  });

  it('keeps dash-separated random keys', () => {
    expect(genericDecoyReason('Hk2Q7-Zm4Lp-9XwR3-Tb6Nc', 'license_key_secret', 'values.yaml')).toBeUndefined();
  });
});

describe('encoded and leetspeak placeholders', () => {
  it.each([
    ['dXNlcjpzM2NyM3Q=', 'encoded-placeholder'], // user:s3cr3t
    ['bm90IG15IHJlYWwgcGFzc3dvcmQ=', 'encoded-placeholder'], // "not my real password"
    ['P@ssw0rd', 'placeholder'],
  ])('%s is a decoy (%s)', (secret, reason) => {
    expect(decoyReason(secret, '')).toBe(reason);
  });

  it('trims the newline `echo ... | base64` adds', () => {
    expect(decodedText('dXNlcjpzM2NyM3QK')).toBe('user:s3cr3t');
    expect(decoyReason('dXNlcjpzM2NyM3QK', '')).toBe('encoded-placeholder');
  });

  it('leaves base64 of random bytes alone', () => {
    expect(decoyReason('k1zPZM6uVxMQ3oxqgoYlNuJPyRTZ1vREs76zTQE3eJk=', '')).toBeUndefined();
    expect(decodedText('k1zPZM6uVxMQ3oxqgoYlNuJPyRTZ1vREs76zTQE3eJk=')).toBeUndefined();
  });
});

describe('example and template files', () => {
  it.each([
    '.env.example',
    'config/settings.sample.yml',
    'deploy/values.template.yaml',
    'app/settings.py.dist',
    'examples/client.py',
  ])('generic values in %s are placeholders', (path) => {
    expect(genericDecoyReason('q8Hf2LmZ0vTn4RxW9bKc1sYe', 'client_secret', path)).toBe('example-file');
  });

  it('does not mistake ordinary names for templates', () => {
    for (const path of ['src/distance.ts', 'lib/sampler.py', 'config/production.env']) {
      expect(genericDecoyReason('q8Hf2LmZ0vTn4RxW9bKc1sYe', 'client_secret', path)).toBeUndefined();
    }
  });
});
