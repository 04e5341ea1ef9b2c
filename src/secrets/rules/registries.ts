import type { SecretRule } from '../rule.js';

/** Built-in secret rules: package registries, CI/CD and infrastructure tooling (npm, PyPI, RubyGems, NuGet, Docker Hub, Terraform Cloud, Vault, …). */
export const registriesRules: SecretRule[] = [
  {
    id: 'npm-access-token',
    title: 'npm access token',
    severity: 'critical',
    description:
      'An npm access token (npm_...). Publish-capable tokens let an attacker push malicious versions of every package the account maintains - a supply-chain compromise.',
    remediation:
      'Revoke or rotate the credential immediately (npmjs.com > Access Tokens > Delete, or `npm token revoke <id>`), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does. Prefer trusted publishing (OIDC) from CI over long-lived publish tokens.',
    references: ['https://docs.npmjs.com/about-access-tokens', 'https://docs.npmjs.com/revoking-access-tokens'],
    keywords: ['npm_'],
    pattern: /(?<![A-Za-z0-9_+/-])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['registry', 'npm'],
    samples: {
      positive: [
        '//registry.npmjs.org/:_authToken=npm_wMNVEYLSjN9yTKI9HweqOI9iMfWphD0m7MLs',
        'NPM_TOKEN=npm_8ClhwlVuZgSM45DxSUunwHJIoFr9f5SRO2E2',
      ],
      negative: ['NPM_TOKEN=npm_cnc2SE19', '//registry.npmjs.org/:_authToken=${NPM_TOKEN}'],
    },
  },
  {
    id: 'npmrc-auth-token',
    title: 'Registry auth token in .npmrc / .yarnrc',
    severity: 'high',
    description:
      'An _authToken / npmAuthToken value in an npm or Yarn configuration that is not a recognised prefixed token (legacy npm UUID tokens, Artifactory, Nexus, Verdaccio or other private registries). It publishes or reads packages as the token owner.',
    remediation:
      'Revoke or rotate the credential immediately (revoke the token in the registry that issued it), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does. Reference it from the environment instead: _authToken=${NPM_TOKEN}.',
    references: [
      'https://docs.npmjs.com/cli/v10/configuring-npm/npmrc#auth-related-configuration',
      'https://yarnpkg.com/configuration/yarnrc#npmAuthToken',
    ],
    keywords: ['_authtoken', 'npmauthtoken'],
    pattern:
      /(?:_authToken|npmAuthToken)["'`]?[ \t]{0,3}[=:][ \t]{0,3}["'`]?(?!npm_|gh[pousr]_|github_pat_|glpat-|\$)(?<secret>[A-Za-z0-9_.+/=-]{20,500})(?![A-Za-z0-9_.+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['registry', 'npm'],
    samples: {
      positive: [
        '//registry.npmjs.org/:_authToken=d31e5f8e-1915-4977-a4ec-8370e69f6611',
        '  npmAuthToken: "mNq2D4cQuY1djmI9NC8QErjyUnc1DJES5LWhE3iludlvFl1d5QaGi7+2DiqhiE+k="',
        '//artifacts.acme.io/api/npm/npm-virtual/:_authToken=bhZ3KSb-sp6-TaMPDcH3ELiIhKpNn7AcLW5DWTb-pMAmI8RXc1gVTS88Rv9U3rVe',
      ],
      negative: ['//registry.npmjs.org/:_authToken=${NPM_TOKEN}', '//registry.npmjs.org/:always-auth=true'],
    },
  },
  {
    id: 'npmrc-auth-basic',
    title: 'Registry basic-auth credential in .npmrc',
    severity: 'high',
    description:
      'An `_auth` (base64 user:password) or `_password` (base64 password) entry in an .npmrc file. It authenticates to the package registry as that user.',
    remediation:
      'Revoke or rotate the credential immediately (change the password or revoke the credential in the registry), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does. Use a scoped token from the environment instead.',
    references: ['https://docs.npmjs.com/cli/v10/configuring-npm/npmrc#auth-related-configuration'],
    keywords: ['_auth', '_password'],
    pattern:
      /(?:^[ \t]{0,4}|:)_(?:auth|password)[ \t]{0,3}=[ \t]{0,3}["'`]?(?<secret>[A-Za-z0-9+/]{12,500}={0,2})(?![A-Za-z0-9+/=_-])(?!\.\.\.|[*…])/m,
    entropy: 3.3,
    tags: ['registry', 'npm'],
    samples: {
      positive: [
        '_auth=Y2ktcHVibGlzaGVyOjlPekZTOFFoazNTUW5ySlVySg==',
        '//nexus.acme.io/repository/npm-private/:_password=cFRtdGhGbUo3OFI4SmR3dlhkQ0Q=',
      ],
      negative: ['_auth=${NPM_AUTH}', 'always-auth=true', '        self._password = self._load_password()'],
    },
  },
  {
    id: 'pypi-upload-token',
    title: 'PyPI API token',
    severity: 'critical',
    description:
      "A PyPI (or TestPyPI) API token (pypi-AgEIcHlwaS5vcmc...). It uploads new releases of the account's or project's packages - a supply-chain compromise.",
    remediation:
      'Revoke or rotate the credential immediately (pypi.org > Account settings > API tokens > Remove), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does. Prefer PyPI trusted publishing (OIDC) from CI.',
    references: ['https://pypi.org/help/#apitoken', 'https://docs.pypi.org/trusted-publishers/'],
    keywords: ['pypi-'],
    pattern:
      /(?:(?<![A-Za-z0-9_+/-])(?=pypi-AgE)|(?<![a-z])(?:pypi|twine)[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?=pypi-))(?<secret>pypi-[A-Za-z0-9_-]{50,300})(?![A-Za-z0-9_-])(?!\.\.\.|[*…])/i,
    entropy: 4,
    tags: ['registry', 'pypi'],
    samples: {
      positive: [
        'TWINE_PASSWORD=pypi-AgEIcHlwaS5vcmc6njgDBe9X_dE9PFPo3MacdSchOkBENOPIBv2hGx6u-fYRFS5KQiwS1FDggaj0gksUJ40IzOz7kH3Aartw6xxVt55reStM9nLNPaIO4MQvqpq3r0ZOWGTaLLuE_B8T57ADkpBi0Zs340bf8dxY6vOwl',
        'password = pypi-AgEIcHlwaS5vcmcCJT6nHnRpTKzjDCCj_5UBOE6WRelzCfO1ymgYPTNFNZljtUn976tVv67xSUKqvGgY8FMLa0GiTKF7Ns461zo5CZW9EKDD4atvi5Fd90gCoPrX9BZ7Et6ewYNsKIk-sN83xAcmkMPzzrzh6JFpZUk--DPnnEDmhguZK',
        'PYPI_API_TOKEN=pypi-G5KCsAYWvOQXy589M5yZX1UadkQDvWx6gLkjUWWsEi-RwX-2gmzb4Ydv5OT3kvt-mWttLZoKCECjo_fv5vJarFifCl5v906q2mWy-J9xPf7ymcR87L2AJW3H',
      ],
      negative: ['TWINE_PASSWORD=${{ secrets.PYPI_API_TOKEN }}', 'TWINE_USERNAME=__token__'],
    },
  },
  {
    id: 'rubygems-api-key',
    title: 'RubyGems API key',
    severity: 'critical',
    description:
      'A RubyGems.org API key (rubygems_...). Depending on its scopes it pushes and yanks gem versions - a supply-chain compromise.',
    remediation:
      'Revoke or rotate the credential immediately (rubygems.org > Settings > API keys > Delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://guides.rubygems.org/api-key-scopes/'],
    keywords: ['rubygems_'],
    pattern: /(?<![A-Za-z0-9_+/-])rubygems_[a-f0-9]{48}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3,
    tags: ['registry', 'rubygems'],
    samples: {
      positive: [
        'GEM_HOST_API_KEY=rubygems_87472c3c715119a3cfcd5949b016b143085d9d97022572fb',
        ':rubygems_api_key: rubygems_9bbce47a45e3952256bfb6fd2348a3718a31ee894296d0d4',
      ],
      negative: ['GEM_HOST_API_KEY=rubygems_9f42', 'gem "rubygems_mfa"'],
    },
  },
  {
    id: 'nuget-api-key',
    title: 'NuGet API key',
    severity: 'critical',
    description:
      'A nuget.org API key (oy2...). It pushes or unlists package versions matching its glob patterns - a supply-chain compromise.',
    remediation:
      'Revoke or rotate the credential immediately (nuget.org > API Keys > Delete or Regenerate), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://learn.microsoft.com/en-us/nuget/nuget-org/scoped-api-keys'],
    keywords: ['oy2'],
    pattern: /(?<![A-Za-z0-9_+/-])oy2[a-z0-9]{43}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['registry', 'nuget'],
    samples: {
      positive: [
        'dotnet nuget push bin/Release/*.nupkg --api-key oy2v21n8o9ihdwyov39y7wi2d74acn2vxwpv8g323uf4bc --source https://api.nuget.org/v3/index.json',
        'NUGET_API_KEY=oy2phajvyjg2yr6uytymgm4n8pqltyzsmddfhc51unnjmd',
      ],
      negative: ['NUGET_API_KEY=oy2iul3ut2t', 'hash = "xoy2f31gyc4gkguswnphyrlcw5c0u7joral2nggwr6gfg48"'],
    },
  },
  {
    id: 'docker-hub-pat',
    title: 'Docker Hub personal access token',
    severity: 'high',
    description:
      "A Docker Hub personal access token (dckr_pat_...). It pushes and pulls images of the user's repositories - a stolen read/write token can replace published images.",
    remediation:
      'Revoke or rotate the credential immediately (Docker Hub > Account settings > Personal access tokens > Delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.docker.com/security/for-developers/access-tokens/'],
    keywords: ['dckr_pat_'],
    pattern: /(?<![A-Za-z0-9_+/-])dckr_pat_[A-Za-z0-9_-]{27,40}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['registry', 'docker'],
    samples: {
      positive: [
        'echo dckr_pat_4OiyJxdeQ_N0fPN41ipKKmUycbS | docker login -u acmebuild --password-stdin',
        'DOCKERHUB_TOKEN=dckr_pat_W0JesVI2Wz6Tgy2rUY3_XvRfUzL',
      ],
      negative: ['DOCKERHUB_TOKEN=dckr_pat_DPk7', 'DOCKERHUB_TOKEN=${{ secrets.DOCKERHUB_TOKEN }}'],
    },
  },
  {
    id: 'docker-hub-oat',
    title: 'Docker Hub organization access token',
    severity: 'high',
    description:
      'A Docker Hub organization access token (dckr_oat_...). It pushes and pulls the organization repositories it is scoped to.',
    remediation:
      'Revoke or rotate the credential immediately (Docker Hub > Organization settings > Access tokens > Delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.docker.com/security/for-admins/access-tokens/'],
    keywords: ['dckr_oat_'],
    pattern: /(?<![A-Za-z0-9_+/-])dckr_oat_[A-Za-z0-9_-]{27,40}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['registry', 'docker'],
    samples: {
      positive: [
        'DOCKER_ORG_TOKEN=dckr_oat_zG_Zuaa_FUoWM5NZ_vp_NLW3RpllzNwO',
        '  password: dckr_oat_Zb_X7J1azhzqJPgOI98TNXBklQj6Nd',
      ],
      negative: ['DOCKER_ORG_TOKEN=dckr_oat_TA7a', 'DOCKER_ORG_TOKEN=dckr_oat_'],
    },
  },
  {
    id: 'docker-config-auth',
    title: 'Registry credential in Docker config.json',
    severity: 'high',
    description:
      'A base64 user:password "auth" entry from a Docker config.json / .dockerconfigjson. It logs in to the container registry as that user.',
    remediation:
      'Revoke or rotate the credential immediately (change the registry password or revoke the token used as password), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does. Use a credential helper (credsStore) instead of inline auths.',
    references: ['https://docs.docker.com/reference/cli/docker/login/#credential-stores'],
    keywords: ['"auth"'],
    pattern: /"auth"[ \t]{0,3}:[ \t]{0,3}"(?<secret>[A-Za-z0-9+/]{16,600}={0,2})"(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['registry', 'docker'],
    samples: {
      positive: [
        '    "ghcr.io": { "auth": "YWNtZS1jaTp0ZHp2eHlZeVJBUnNMbWxDR0tUQjg2b0w=" },',
        '{"auths":{"registry.acme.io":{"auth":"ZGVwbG95ZXI6VmNNSUM4ejFuWG9aTUI3aHhZekNFQW0yTHJVSjlR"}}}',
      ],
      negative: ['    "https://index.docker.io/v1/": {},', '  "credsStore": "desktop",', '  "auth": "",'],
    },
  },
  {
    id: 'crates-io-api-token',
    title: 'crates.io API token',
    severity: 'critical',
    description:
      'A crates.io API token (cio...). It publishes and yanks crate versions within its scopes - a supply-chain compromise.',
    remediation:
      'Revoke or rotate the credential immediately (crates.io > Account settings > API Tokens > Revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does. Prefer crates.io trusted publishing from CI.',
    references: [
      'https://doc.rust-lang.org/cargo/reference/publishing.html#before-your-first-publish',
      'https://crates.io/settings/tokens',
    ],
    keywords: ['cio'],
    pattern: /(?<![A-Za-z0-9_+/-])cio[A-Za-z0-9]{32}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['registry', 'cargo'],
    samples: {
      positive: [
        'CARGO_REGISTRY_TOKEN=cioayJ4XXOqdEkitUcgNgq6DqLxcXxsPe7w',
        'token = "cioUhX2yoGELs9yiJTp3dP0p1hHoVgs1xJN"',
      ],
      negative: ['CARGO_REGISTRY_TOKEN=ciobEkI0raP', 'let audio = "cio";'],
    },
  },
  {
    id: 'jfrog-api-key',
    title: 'JFrog Artifactory API key',
    severity: 'high',
    description:
      'A JFrog Artifactory API key (AKCp...). It authenticates as the user to read and deploy artifacts in every repository the user can access.',
    remediation:
      'Revoke or rotate the credential immediately (JFrog Platform > Edit profile > API key > Revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does. Migrate to scoped access tokens.',
    references: ['https://jfrog.com/help/r/jfrog-platform-administration-documentation/api-key'],
    keywords: ['akcp'],
    pattern: /(?<![A-Za-z0-9_+/-])AKCp[A-Za-z0-9]{60,80}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['registry', 'jfrog'],
    samples: {
      positive: [
        'ARTIFACTORY_API_KEY=AKCpsPSDruCapdrGyQlL3XX4oU0i5PMNE46FgZKMJmOs0jju3BqvVaoK5MmuhbH801WCRIuCF',
        'curl -H "X-JFrog-Art-Api: AKCpFsnrQkriQeIzrAx6xkjm2W1E0QXWJfGvcBt2vgTuxcNycwVUIbepHH4urXTRaFVRwzBKZ" https://acme.jfrog.io/artifactory/api/repositories',
      ],
      negative: ['ARTIFACTORY_API_KEY=AKCphL9yihTf', 'ARTIFACTORY_API_KEY=${ARTIFACTORY_API_KEY}'],
    },
  },
  {
    id: 'jfrog-reference-token',
    title: 'JFrog reference token',
    severity: 'high',
    description:
      'A JFrog Platform reference token (cmVmdGtu...). It authenticates as the token subject to Artifactory and the other JFrog services.',
    remediation:
      'Revoke or rotate the credential immediately (JFrog Platform > Administration > User management > Access tokens > Revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://jfrog.com/help/r/jfrog-platform-administration-documentation/access-tokens'],
    keywords: ['cmvmdgtu'],
    pattern: /(?<![A-Za-z0-9_+/-])cmVmdGtu[A-Za-z0-9]{56}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['registry', 'jfrog'],
    samples: {
      positive: [
        'JFROG_ACCESS_TOKEN=cmVmdGtuOjAxOjfYN9cfbw2aB2jQbidQwSnr9GYhtVTSbe2H0KRUApNx5ydZnFXm',
        '  password: "cmVmdGtuOjAxOjjTtWMQmaGqm0OxUSjnl7WgFztZ6hpKW8774GoExstcfsCWh5qW"',
      ],
      negative: ['JFROG_ACCESS_TOKEN=cmVmdGtuoZG5', 'JFROG_ACCESS_TOKEN=${JF_TOKEN}'],
    },
  },
  {
    id: 'packagist-token',
    title: 'Private Packagist token',
    severity: 'high',
    description:
      "A Private Packagist authentication token (packagist_ort_/out_/uut_...). It installs private Composer packages and, for update tokens, changes the organization's packages.",
    remediation:
      'Revoke or rotate the credential immediately (Private Packagist > Organization / Profile > Authentication tokens > Revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://packagist.com/docs/composer-authentication'],
    keywords: ['packagist_'],
    pattern: /(?<![A-Za-z0-9_+/-])packagist_[a-z]{3}_[a-f0-9]{68}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3,
    tags: ['registry', 'composer'],
    samples: {
      positive: [
        'composer config --global --auth http-basic.repo.packagist.com token packagist_ort_0e3660e865310229705526bc0d61e0ceb8d3014d06c91c1d9b314004224b070a88f4',
        '"password": "packagist_uut_7936e9c652b16fb245b5238fc90b4e391a7d1a89851d43b7f3b11b4c230f0d38998d"',
      ],
      negative: ['token = "packagist_ort_"', 'packagist_url = "https://repo.packagist.com"'],
    },
  },
  {
    id: 'hex-api-key',
    title: 'Hex.pm API key',
    severity: 'high',
    description:
      'A Hex.pm API key assigned to HEX_API_KEY. Write keys publish and retire Elixir/Erlang package versions.',
    remediation:
      'Revoke or rotate the credential immediately (hex.pm > Dashboard > Keys > Revoke, or `mix hex.user key revoke`), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://hex.pm/docs/publish', 'https://hexdocs.pm/hex/Mix.Tasks.Hex.User.html'],
    keywords: ['hex_api_key', 'hexpm'],
    pattern:
      /(?:hex_?api_?key|hexpm[\w.-]{0,20}key)[\w.-]{0,5}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[a-f0-9]{32})(?![a-f0-9])(?!\.\.\.|[*…])/i,
    entropy: 3,
    tags: ['registry', 'hex'],
    samples: {
      positive: ['HEX_API_KEY=532729405f0a48341a6b4a42a3a3cd30', 'hexpm_write_key: "87aa1e1c6793a00d4204522c081d12ea"'],
      negative: ['HEX_API_KEY=${{ secrets.HEX_API_KEY }}', 'HEX_API_KEY=12e0030bda'],
    },
  },
  {
    id: 'terraform-cloud-token',
    title: 'Terraform Cloud / Enterprise API token',
    severity: 'critical',
    description:
      'A Terraform Cloud / HCP Terraform API token (....atlasv1....). It reads state files (which hold every provisioned secret), changes variables and triggers applies.',
    remediation:
      'Revoke or rotate the credential immediately (HCP Terraform > User settings (or Organization/Team settings) > Tokens > Delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://developer.hashicorp.com/terraform/cloud-docs/users-teams-organizations/api-tokens'],
    keywords: ['.atlasv1.'],
    pattern: /(?<![A-Za-z0-9_+/-])[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['registry', 'terraform'],
    samples: {
      positive: [
        'TF_TOKEN_app_terraform_io=rcw7THDiVWVN7C.atlasv1.nctq0ivwvqyxQn8lGCXiPpRlazA5S7MLtsiPduSRl3GxcCUrFMR_EZY5LknicF4RzKd',
        '  token = "4TXlWn4MERmJIb.atlasv1.h08KwNV2xM-qe578UCUhFOONiIl7-uIuB4jtxO-qxV4pNijDfvCdnIpK0c6rspbA08B"',
      ],
      negative: ['credentials "app.terraform.io" { token = var.tfc_token }', 'token = "atlasv1"'],
    },
  },
  {
    id: 'pulumi-access-token',
    title: 'Pulumi access token',
    severity: 'critical',
    description:
      'A Pulumi Cloud access token (pul-...). It reads and writes stack state (including encrypted secrets and their decryption) and runs deployments.',
    remediation:
      'Revoke or rotate the credential immediately (Pulumi Cloud > Settings > Access tokens > Delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://www.pulumi.com/docs/pulumi-cloud/access-management/access-tokens/'],
    keywords: ['pul-'],
    pattern: /(?<![A-Za-z0-9_+/-])pul-[a-f0-9]{40}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3,
    tags: ['registry', 'pulumi'],
    samples: {
      positive: [
        'PULUMI_ACCESS_TOKEN=pul-01e39045440a4c1262e344fea3673367efc52791',
        '  pulumi-token: "pul-50a159d62849ae42efc3e804ffbb6471b82a391d"',
      ],
      negative: ['PULUMI_ACCESS_TOKEN=pul-8debf2f0', 'pull-request'],
    },
  },
  {
    id: 'vault-service-token',
    title: 'HashiCorp Vault service token',
    severity: 'critical',
    description:
      'A HashiCorp Vault service token (hvs....). It reads every secret its policies allow - possibly all of them for root tokens.',
    remediation:
      'Revoke or rotate the credential immediately (`vault token revoke <token>` (or revoke its accessor)), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does. Use short-lived tokens from an auth method (AppRole, OIDC, Kubernetes) instead of static tokens.',
    references: ['https://developer.hashicorp.com/vault/docs/concepts/tokens#token-prefixes'],
    keywords: ['hvs.'],
    pattern: /(?<![A-Za-z0-9_+/-])hvs\.[A-Za-z0-9_-]{24,300}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['registry', 'vault'],
    samples: {
      positive: [
        'VAULT_TOKEN=hvs.rKcwAlkDtFlMOSWNkyKaG4hw',
        'vault_token: "hvs.CAESIs1q59cWKRcAhnG6gOnA5fsUwzYFED1D-fHpSTJ9FnNtVszbnv1zNLEJpEhjkIkr_V6-wxcffR8OhWKqqEoACmHLD5E"',
      ],
      negative: ['VAULT_TOKEN=hvs.mGTOdwIYYY', 'VAULT_TOKEN=hvs.'],
    },
  },
  {
    id: 'vault-batch-token',
    title: 'HashiCorp Vault batch token',
    severity: 'high',
    description: 'A HashiCorp Vault batch token (hvb....). Until it expires it reads the secrets its policies allow.',
    remediation:
      'Revoke or rotate the credential immediately (let it expire or revoke the issuing auth role / lease; rotate any secrets it read), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://developer.hashicorp.com/vault/docs/concepts/tokens#token-prefixes'],
    keywords: ['hvb.'],
    pattern: /(?<![A-Za-z0-9_+/-])hvb\.[A-Za-z0-9_-]{100,600}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['registry', 'vault'],
    samples: {
      positive: [
        'VAULT_TOKEN=hvb.AAAAAQ6a7HRCaoOjqBsUj_VMZYQ4joLyc_4y05UKgWUEWKvr8eM9y9eQsukvJh9OeyqmHUcb49bEK55vNgPkY52rF0lwZoc4iaHL6qpJkWhKtFkzEnfa-5EWv7uogYRUC-us20URjOhSJZDnfE',
        'token: "hvb.AAAAAQJQpjHAV6nErOpvARXPJ18ttbNi-UJXZpCQAXQUEfFkI_z1J-L00YjXWhsigH-g3th5ugLiJ9-mtlsbhZRyz2M0i5hjo9vJz-JTt46KdV9ZVtlVTkGMrUBtXoO"',
      ],
      negative: ['VAULT_TOKEN=hvb.gr1GC4R3', 'VAULT_TOKEN=hvb.'],
    },
  },
  {
    id: 'vault-legacy-token',
    title: 'HashiCorp Vault token (legacy format)',
    severity: 'critical',
    description:
      'A pre-1.10 HashiCorp Vault service token (s....) assigned to a Vault-named variable. It reads every secret its policies allow.',
    remediation:
      'Revoke or rotate the credential immediately (`vault token revoke <token>`), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://developer.hashicorp.com/vault/docs/concepts/tokens'],
    keywords: ['vault'],
    pattern:
      /vault[\w.-]{0,20}token[\w.-]{0,5}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>s\.[A-Za-z0-9]{24})(?![A-Za-z0-9])(?!\.\.\.|[*…])/i,
    entropy: 3.5,
    tags: ['registry', 'vault'],
    samples: {
      positive: ['VAULT_TOKEN=s.BImhFaCIzWBWhDFbbbYGc3pZ', 'vault_token = "s.1U3clqMsKxp9ispucRXoLUiX"'],
      negative: ['VAULT_ADDR=https://vault.acme.io:8200', 'VAULT_TOKEN=s.root'],
    },
  },
  {
    id: 'doppler-token',
    title: 'Doppler token',
    severity: 'high',
    description:
      'A Doppler personal, service, CLI, service-account, SCIM or audit token (dp.pt./dp.st./dp.ct./dp.sa....). Service and personal tokens read the secrets of their configs - often every secret of an application.',
    remediation:
      'Revoke or rotate the credential immediately (Doppler dashboard > the project/config > Access > revoke the token (or Workplace settings for personal and service-account tokens)), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.doppler.com/reference/auth-token-formats'],
    keywords: ['dp.pt.', 'dp.st.', 'dp.ct.', 'dp.sa.', 'dp.scim.', 'dp.audit.'],
    pattern:
      /(?<![A-Za-z0-9_+/-])dp\.(?:st\.[a-z0-9_-]{2,35}\.[A-Za-z0-9]{40,44}|(?:pt|st|ct|sa|scim|audit)\.[A-Za-z0-9]{40,44})(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['registry', 'doppler'],
    samples: {
      positive: [
        'DOPPLER_TOKEN=dp.st.prd.fCiFeUK5e9jUZiJziuEvMTovPVQX41lL6vyGTC8DQRT',
        'doppler_token: "dp.pt.GUNpoBAlb3X6TXJx7jVEOrOeb7gfVeGdmafSXkx875X"',
      ],
      negative: ['DOPPLER_TOKEN=dp.st.qYa8C7', 'DOPPLER_TOKEN=dp.pt.'],
    },
  },
  {
    id: 'postman-api-key',
    title: 'Postman API key',
    severity: 'high',
    description:
      "A Postman API key (PMAK-...). It reads and modifies the user's workspaces, collections and environments - which frequently contain further API credentials.",
    remediation:
      'Revoke or rotate the credential immediately (Postman > Settings > API keys > Revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://learning.postman.com/docs/developer/postman-api/authentication/'],
    keywords: ['pmak-'],
    pattern: /(?<![A-Za-z0-9_+/-])PMAK-[a-f0-9]{24}-[a-f0-9]{34}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3,
    tags: ['registry', 'postman'],
    samples: {
      positive: [
        'POSTMAN_API_KEY=PMAK-fa0d4b9330cd7364269b1221-c0353ce1b1629adea605b0a2785cde81fe',
        'curl -H "X-Api-Key: PMAK-d0e76f898f7dcd019e231080-ee33a4adf3b963500ee75c2bcb4a59e077" https://api.getpostman.com/collections',
      ],
      negative: ['POSTMAN_API_KEY=PMAK-90fa3a', 'POSTMAN_API_KEY={{postman_api_key}}'],
    },
  },
  {
    id: 'snyk-api-token',
    title: 'Snyk API token',
    severity: 'high',
    description:
      "A Snyk API or service-account token (UUID) assigned to a Snyk-named variable. It reads vulnerability data of the organization's projects and can change their settings.",
    remediation:
      'Revoke or rotate the credential immediately (Snyk > Account settings > Revoke & Regenerate, or delete the service account), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.snyk.io/snyk-api/authentication-for-api'],
    keywords: ['snyk'],
    pattern:
      /snyk[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?![A-Za-z0-9_-])(?!\.\.\.|[*…])/i,
    entropy: 3,
    tags: ['registry', 'snyk'],
    samples: {
      positive: [
        'SNYK_TOKEN=cb5530de-5ceb-4ccd-a052-82ff0b3c986c',
        'snyk_api_token: "7d25f7d9-088b-4be9-a987-2d794a83b552"',
      ],
      negative: ['SNYK_TOKEN=${{ secrets.SNYK_TOKEN }}', 'SNYK_ORG_ID=872ab566-a468-4d4c-bbec-f39a471b4fab'],
    },
  },
  {
    id: 'sonarqube-token',
    title: 'SonarQube / SonarCloud token',
    severity: 'high',
    description:
      'A SonarQube or SonarCloud token (squ_ user, sqp_ project analysis, sqa_ global analysis). It uploads analyses and, for user tokens, reads source code and administers projects the user can access.',
    remediation:
      'Revoke or rotate the credential immediately (SonarQube > My Account > Security > Revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.sonarsource.com/sonarqube-server/latest/user-guide/managing-tokens/'],
    keywords: ['squ_', 'sqp_', 'sqa_'],
    pattern: /(?<![A-Za-z0-9_+/-])sq[upa]_[a-f0-9]{40}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3,
    tags: ['registry', 'sonarqube'],
    samples: {
      positive: [
        'SONAR_TOKEN=squ_f2a728e8eaab17d5bdf23d87c99c15f8334693d4',
        'sonar.token=sqp_2d18e8c49cdc1ff79654bc158e3b3e83a544feda',
      ],
      negative: ['SONAR_TOKEN=squ_cdf831aa', 'SONAR_TOKEN=${SONAR_TOKEN}'],
    },
  },
  {
    id: 'sonarqube-token-legacy',
    title: 'SonarQube token (legacy format)',
    severity: 'high',
    description:
      'A 40-hex SonarQube / SonarCloud token assigned to a Sonar-named variable. It uploads analyses and may read source code of the projects the user can access.',
    remediation:
      'Revoke or rotate the credential immediately (SonarQube > My Account > Security > Revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.sonarsource.com/sonarqube-server/latest/user-guide/managing-tokens/'],
    keywords: ['sonar'],
    pattern:
      /sonar[\w.-]{0,20}(?:token|login)[\w.-]{0,5}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[a-f0-9]{40})(?![a-f0-9])(?!\.\.\.|[*…])/i,
    entropy: 3,
    tags: ['registry', 'sonarqube'],
    samples: {
      positive: [
        'SONAR_TOKEN=d121b80da17df1f61b294208720f7e7ed15cdc27',
        'mvn sonar:sonar -Dsonar.login=f477984f810009143e6c12a40fdec2e712b5ebdc',
      ],
      negative: ['SONAR_HOST_URL=https://sonarcloud.io', 'sonar.login=${env.SONAR_TOKEN}'],
    },
  },
  {
    id: 'codecov-token',
    title: 'Codecov upload token',
    severity: 'medium',
    description:
      'A Codecov repository or global upload token (UUID) assigned to a Codecov-named variable. It uploads coverage reports for the repositories of its scope.',
    remediation:
      'Revoke or rotate the credential immediately (Codecov > repository Settings > General > regenerate the upload token), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.codecov.com/docs/codecov-tokens'],
    keywords: ['codecov'],
    pattern:
      /codecov[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?![A-Za-z0-9_-])(?!\.\.\.|[*…])/i,
    entropy: 3,
    tags: ['registry', 'ci'],
    samples: {
      positive: [
        'CODECOV_TOKEN=dca0b2e5-7163-43c3-be40-5d2c77e0b4f8',
        'codecov_token: "a8d6e056-d13c-4478-afeb-b74149125e85"',
      ],
      negative: ['CODECOV_TOKEN=${{ secrets.CODECOV_TOKEN }}', 'codecov_flags: unittests'],
    },
  },
  {
    id: 'circleci-token',
    title: 'CircleCI personal or project API token',
    severity: 'high',
    description:
      'A CircleCI personal (CCIPAT_) or project (CCIPRJ_) API token. It triggers pipelines and reads or writes project settings and environment variables.',
    remediation:
      'Revoke or rotate the credential immediately (CircleCI > User settings > Personal API tokens (or Project settings > API permissions) > Remove), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://circleci.com/docs/managing-api-tokens/'],
    keywords: ['ccipat_', 'cciprj_'],
    pattern: /(?<![A-Za-z0-9_+/-])CCI(?:PAT|PRJ)_[A-Za-z0-9]{22}_[a-f0-9]{40}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['registry', 'ci'],
    samples: {
      positive: [
        'CIRCLECI_TOKEN=CCIPAT_RpZbUdosQSRGTcj8szOb5x_e58bd57e1bd910abebadc92d7ee1a31544d9e486',
        'circle_token: "CCIPRJ_vHBCFTug5aUR2ajOfZZYdl_cbd0c7a2fee65afef371e9865577fbc6e3b9edf4"',
      ],
      negative: ['CIRCLECI_TOKEN=CCIPAT_Q5bZ4m', 'CIRCLECI_TOKEN=${CIRCLE_TOKEN}'],
    },
  },
  {
    id: 'buildkite-api-token',
    title: 'Buildkite API access token',
    severity: 'high',
    description:
      'A Buildkite user API access token (bkua_...). It reads and changes pipelines, builds and, with GraphQL access, organization settings.',
    remediation:
      'Revoke or rotate the credential immediately (Buildkite > Personal settings > API access tokens > Revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://buildkite.com/docs/apis/managing-api-tokens'],
    keywords: ['bkua_'],
    pattern: /(?<![A-Za-z0-9_+/-])bkua_[a-f0-9]{40}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3,
    tags: ['registry', 'ci'],
    samples: {
      positive: [
        'BUILDKITE_API_TOKEN=bkua_bb3984a0a05143b6c41c01329b623dae96bcff67',
        '  token: "bkua_51d3e85196dd2860f248dd637a119811e3b96973"',
      ],
      negative: ['BUILDKITE_API_TOKEN=bkua_2f1723b0', 'BUILDKITE_API_TOKEN=${BK_TOKEN}'],
    },
  },
  {
    id: 'harness-access-token',
    title: 'Harness personal or service-account token',
    severity: 'high',
    description:
      'A Harness platform token (pat.... or sat....). It calls the Harness API with the permissions of its user or service account, including pipeline execution and secret management.',
    remediation:
      'Revoke or rotate the credential immediately (Harness > My profile > Personal access tokens (or Access control > Service accounts) > delete the token), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://developer.harness.io/docs/platform/automation/api/add-and-manage-api-keys/'],
    keywords: ['pat.', 'sat.'],
    pattern:
      /(?<![A-Za-z0-9_+/-])[ps]at\.[A-Za-z0-9_-]{22}\.[a-f0-9]{24}\.[A-Za-z0-9]{20}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['registry', 'ci'],
    samples: {
      positive: [
        'HARNESS_API_KEY=pat.f0nqKonkuu6-G39xrnv1KD.b7eb9dd9f8910ed64339fedb.RCfYZFJPi9tid1rKUwK9',
        'x-api-key: sat.e5ZNJvkR4eLUqzbuaoLYxX.ce2920adf2d8fe397434f437.8OCslkObrEcdItQv6qPi',
      ],
      negative: ['HARNESS_API_KEY=pat.z70EAC-x', 'const pat = format.pat.something;'],
    },
  },
  {
    id: 'octopus-deploy-api-key',
    title: 'Octopus Deploy API key',
    severity: 'high',
    description:
      'An Octopus Deploy API key (API-...). It deploys releases and reads sensitive variables with the permissions of its user.',
    remediation:
      'Revoke or rotate the credential immediately (Octopus > My profile > My API keys > Revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://octopus.com/docs/octopus-rest-api/how-to-create-an-api-key'],
    keywords: ['api-'],
    pattern: /(?<![A-Za-z0-9_-])API-(?=[A-Z]{0,31}[0-9])[A-Z0-9]{25,32}(?![A-Za-z0-9_-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['registry', 'ci'],
    samples: {
      positive: [
        'OCTOPUS_API_KEY=API-018CRN3HEZPGNQADGQ3A4XZF313',
        'octo push --package app.1.0.0.zip --server https://deploy.acme.io --apiKey API-LR68OOP7RAH3ZVD082D3V7O9V2',
      ],
      negative: [
        'OCTOPUS_API_KEY=API-GUEST',
        'header = "X-API-2DYVHGUIJ9AJVW4LOHESCIV0XUB"',
        'throw new Error("API-REQUESTTHROTTLEDBYGATEWAYPOLICY");',
      ],
    },
  },
  {
    id: 'clojars-deploy-token',
    title: 'Clojars deploy token',
    severity: 'high',
    description:
      "A Clojars deploy token (CLOJARS_...). It publishes new versions of the user's or group's Clojure libraries.",
    remediation:
      'Revoke or rotate the credential immediately (clojars.org > Dashboard > Deploy tokens > Disable), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://github.com/clojars/clojars-web/wiki/Deploy-Tokens'],
    keywords: ['clojars_'],
    pattern: /(?<![A-Za-z0-9_+/-])CLOJARS_[a-z0-9]{60}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['registry', 'clojars'],
    samples: {
      positive: [
        'CLOJARS_PASSWORD=CLOJARS_32vtlfjnc1bk9el6rxku7fhor3khce9aeea24bpk4h9ivwxq020e4co34zr5',
        ':password "CLOJARS_qgq88tci7ukctqqf1dl5svtvqamh5hi0owl5vmgr6f1qubrco8vtud12frge"',
      ],
      negative: ['CLOJARS_PASSWORD=$CLOJARS_DEPLOY_TOKEN', 'CLOJARS_USERNAME=acme'],
    },
  },
  {
    id: 'gradle-plugin-portal-key',
    title: 'Gradle Plugin Portal publishing key',
    severity: 'high',
    description:
      'A Gradle Plugin Portal publishing key or secret (gradle.publish.key / gradle.publish.secret). Together they publish plugin versions under the account.',
    remediation:
      'Revoke or rotate the credential immediately (plugins.gradle.org > your profile > API Keys > regenerate), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.gradle.org/current/userguide/publishing_gradle_plugins.html'],
    keywords: ['gradle.publish.', 'gradle_publish_'],
    pattern:
      /gradle[._]publish[._](?:key|secret)(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[A-Za-z0-9]{32})(?![A-Za-z0-9])(?!\.\.\.|[*…])/i,
    entropy: 3.5,
    tags: ['registry', 'gradle'],
    samples: {
      positive: [
        'gradle.publish.key=kPvAkNbgUXEnazVPxgx30HKEWEzlZ101',
        'GRADLE_PUBLISH_SECRET=8mGZP5TTKwqPj86bCmgIXfS6meteMOZ2',
      ],
      negative: ['gradle.publish.key=${GRADLE_KEY}', 'gradle.publish.validate=true'],
    },
  },
];
