import type { SecretRule } from '../rule.js';

/** Built-in secret rules: source-code hosts (GitHub, GitLab, Bitbucket, Gitea, Azure DevOps). */
export const sourceHostsRules: SecretRule[] = [
  {
    id: 'github-pat',
    title: 'GitHub personal access token (classic)',
    severity: 'high',
    description:
      'A classic GitHub personal access token. It acts as the user on every repository and organization the user can reach, within the token scopes (often full repo and workflow access).',
    remediation:
      'Revoke or rotate the credential immediately (GitHub > Settings > Developer settings > Personal access tokens > delete; organization owners can also revoke via the credential revocation API), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/about-authentication-to-github#githubs-token-formats',
    ],
    keywords: ['ghp_'],
    pattern: /(?<![A-Za-z0-9_+/-])ghp_[A-Za-z0-9]{36,255}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['source-host', 'github'],
    samples: {
      positive: [
        'export GITHUB_TOKEN=ghp_gfFXkOxQWG8Z9bm7S5RZdCXA0pxxtA70plg8',
        '    token: "ghp_zpGQFXKdIO7d8nDb3b7h19qK4TRnz9eoWr04"',
      ],
      negative: ['export GITHUB_TOKEN=ghp_kYrXu3ch', 'const x = "myghp_2Gb9cmwAvZW5uUWcVKXYuvSJGjDi02RvGoi0";'],
    },
  },
  {
    id: 'github-oauth-token',
    title: 'GitHub OAuth access token',
    severity: 'high',
    description:
      'A GitHub OAuth app user access token. It acts as the authorizing user with the scopes granted to the OAuth app.',
    remediation:
      'Revoke or rotate the credential immediately (GitHub > Settings > Developer settings > Personal access tokens > delete; organization owners can also revoke via the credential revocation API), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/about-authentication-to-github#githubs-token-formats',
    ],
    keywords: ['gho_'],
    pattern: /(?<![A-Za-z0-9_+/-])gho_[A-Za-z0-9]{36,255}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['source-host', 'github'],
    samples: {
      positive: [
        'export GITHUB_TOKEN=gho_OB45fQaT4Ml7MDe23Dr3DrCwwoIKQBd6vu6k',
        '    token: "gho_nov1bIWOb4nenk3UEOfBKkAAXBKqg9YpNbwC"',
      ],
      negative: ['export GITHUB_TOKEN=gho_ChPla3VL', 'const x = "mygho_5OPMWdzT1vnsuVq0Pf1f41rXxjduzq3NAXui";'],
    },
  },
  {
    id: 'github-user-to-server-token',
    title: 'GitHub App user access token',
    severity: 'high',
    description:
      "A GitHub App user-to-server token. It acts on behalf of a user with the intersection of the user's and the app's permissions.",
    remediation:
      'Revoke or rotate the credential immediately (GitHub > Settings > Developer settings > Personal access tokens > delete; organization owners can also revoke via the credential revocation API), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/about-authentication-to-github#githubs-token-formats',
    ],
    keywords: ['ghu_'],
    pattern: /(?<![A-Za-z0-9_+/-])ghu_[A-Za-z0-9]{36,255}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['source-host', 'github'],
    samples: {
      positive: [
        'export GITHUB_TOKEN=ghu_aTsiKWQpgfq34gFN2LHxcFpx41b6LlruCWlm',
        '    token: "ghu_pD7fMsw9fMGcKjbPhPryhchvUMrqYLVZcfKe"',
      ],
      negative: ['export GITHUB_TOKEN=ghu_zeAlN7oZ', 'const x = "myghu_DloMWJOrHev7t1EHp6xZPaaWFV4HWmKj9kYZ";'],
    },
  },
  {
    id: 'github-app-installation-token',
    title: 'GitHub App installation token',
    severity: 'medium',
    description:
      "A GitHub App server-to-server (installation) token, also used as GITHUB_TOKEN in Actions. Valid for up to an hour with the app installation's permissions.",
    remediation:
      'Revoke or rotate the credential immediately (GitHub > Settings > Developer settings > Personal access tokens > delete; organization owners can also revoke via the credential revocation API), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/about-authentication-to-github#githubs-token-formats',
    ],
    keywords: ['ghs_'],
    pattern: /(?<![A-Za-z0-9_+/-])ghs_[A-Za-z0-9]{36,255}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['source-host', 'github'],
    samples: {
      positive: [
        'export GITHUB_TOKEN=ghs_zQilQ6BO5krvlvvRvQCanutVN3zpkoe6k2f9',
        '    token: "ghs_TBv47LGXGbCdJYhypMrhKWpFCfmuM8hFGFR2"',
      ],
      negative: ['export GITHUB_TOKEN=ghs_tXNr8zZv', 'const x = "myghs_04IykMTFfuo7NR3Nc8nJDRnhUhiSfb25mSYa";'],
    },
  },
  {
    id: 'github-refresh-token',
    title: 'GitHub refresh token',
    severity: 'high',
    description:
      'A GitHub App refresh token. It mints new user access tokens for the app until it expires or is revoked.',
    remediation:
      'Revoke or rotate the credential immediately (GitHub > Settings > Developer settings > Personal access tokens > delete; organization owners can also revoke via the credential revocation API), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/about-authentication-to-github#githubs-token-formats',
    ],
    keywords: ['ghr_'],
    pattern: /(?<![A-Za-z0-9_+/-])ghr_[A-Za-z0-9]{36,255}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['source-host', 'github'],
    samples: {
      positive: [
        'GITHUB_REFRESH_TOKEN=ghr_Ope1babTkEyhsBKBowQqnPztUFULnxdUFXV4zWaCOHwFF3ryGtZ6vJxnlGHbjSnDdtMpsuPyzYod',
        '  "refresh_token": "ghr_18Sft1XQMNJfnGZPZI32qh70mkYaYKKSTPUx",',
      ],
      negative: ['export GITHUB_TOKEN=ghr_0I2Q67Xs', 'const x = "myghr_pAqnjSSxcnhx3MdsOHPkbdWvEveZ9yxEuKXV";'],
    },
  },
  {
    id: 'github-fine-grained-pat',
    title: 'GitHub fine-grained personal access token',
    severity: 'high',
    description:
      'A fine-grained GitHub personal access token (github_pat_...). It acts as the user on the selected repositories with the selected permissions.',
    remediation:
      'Revoke or rotate the credential immediately (GitHub > Settings > Developer settings > Personal access tokens > delete; organization owners can also revoke via the credential revocation API), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens',
    ],
    keywords: ['github_pat_'],
    pattern: /(?<![A-Za-z0-9_+/-])github_pat_[A-Za-z0-9_]{60,255}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['source-host', 'github'],
    samples: {
      positive: [
        'GH_TOKEN=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',
        '  "token": "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"',
      ],
      negative: [
        'GH_TOKEN=github_pat_J27c',
        'GH_TOKEN=github_pat_${TOKEN}',
        'url = "https://github.com/settings/tokens/github_pat_At7Qnf5EiVOBW9JV0ggMFx"',
      ],
    },
  },
  {
    id: 'gitlab-pat',
    title: 'GitLab personal, project or group access token',
    severity: 'high',
    description:
      'A GitLab personal, project or group access token (glpat-). It calls the API and Git over HTTPS as its user or bot with the token scopes.',
    remediation:
      'Revoke or rotate the credential immediately (GitLab > User settings (or project/group settings) > Access tokens > Revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://docs.gitlab.com/security/tokens/',
      'https://docs.gitlab.com/security/responding_to_security_incidents/',
    ],
    keywords: ['glpat-'],
    pattern:
      /(?<![A-Za-z0-9_+/-])glpat-(?:[A-Za-z0-9_-]{20,300}\.[0-9a-z]{2}\.[a-z0-9]{9}|[A-Za-z0-9_-]{20,300})(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['source-host', 'gitlab'],
    samples: {
      positive: [
        'GITLAB_TOKEN=glpat-7InrJOX2ssrdmqKnuHmE',
        '  token: "glpat-L0hGQ4KhnXR61KdVMpL0BMy2al9.01.mzsflbzlw"',
      ],
      negative: ['GITLAB_TOKEN=glpat-ieeevM', 'GITLAB_TOKEN_PREFIX="glpat-"'],
    },
  },
  {
    id: 'gitlab-deploy-token',
    title: 'GitLab deploy token',
    severity: 'high',
    description:
      'A GitLab deploy token (gldt-). It can clone the repository and read or write its package and container registries.',
    remediation:
      'Revoke or rotate the credential immediately (GitLab > project/group Settings > Repository > Deploy tokens > Revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://docs.gitlab.com/security/tokens/',
      'https://docs.gitlab.com/security/responding_to_security_incidents/',
    ],
    keywords: ['gldt-'],
    pattern:
      /(?<![A-Za-z0-9_+/-])gldt-(?:[A-Za-z0-9_-]{20,300}\.[0-9a-z]{2}\.[a-z0-9]{9}|[A-Za-z0-9_-]{20,300})(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['source-host', 'gitlab'],
    samples: {
      positive: ['GITLAB_TOKEN=gldt-y7YZBWOUb_pdLc4TiP5H', '  token: "gldt-o4TOtTe8HrKjKhAdAnAHDMKEhHi.01.p5rypduvl"'],
      negative: ['GITLAB_TOKEN=gldt-FZvIrN', 'GITLAB_TOKEN_PREFIX="gldt-"'],
    },
  },
  {
    id: 'gitlab-runner-token',
    title: 'GitLab runner authentication token',
    severity: 'high',
    description:
      'A GitLab runner authentication token (glrt-). It lets a machine register as the runner and receive CI jobs together with their variables and secrets.',
    remediation:
      'Revoke or rotate the credential immediately (GitLab > Settings > CI/CD > Runners > reset the runner token or delete the runner), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://docs.gitlab.com/security/tokens/',
      'https://docs.gitlab.com/security/responding_to_security_incidents/',
    ],
    keywords: ['glrt-'],
    pattern:
      /(?<![A-Za-z0-9_+/-])glrt-(?:[A-Za-z0-9_-]{20,300}\.[0-9a-z]{2}\.[a-z0-9]{9}|[A-Za-z0-9_-]{20,300})(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['source-host', 'gitlab'],
    samples: {
      positive: ['GITLAB_TOKEN=glrt-qo8Kt6KADmnPAc112ZiX', '  token: "glrt-f60QbTxnFP0KSljeNf0o8TBuvjb.01.11ay61d1m"'],
      negative: ['GITLAB_TOKEN=glrt-uj9j-h', 'GITLAB_TOKEN_PREFIX="glrt-"'],
    },
  },
  {
    id: 'gitlab-pipeline-trigger-token',
    title: 'GitLab pipeline trigger token',
    severity: 'medium',
    description:
      'A GitLab pipeline trigger token (glptt-). It triggers pipelines for a project, with control over variables passed to the pipeline.',
    remediation:
      'Revoke or rotate the credential immediately (GitLab > project Settings > CI/CD > Pipeline trigger tokens > Revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://docs.gitlab.com/security/tokens/',
      'https://docs.gitlab.com/security/responding_to_security_incidents/',
    ],
    keywords: ['glptt-'],
    pattern:
      /(?<![A-Za-z0-9_+/-])glptt-(?:[A-Za-z0-9_-]{20,300}\.[0-9a-z]{2}\.[a-z0-9]{9}|[A-Za-z0-9_-]{20,300})(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['source-host', 'gitlab'],
    samples: {
      positive: [
        'GITLAB_TOKEN=glptt-7Op-1uoE67H-RLpiSkEO',
        '  token: "glptt-mLfAvS0K7B7QXFDCtDEM6T7uvll.01.36w8klllm"',
      ],
      negative: ['GITLAB_TOKEN=glptt-b20jBj', 'GITLAB_TOKEN_PREFIX="glptt-"'],
    },
  },
  {
    id: 'gitlab-runner-registration-token',
    title: 'GitLab runner registration token',
    severity: 'medium',
    description:
      'A legacy GitLab runner registration token (GR1348941...). It lets anyone register new runners to the project or group and receive its CI jobs.',
    remediation:
      'Revoke or rotate the credential immediately (GitLab > Settings > CI/CD > Runners > reset the registration token), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does. Migrate to runner authentication tokens (glrt-).',
    references: [
      'https://docs.gitlab.com/security/tokens/',
      'https://docs.gitlab.com/security/responding_to_security_incidents/',
    ],
    keywords: ['gr1348941'],
    pattern: /(?<![A-Za-z0-9_+/-])GR1348941[A-Za-z0-9_-]{20}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['source-host', 'gitlab'],
    samples: {
      positive: [
        'gitlab-runner register --registration-token GR1348941Uk43DnlQfEFpMv81D98N',
        'REGISTRATION_TOKEN=GR1348941DpthVR0hzvq47a8dVZmN',
      ],
      negative: ['REGISTRATION_TOKEN=GR1348941wEKX', 'REGISTRATION_TOKEN=GR1348941'],
    },
  },
  {
    id: 'gitlab-scim-token',
    title: 'GitLab SCIM OAuth token',
    severity: 'high',
    description: 'A GitLab SCIM token (glsoat-). It provisions and deprovisions group members through the SCIM API.',
    remediation:
      'Revoke or rotate the credential immediately (GitLab > group Settings > SAML SSO > reset the SCIM token), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://docs.gitlab.com/security/tokens/',
      'https://docs.gitlab.com/security/responding_to_security_incidents/',
    ],
    keywords: ['glsoat-'],
    pattern:
      /(?<![A-Za-z0-9_+/-])glsoat-(?:[A-Za-z0-9_-]{20,300}\.[0-9a-z]{2}\.[a-z0-9]{9}|[A-Za-z0-9_-]{20,300})(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['source-host', 'gitlab'],
    samples: {
      positive: [
        'GITLAB_TOKEN=glsoat-ZsYUBloXWzDLwtyMV-1i',
        '  token: "glsoat-oCs1JO14x4xnmnn5S2bLw4PHaEl.01.gemv6w6nr"',
      ],
      negative: ['GITLAB_TOKEN=glsoat-pF8ytI', 'GITLAB_TOKEN_PREFIX="glsoat-"'],
    },
  },
  {
    id: 'gitlab-oauth-app-secret',
    title: 'GitLab OAuth application secret',
    severity: 'high',
    description:
      'A GitLab OAuth application secret (gloas-). It authenticates the application in OAuth flows and lets an attacker impersonate it.',
    remediation:
      'Revoke or rotate the credential immediately (GitLab > Applications > the application > Renew secret), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://docs.gitlab.com/security/tokens/',
      'https://docs.gitlab.com/security/responding_to_security_incidents/',
    ],
    keywords: ['gloas-'],
    pattern:
      /(?<![A-Za-z0-9_+/-])gloas-(?:[A-Za-z0-9_-]{64,300}\.[0-9a-z]{2}\.[a-z0-9]{9}|[A-Za-z0-9_-]{64,300})(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['source-host', 'gitlab'],
    samples: {
      positive: [
        'GITLAB_TOKEN=gloas-k6oX1l-GlQCsP0PFBOZXWxUOZAN-ZVvAr7qOWDSxXonrfRK2d71k8fqTHdWNRsD_',
        '  token: "gloas-Cj1oYZw2Hq9vQcx3JCCJ7wx7ee2mSXumkfdxsJbQifql2eulw5Z5h3EpHF7AtXIU.01.bh93qy9rm"',
      ],
      negative: ['GITLAB_TOKEN=gloas-1ZSGJF', 'GITLAB_TOKEN_PREFIX="gloas-"'],
    },
  },
  {
    id: 'gitlab-feed-token',
    title: 'GitLab feed token',
    severity: 'low',
    description:
      "A GitLab feed token (glft-). It reads the user's RSS/Atom and calendar feeds, which can include private issue titles.",
    remediation:
      'Revoke or rotate the credential immediately (GitLab > User settings > Access tokens > Reset feed token), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://docs.gitlab.com/security/tokens/',
      'https://docs.gitlab.com/security/responding_to_security_incidents/',
    ],
    keywords: ['glft-'],
    pattern:
      /(?<![A-Za-z0-9_+/-])glft-(?:[A-Za-z0-9_-]{20,300}\.[0-9a-z]{2}\.[a-z0-9]{9}|[A-Za-z0-9_-]{20,300})(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['source-host', 'gitlab'],
    samples: {
      positive: ['GITLAB_TOKEN=glft-xnsxad1J6wcSa5UK2HOw', '  token: "glft-OTFovB6ShffkyF9NV33aBJJEYrj.01.wsj0azzcx"'],
      negative: ['GITLAB_TOKEN=glft-EAW480', 'GITLAB_TOKEN_PREFIX="glft-"'],
    },
  },
  {
    id: 'gitlab-incoming-mail-token',
    title: 'GitLab incoming e-mail token',
    severity: 'low',
    description:
      'A GitLab incoming e-mail token (glimt-). It lets someone create issues and merge requests by e-mail as the user.',
    remediation:
      'Revoke or rotate the credential immediately (GitLab > User settings > Access tokens > Reset incoming e-mail token), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://docs.gitlab.com/security/tokens/',
      'https://docs.gitlab.com/security/responding_to_security_incidents/',
    ],
    keywords: ['glimt-'],
    pattern:
      /(?<![A-Za-z0-9_+/-])glimt-(?:[A-Za-z0-9_-]{25,300}\.[0-9a-z]{2}\.[a-z0-9]{9}|[A-Za-z0-9_-]{25,300})(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['source-host', 'gitlab'],
    samples: {
      positive: [
        'GITLAB_TOKEN=glimt--hhRY792t-cOq09yoGxvzsCEy',
        '  token: "glimt-dax2REye7jYGQzCHpLsiCD5ltzm.01.qtuv3ompj"',
      ],
      negative: ['GITLAB_TOKEN=glimt-ETjtua', 'GITLAB_TOKEN_PREFIX="glimt-"'],
    },
  },
  {
    id: 'gitlab-agent-token',
    title: 'GitLab agent for Kubernetes token',
    severity: 'high',
    description:
      'A GitLab agent for Kubernetes token (glagent-). It lets a cluster agent connect to GitLab as the registered agent; a stolen token can impersonate it.',
    remediation:
      'Revoke or rotate the credential immediately (GitLab > project > Operate > Kubernetes clusters > the agent > revoke the token), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://docs.gitlab.com/security/tokens/',
      'https://docs.gitlab.com/security/responding_to_security_incidents/',
    ],
    keywords: ['glagent-'],
    pattern:
      /(?<![A-Za-z0-9_+/-])glagent-(?:[A-Za-z0-9_-]{50,300}\.[0-9a-z]{2}\.[a-z0-9]{9}|[A-Za-z0-9_-]{50,300})(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['source-host', 'gitlab'],
    samples: {
      positive: [
        'GITLAB_TOKEN=glagent-5AHoLg5RGw2mu-o9z9kZywI9yTz6RyhZviaI4IvZYFd5OXvl_x',
        '  token: "glagent-4avM6Aa14YrwKVe1nb1qd3WAok1ExoR1XPcLSUkPLrWeaS1Sty.01.swr2s48k0"',
      ],
      negative: ['GITLAB_TOKEN=glagent-SlKGb1', 'GITLAB_TOKEN_PREFIX="glagent-"'],
    },
  },
  {
    id: 'gitlab-ci-job-token',
    title: 'GitLab CI job token',
    severity: 'medium',
    description: "A GitLab CI/CD job token (glcbt-). Valid while the job runs and grants the job's project access.",
    remediation:
      'Revoke or rotate the credential immediately (cancel the job that issued it; the token expires when the job finishes), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://docs.gitlab.com/security/tokens/',
      'https://docs.gitlab.com/security/responding_to_security_incidents/',
    ],
    keywords: ['glcbt-'],
    pattern:
      /(?<![A-Za-z0-9_+/-])glcbt-(?:[A-Za-z0-9_-]{20,300}\.[0-9a-z]{2}\.[a-z0-9]{9}|[A-Za-z0-9_-]{20,300})(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['source-host', 'gitlab'],
    samples: {
      positive: [
        'GITLAB_TOKEN=glcbt-Nlb204Zs5e3C4XLweMut',
        '  token: "glcbt-RNma4hdF2jbjiLyOBor5Uq6QIeO.01.e6nkms756"',
      ],
      negative: ['GITLAB_TOKEN=glcbt-_iSfol', 'GITLAB_TOKEN_PREFIX="glcbt-"'],
    },
  },
  {
    id: 'gitlab-feature-flags-client-token',
    title: 'GitLab feature flags client token',
    severity: 'low',
    description: "A GitLab feature flags client token (glffct-). It reads the project's feature flag configuration.",
    remediation:
      'Revoke or rotate the credential immediately (GitLab > project > Deploy > Feature flags > Configure > reset the instance ID token), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://docs.gitlab.com/security/tokens/',
      'https://docs.gitlab.com/security/responding_to_security_incidents/',
    ],
    keywords: ['glffct-'],
    pattern:
      /(?<![A-Za-z0-9_+/-])glffct-(?:[A-Za-z0-9_-]{20,300}\.[0-9a-z]{2}\.[a-z0-9]{9}|[A-Za-z0-9_-]{20,300})(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['source-host', 'gitlab'],
    samples: {
      positive: [
        'GITLAB_TOKEN=glffct-zywYG8F6zynIdouLGVge',
        '  token: "glffct-AynW7Daqo2aNch04tIQIAaq6YeV.01.iqvuiaers"',
      ],
      negative: ['GITLAB_TOKEN=glffct-eWmsMv', 'GITLAB_TOKEN_PREFIX="glffct-"'],
    },
  },
  {
    id: 'bitbucket-app-password',
    title: 'Bitbucket app password',
    severity: 'high',
    description:
      'A Bitbucket Cloud app password (ATBB...). With the username it accesses repositories, pull requests and pipelines within its permissions.',
    remediation:
      'Revoke or rotate the credential immediately (Bitbucket > Personal settings > App passwords > Revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does. Migrate to scoped API tokens.',
    references: [
      'https://support.atlassian.com/bitbucket-cloud/docs/app-passwords/',
      'https://support.atlassian.com/bitbucket-cloud/docs/using-api-tokens/',
    ],
    keywords: ['atbb'],
    pattern: /(?<![A-Za-z0-9_+/-])ATBB[A-Za-z0-9_=.-]{28,60}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['source-host', 'bitbucket'],
    samples: {
      positive: [
        'BITBUCKET_APP_PASSWORD=ATBBSj8ElAoe8SipEmmfyoeg4ZpPtvs1B240135B',
        'git clone https://deploy-bot:ATBBjqI5Y5JVJTFMUxIDCCCanQ14DYdMFDqu@bitbucket.org/acme/payments.git',
      ],
      negative: ['BITBUCKET_APP_PASSWORD=$BITBUCKET_APP_PASSWORD', 'prefix ATBB identifies app passwords'],
    },
  },
  {
    id: 'bitbucket-access-token',
    title: 'Bitbucket repository/project/workspace access token',
    severity: 'high',
    description:
      'A Bitbucket Cloud repository, project or workspace access token (ATCTT...). It accesses the repositories of its scope with its permissions.',
    remediation:
      'Revoke or rotate the credential immediately (Bitbucket > repository/project/workspace settings > Access tokens > Revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://support.atlassian.com/bitbucket-cloud/docs/repository-access-tokens/'],
    keywords: ['atctt3'],
    pattern: /(?<![A-Za-z0-9_+/-])ATCTT3[A-Za-z0-9_=-]{120,300}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['source-host', 'bitbucket'],
    samples: {
      positive: [
        'BITBUCKET_TOKEN=ATCTT3xFfGN0G8WHpI0Bt3iVAZI0Flpt0u2E4ZXx6fbFXDkBuB7dSUgUHUpxxlBRWVbqfsHP-ZITqwbuHAkg0j7HwLkp8if4wA44fsdblVs9qASy-n2LnYLtAN-AdsOs_01LcZyHie4lQH-KUQ5q3nSo0ilNMKeFUhtF3X8nRQzb5DopxMgXse=E3496B31',
        '  "access_token": "ATCTT3xFfGN0QwxHuwoJRcfNzaPOHisJHkPEfvt_NhTtw0NuzmghbW_wIOZ-wio-b32ZsJYIFDR_IWgSjYiypah7Y7TuZ34uxeWS3gDMNp6OucSN3AK95AhFAp4I-7XvgrNtUY7blz10vISl3dezOlTVsKcrr5DV9bFrxL-wMyfx=38955769",',
      ],
      negative: ['BITBUCKET_TOKEN=ATCTT3xF', 'BITBUCKET_TOKEN=ATCTT3'],
    },
  },
  {
    id: 'gitea-access-token',
    title: 'Gitea / Forgejo access token',
    severity: 'high',
    description:
      'A Gitea, Forgejo or Codeberg access token assigned to a matching variable. It calls the API and Git over HTTPS as the user within the token scopes.',
    remediation:
      'Revoke or rotate the credential immediately (Gitea > Settings > Applications > Access tokens > Delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.gitea.com/development/api-usage'],
    keywords: ['gitea', 'forgejo', 'codeberg'],
    pattern:
      /(?:gitea|forgejo|codeberg)[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[a-f0-9]{40})(?![a-f0-9])(?!\.\.\.|[*…])/i,
    entropy: 3,
    tags: ['source-host', 'gitea'],
    samples: {
      positive: [
        'GITEA_TOKEN=40026aa1163236eaecdf2a4a004950746c0eaa24',
        'forgejo_access_token: "fcc453c293972a9d713cf851b9471b48f5bfc715"',
      ],
      negative: ['GITEA_TOKEN=${{ secrets.GITEA_TOKEN }}', 'GITEA_COMMIT_SHA=9507713c8ec75e7f4fd101078058305026b1ed44'],
    },
  },
  {
    id: 'azure-devops-pat',
    title: 'Azure DevOps personal access token',
    severity: 'high',
    description:
      'An 84-character Azure DevOps personal access token with the AZDO signature. It accesses repositories, pipelines, artifacts and boards of the organization with the token scopes.',
    remediation:
      'Revoke or rotate the credential immediately (Azure DevOps > User settings > Personal access tokens > Revoke; organization admins can revoke any PAT), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://learn.microsoft.com/en-us/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate',
    ],
    keywords: ['azdo'],
    pattern: /(?<![A-Za-z0-9_+/-])[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}(?![A-Za-z0-9_-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['source-host', 'azure-devops'],
    samples: {
      positive: [
        'AZURE_DEVOPS_EXT_PAT=TQHrwhwdzH20HfETwKxkBwRMlZgIA5XiWT15i8JIssNjJnvSxi08JQQJ99JGYPgiGdeUzx3q4W9wAZDOqeUS',
        '  pat: "xkIf6hznCm1RCOLPRIEHRc3CbuRyqxXrbV99nqzOkcmQe8aB8tVQJQQJ99qkOWH2pZx0k8RFcP8RAZDOAfn0"',
      ],
      negative: [
        'AZURE_DEVOPS_EXT_PAT=jRL1CmLUDmnSD7ogr4B4IKHxjOUUHV2VCZZqPhFSC5CmFupWieEqENfYzLuEAZDOu3V1',
        'id = "t4UIGPMVwLvKmXQoHkhoGaqwZmoLTeGDMF9y8tzJYEq0tpjO8kp0VP0nD5Fo262OX2P0Dz82cXLNiveaAZDOlh4q"',
      ],
    },
  },
  {
    id: 'azure-devops-pat-legacy',
    title: 'Azure DevOps personal access token (legacy format)',
    severity: 'high',
    description:
      'A 52-character legacy Azure DevOps personal access token assigned to an Azure DevOps-named variable. It accesses the organization with the token scopes.',
    remediation:
      'Revoke or rotate the credential immediately (Azure DevOps > User settings > Personal access tokens > Revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://learn.microsoft.com/en-us/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate',
    ],
    keywords: ['ado', 'azdo', 'vsts', 'devops'],
    pattern:
      /(?<![a-z])(?:ado|azdo|vsts|azure_?devops|azure-devops|devops)[\w.-]{0,20}(?:pat|token)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[a-z2-7]{52})(?![A-Za-z0-9])(?!\.\.\.|[*…])/i,
    entropy: 3.5,
    tags: ['source-host', 'azure-devops'],
    samples: {
      positive: [
        'AZURE_DEVOPS_PAT=cm5irnjtocxoljvl67domdgdfkd22anad3dlwoitpfk76bidtpuq',
        'ado_token: "7jpcfhzgervcpxhhol2hk754jdiecb6qyf5wbyieqtrzsurnersh"',
      ],
      negative: ['AZURE_DEVOPS_PAT=$(System.AccessToken)', 'AZURE_DEVOPS_PAT=lls6jxfuc4dux5rxdolvrso34a7i724pmm3ny2au'],
    },
  },
];
