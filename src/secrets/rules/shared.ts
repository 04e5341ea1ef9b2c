import type { Allowlist } from '../rule.js';

/** Passwords that documentation and local setups use as placeholders; shared by the rules for credentials in URLs. */
export const PLACEHOLDER_PASSWORDS: Allowlist = {
  description: 'placeholder or default passwords from documentation and local development setups',
  regexes: [
    /^(?:p[a@4]ss(?:w[o0]rd)?\d{0,4}|passwd|pwd|secret|changeme|change_me|root|admin|administrator|postgres|mysql|mongo|redis|rabbitmq|guest|user(?:name)?|test|demo|dev|default|example|foo|bar|foobar|qwerty|letmein|12345678?|your[_-]?password|my[_-]?password|db[_-]?password|x+|\*+)$/i,
  ],
};
