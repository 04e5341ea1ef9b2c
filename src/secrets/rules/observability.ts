import type { SecretRule } from '../rule.js';

/** Built-in secret rules: monitoring, logging and incident tooling (Datadog, New Relic, Sentry, Grafana, …). */
export const observabilityRules: SecretRule[] = [
  {
    id: 'datadog-api-key',
    title: 'Datadog API key',
    severity: 'high',
    description:
      'A Datadog API key (32 hex) assigned to a Datadog/DD-named variable or DD-API-KEY header. It submits metrics, logs and events to the organization and, with an application key, calls the full API.',
    remediation:
      'Revoke or rotate the credential immediately (Datadog > Organization settings > API keys > Revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.datadoghq.com/account_management/api-app-keys/'],
    keywords: ['datadog', 'dd_api', 'dd-api', 'dd.api', 'ddapi'],
    pattern:
      /(?<![a-z0-9])(?:datadog|dd)[\w.-]{0,20}api[_.-]?key[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[a-f0-9]{32})(?![a-f0-9])(?!\.\.\.|[*…])/i,
    entropy: 3,
    tags: ['observability', 'datadog'],
    samples: {
      positive: [
        'DD_API_KEY=cfaad6080db3be090273123269ab8bf2',
        'curl -X POST https://api.datadoghq.com/api/v2/series -H "DD-API-KEY: a18e21e29e414005bb31f3e06a69c8b7"',
      ],
      negative: ['DD_API_KEY=${DD_API_KEY}', 'DD_SITE=datadoghq.eu'],
    },
  },
  {
    id: 'datadog-app-key',
    title: 'Datadog application key',
    severity: 'high',
    description:
      'A Datadog application key (40 hex) assigned to a Datadog/DD-named variable or DD-APPLICATION-KEY header. With an API key it calls the Datadog API with the permissions of its user - dashboards, monitors, logs and users.',
    remediation:
      'Revoke or rotate the credential immediately (Datadog > Organization settings > Application keys > Revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.datadoghq.com/account_management/api-app-keys/'],
    keywords: ['datadog', 'dd_app', 'dd-app', 'dd.app', 'ddapp'],
    pattern:
      /(?<![a-z0-9])(?:datadog|dd)[\w.-]{0,20}app(?:lication)?[_.-]?key[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[a-f0-9]{40})(?![a-f0-9])(?!\.\.\.|[*…])/i,
    entropy: 3,
    tags: ['observability', 'datadog'],
    samples: {
      positive: [
        'DD_APP_KEY=2601c1cf10e05d432186fcb63aa63cb2ae62a57c',
        'datadog_application_key: "a82faf6a8e090e2c65267e16054b62f005c6889a"',
      ],
      negative: ['DD_APP_KEY=${DD_APP_KEY}', 'DD_APP_KEY=a49ab2cc46e795008cab8d475c34e11d'],
    },
  },
  {
    id: 'newrelic-user-api-key',
    title: 'New Relic user API key',
    severity: 'high',
    description:
      'A New Relic user API key (NRAK-...). It calls NerdGraph and the REST API as the user: query all data, change alerts, dashboards and account settings.',
    remediation:
      'Revoke or rotate the credential immediately (New Relic > API keys > the key > Delete / Rotate), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/'],
    keywords: ['nrak-'],
    pattern: /(?<![A-Za-z0-9_+/-])NRAK-[A-Z0-9]{27}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['observability', 'newrelic'],
    samples: {
      positive: [
        'NEW_RELIC_API_KEY=NRAK-36RRPYI9CHO3NQ41TCD5Y3ORCGZ',
        'newrelic_user_key: "NRAK-IO4X9VSZFPOIE5OA1OEE6E826SQ"',
      ],
      negative: ['NEW_RELIC_API_KEY=NRAK-NGS55WBP', 'NEW_RELIC_API_KEY=NRAK-'],
    },
  },
  {
    id: 'newrelic-admin-api-key',
    title: 'New Relic admin API key',
    severity: 'high',
    description:
      'A legacy New Relic admin API key (NRAA-...). It has administrative access to the REST API of the account.',
    remediation:
      'Revoke or rotate the credential immediately (New Relic > API keys > the key > Delete / Rotate), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/'],
    keywords: ['nraa-'],
    pattern: /(?<![A-Za-z0-9_+/-])NRAA-[a-f0-9]{27}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3,
    tags: ['observability', 'newrelic'],
    samples: {
      positive: [
        'NEW_RELIC_ADMIN_KEY=NRAA-546b36c69ed6d8cec93945bb811',
        'admin_api_key: "NRAA-ccf92c3e1a7237d084139c68562"',
      ],
      negative: ['NEW_RELIC_ADMIN_KEY=NRAA-7b7b3d76f0', 'NEW_RELIC_ADMIN_KEY=NRAA-'],
    },
  },
  {
    id: 'newrelic-license-key',
    title: 'New Relic ingest license key',
    severity: 'high',
    description:
      'A New Relic ingest license key (40 characters ending in NRAL). It sends arbitrary telemetry into the account - data poisoning and cost - and identifies the account.',
    remediation:
      'Revoke or rotate the credential immediately (New Relic > API keys > the key > Delete / Rotate), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/'],
    keywords: ['nral'],
    pattern: /(?<![A-Za-z0-9_+/-])[a-z0-9]{36}NRAL(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3,
    tags: ['observability', 'newrelic'],
    samples: {
      positive: [
        'NEW_RELIC_LICENSE_KEY=7f3592e2bddce2bc2c03a13ec822c877716fNRAL',
        'license_key: eu01xx4adc97b0e12a8afcc2c29b117f8276NRAL',
      ],
      negative: [
        'NEW_RELIC_LICENSE_KEY=d7f53a3c2d6057c43fcfNRAL',
        'NEW_RELIC_LICENSE_KEY=<%= ENV["NEW_RELIC_LICENSE_KEY"] %>',
      ],
    },
  },
  {
    id: 'newrelic-insert-key',
    title: 'New Relic insights insert key',
    severity: 'medium',
    description: 'A New Relic Insights insert key (NRII-...). It writes custom events into the account.',
    remediation:
      'Revoke or rotate the credential immediately (New Relic > API keys > the key > Delete / Rotate), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/'],
    keywords: ['nrii-'],
    pattern: /(?<![A-Za-z0-9_+/-])NRII-[A-Za-z0-9_-]{32}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['observability', 'newrelic'],
    samples: {
      positive: [
        'NEW_RELIC_INSERT_KEY=NRII-odf4sKw7f558ezwrS3y8ULaMeF1WrnIE',
        'insert_key: "NRII-W5PFb24FE9aojTS1soE6lwY2XqBui0N5"',
      ],
      negative: ['NEW_RELIC_INSERT_KEY=NRII-8uEK3kfnM4', 'NEW_RELIC_INSERT_KEY=NRII-'],
    },
  },
  {
    id: 'newrelic-browser-key',
    title: 'New Relic browser key',
    severity: 'low',
    description:
      'A New Relic browser / mobile ingest key (NRJS-...). It is embedded in the browser agent and only sends browser telemetry, but lets anyone inject data into the account.',
    remediation:
      'Revoke or rotate the credential immediately (New Relic > API keys > the key > Delete / Rotate), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/'],
    keywords: ['nrjs-'],
    pattern: /(?<![A-Za-z0-9_+/-])NRJS-[a-f0-9]{19}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3,
    tags: ['observability', 'newrelic'],
    samples: {
      positive: [
        'NEW_RELIC_BROWSER_KEY=NRJS-d35ea498de340558a7f',
        ';NREUM.loader_config={accountID:"3811001",licenseKey:"NRJS-3b72f4a3f41f40bd43c",applicationID:"601234567"}',
      ],
      negative: ['NEW_RELIC_BROWSER_KEY=NRJS-6b2eba853c', 'NEW_RELIC_BROWSER_KEY=NRJS-'],
    },
  },
  {
    id: 'sentry-dsn',
    title: 'Sentry DSN',
    severity: 'low',
    description:
      'A Sentry DSN for sentry.io. It only allows sending events (it is shipped in client apps), but a leaked server DSN lets anyone flood the project with events and exhaust its quota.',
    remediation:
      'Revoke or rotate the credential immediately (Sentry > Project settings > Client Keys (DSN) > disable/revoke the key and create a new one), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.sentry.io/concepts/key-terms/dsn-explainer/'],
    keywords: ['sentry.io'],
    pattern:
      /https:\/\/(?<secret>[a-f0-9]{32})@[a-z0-9.-]{0,60}(?<=[@.])sentry\.io\/[0-9]{1,20}(?![0-9])(?!\.\.\.|[*…])/,
    entropy: 3,
    tags: ['observability', 'sentry'],
    samples: {
      positive: [
        'SENTRY_DSN=https://387322287bfcbb7ac242c27a6015148e@o418266.ingest.sentry.io/3809208',
        'Sentry.init({ dsn: "https://0ffb41d61378e52ca291883db1d9308a@o287669.ingest.us.sentry.io/5528518592614597" });',
      ],
      negative: [
        'SENTRY_DSN=https://examplePublicKey@o0.ingest.sentry.io/0',
        'SENTRY_DSN=https://2b3dbd722a04d6c1@sentry.io/247764',
      ],
    },
  },
  {
    id: 'sentry-org-auth-token',
    title: 'Sentry organization auth token',
    severity: 'high',
    description:
      'A Sentry organization auth token (sntrys_...). It uploads source maps and debug files and creates releases for every project in the organization.',
    remediation:
      'Revoke or rotate the credential immediately (Sentry > Settings > Developer Settings > Organization Tokens > Revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.sentry.io/account/auth-tokens/'],
    keywords: ['sntrys_'],
    pattern: /(?<![A-Za-z0-9_+/-])sntrys_eyJ[A-Za-z0-9+/=_]{80,600}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['observability', 'sentry'],
    samples: {
      positive: [
        'SENTRY_AUTH_TOKEN=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',
        'auth_token: "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"',
      ],
      negative: ['SENTRY_AUTH_TOKEN=sntrys_eyJW0Ws', 'SENTRY_AUTH_TOKEN=sntrys_'],
    },
  },
  {
    id: 'sentry-user-auth-token',
    title: 'Sentry user auth token',
    severity: 'high',
    description:
      'A Sentry user auth token (sntryu_...). It calls the Sentry API as the user with the token scopes - read events (which may contain PII) and manage projects.',
    remediation:
      'Revoke or rotate the credential immediately (Sentry > User settings > Personal Tokens > Revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.sentry.io/account/auth-tokens/'],
    keywords: ['sntryu_'],
    pattern: /(?<![A-Za-z0-9_+/-])sntryu_[a-f0-9]{64}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3,
    tags: ['observability', 'sentry'],
    samples: {
      positive: [
        'SENTRY_AUTH_TOKEN=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',
        'curl -H "Authorization: Bearer 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" https://sentry.io/api/0/projects/',
      ],
      negative: ['SENTRY_AUTH_TOKEN=sntryu_7edca9', 'SENTRY_AUTH_TOKEN=sntryu_'],
    },
  },
  {
    id: 'grafana-cloud-token',
    title: 'Grafana Cloud access policy token',
    severity: 'high',
    description:
      'A Grafana Cloud access policy token (glc_...). Depending on its scopes it reads or writes metrics, logs and traces, or manages stacks through the Cloud API.',
    remediation:
      'Revoke or rotate the credential immediately (Grafana Cloud portal > Security > Access policies > the policy > delete the token), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://grafana.com/docs/grafana-cloud/security-and-account-management/authentication-and-permissions/access-policies/',
    ],
    keywords: ['glc_'],
    pattern: /(?<![A-Za-z0-9_+/-])glc_[A-Za-z0-9+/]{32,400}={0,2}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['observability', 'grafana'],
    samples: {
      positive: [
        'GRAFANA_CLOUD_TOKEN=glc_eyJvIjoiNTMzNzY4IiwibiI6ImFsbG95LXdyaXRlIiwiayI6IkJpaE5xUVBiWDgzWjA1dDVLenlIdjVsMyIsIm0iOnsiciI6InByb2QtZXUtd2VzdC0yIn19',
        'password: glc_eyJvIjoiNTczMzEzIiwibiI6ImNpLXJlYWQiLCJrIjoiOG5pQUpJNHZaY3RKemJ5YlJMQlZ6QUpMIiwibSI6eyJyIjoicHJvZC11cy1lYXN0LTAifX0=',
      ],
      negative: ['GRAFANA_CLOUD_TOKEN=glc_WgyoMhylI8', 'GRAFANA_CLOUD_TOKEN=glc_'],
    },
  },
  {
    id: 'grafana-service-account-token',
    title: 'Grafana service account token',
    severity: 'high',
    description:
      'A Grafana service account token (glsa_...). It calls the Grafana HTTP API with the service account role - up to Admin: dashboards, data sources (and their credentials), users.',
    remediation:
      'Revoke or rotate the credential immediately (Grafana > Administration > Users and access > Service accounts > the account > delete the token), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://grafana.com/docs/grafana/latest/administration/service-accounts/'],
    keywords: ['glsa_'],
    pattern: /(?<![A-Za-z0-9_+/-])glsa_[A-Za-z0-9]{32}_[a-f0-9]{8}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['observability', 'grafana'],
    samples: {
      positive: [
        'GRAFANA_TOKEN=glsa_AA4oh71Zlxh9yPeUqAe3o7x5ct2E8GMx_6830e771',
        'grafana_auth = "glsa_n0MjqBdaJV2bUL3ugWlyQsIbuzjmqE53_68af06e5"',
      ],
      negative: ['GRAFANA_TOKEN=glsa_QYJWIl1C', 'GRAFANA_TOKEN=glsa_'],
    },
  },
  {
    id: 'grafana-api-key',
    title: 'Grafana API key (legacy)',
    severity: 'high',
    description:
      'A legacy Grafana API key (base64 JSON starting eyJrIjoi). It calls the Grafana HTTP API with the key role (Viewer, Editor or Admin).',
    remediation:
      'Revoke or rotate the credential immediately (Grafana > Administration > API keys (or migrate them to service accounts) > delete the key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://grafana.com/docs/grafana/latest/administration/service-accounts/migrate-api-keys/'],
    keywords: ['eyjrijoi'],
    pattern: /(?<![A-Za-z0-9_.-])eyJrIjoi[A-Za-z0-9+/]{50,140}={0,2}(?![A-Za-z0-9+/=._-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['observability', 'grafana'],
    samples: {
      positive: [
        'GRAFANA_API_KEY=eyJrIjoibGFHQzBzbGh5WnBmUWlnbFdIY1VWUnpBcmN3blY4Z3kiLCJuIjoiZGVwbG95LWJvdCIsImlkIjo0fQ==',
        'Authorization: Bearer eyJrIjoidkprZFpybW1Td05xaWFWdFp0VndmTU14endGOGJmNDAiLCJuIjoiZGFzaGJvYXJkcy1zeW5jIiwiaWQiOjl9',
      ],
      negative: ['GRAFANA_API_KEY=eyJrIjoi', 'GRAFANA_API_KEY=eyJrIjoiL8p5'],
    },
  },
  {
    id: 'honeycomb-ingest-key',
    title: 'Honeycomb API key (ingest / management)',
    severity: 'high',
    description:
      'A Honeycomb ingest or management key (hc?ik_/hc?mk_...). Ingest keys send events to the environment; management keys create and delete keys and environments.',
    remediation:
      'Revoke or rotate the credential immediately (Honeycomb > Environment (or Team) settings > API keys > disable and delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.honeycomb.io/api/authentication'],
    keywords: ['ik_', 'mk_'],
    pattern: /(?<![A-Za-z0-9_+/-])hc[a-z](?:ik|mk)_[A-Za-z0-9]{20,70}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['observability', 'honeycomb'],
    samples: {
      positive: [
        'HONEYCOMB_API_KEY=hcxik_01s6rcrddwhw3vdofrblqh5bfffud9fcfsvee4ste1b7msdjfvtldq6cvp',
        'x-honeycomb-team: hcaik_01vqopw7lt7yq0hdnhveb6i28dlubmaoptfru4t1hp0j5qdw0vsls48grq',
      ],
      negative: ['HONEYCOMB_API_KEY=hcxik_vijk80', 'HONEYCOMB_DATASET=checkout'],
    },
  },
  {
    id: 'honeycomb-api-key',
    title: 'Honeycomb configuration / classic API key',
    severity: 'high',
    description:
      'A Honeycomb configuration or classic API key assigned to a Honeycomb-named variable or X-Honeycomb-Team header. It sends events and manages boards, triggers and SLOs.',
    remediation:
      'Revoke or rotate the credential immediately (Honeycomb > Environment settings > API keys > disable and delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.honeycomb.io/api/authentication'],
    keywords: ['honeycomb'],
    pattern:
      /(?<![a-z])honeycomb[\w.-]{0,25}(?:key|token|secret|team)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>(?:[A-Za-z0-9]{22}|[a-f0-9]{32}))(?![A-Za-z0-9_-])(?!\.\.\.|[*…])/i,
    entropy: 3.5,
    tags: ['observability', 'honeycomb'],
    samples: {
      positive: [
        'HONEYCOMB_API_KEY=GQxZ7OyaMsjW5uvuyRgQGX',
        'OTEL_EXPORTER_OTLP_HEADERS="x-honeycomb-team=VNMC2cwZJfajE9hXDSyXBt"',
      ],
      negative: ['HONEYCOMB_API_KEY=${HONEYCOMB_API_KEY}', 'HONEYCOMB_API_ENDPOINT=https://api.honeycomb.io'],
    },
  },
  {
    id: 'dynatrace-api-token',
    title: 'Dynatrace API token',
    severity: 'high',
    description:
      'A Dynatrace API / platform token (dt0c01....). Depending on scopes it ingests data, reads monitoring data or changes environment configuration.',
    remediation:
      'Revoke or rotate the credential immediately (Dynatrace > Access tokens > the token > Delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://docs.dynatrace.com/docs/manage/identity-access-management/access-tokens-and-oauth-clients/access-tokens',
    ],
    keywords: ['dt0c01.'],
    pattern: /(?<![A-Za-z0-9_+/-])dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['observability', 'dynatrace'],
    samples: {
      positive: [
        'DT_API_TOKEN=dt0c01.FBQA1JFVUPKD50LJOS53X6CG.X1C83GYUZG8B0MF981QAJ1K0QZ0NY31VOT5LM79SHIIXM99N74KPEVDK6PS6G56X',
        'Authorization: Api-Token dt0c01.8CJY7VGEJ782AGDWNNCRJZWI.1FDWG0BZE7LW6Z9N1UDZ0IOKBUQ0Z2YD3MNWKL00968VPI3KIFCGCJNX2ZWSEL1D',
      ],
      negative: ['DT_API_TOKEN=dt0c01.YYDKGR', 'DT_API_TOKEN=dt0c01.'],
    },
  },
  {
    id: 'splunk-hec-token',
    title: 'Splunk HTTP Event Collector token',
    severity: 'high',
    description:
      'A Splunk HTTP Event Collector token (UUID) sent as "Authorization: Splunk ..." or assigned to a Splunk-named variable. It writes arbitrary events into the index - log tampering and noise.',
    remediation:
      'Revoke or rotate the credential immediately (Splunk > Settings > Data inputs > HTTP Event Collector > disable/delete the token), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.splunk.com/Documentation/Splunk/latest/Data/UsetheHTTPEventCollector'],
    keywords: ['splunk'],
    pattern:
      /(?:Splunk[ \t]{1,3}|splunk[\w.-]{0,30}(?:hec|token)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?))(?<secret>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?![A-Za-z0-9-])(?!\.\.\.|[*…])/i,
    entropy: 3,
    tags: ['observability', 'splunk'],
    samples: {
      positive: [
        'curl -k https://splunk.acme.io:8088/services/collector -H "Authorization: Splunk ffbcef4c-2632-4301-814a-feb823fae6ea"',
        'SPLUNK_HEC_TOKEN=4ce3928e-d647-4a82-907c-1f27f3604799',
      ],
      negative: ['SPLUNK_HEC_TOKEN=${SPLUNK_HEC_TOKEN}', 'SPLUNK_HEC_URL=https://splunk.acme.io:8088'],
    },
  },
  {
    id: 'pagerduty-api-key',
    title: 'PagerDuty API key',
    severity: 'high',
    description:
      'A PagerDuty REST API key or user token assigned to a PagerDuty-named variable. It reads and changes incidents, schedules and services - or silences alerting.',
    remediation:
      'Revoke or rotate the credential immediately (PagerDuty > Integrations > API Access Keys (or User settings > API access) > delete the key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://support.pagerduty.com/main/docs/api-access-keys'],
    keywords: ['pagerduty', 'pager_duty'],
    pattern:
      /pager_?duty[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>(?:u\+[A-Za-z0-9_+-]{18}|[A-Za-z0-9_+-]{20}|[a-f0-9]{32}))(?![A-Za-z0-9_+-])(?!\.\.\.|[*…])/i,
    entropy: 3.3,
    tags: ['observability', 'pagerduty'],
    samples: {
      positive: ['PAGERDUTY_TOKEN=u+noUxrfqvTT7u-AEJ_V', 'pagerduty_api_key: "zxUUTZp39RcD4Vkjuhy7"'],
      negative: ['PAGERDUTY_TOKEN=${PD_TOKEN}', 'PAGERDUTY_SERVICE=P1ABCDE'],
    },
  },
  {
    id: 'rollbar-access-token',
    title: 'Rollbar access token',
    severity: 'high',
    description:
      'A Rollbar project or account access token assigned to a Rollbar-named variable. Server tokens post items; read/write tokens read occurrences (which may contain PII) and change settings.',
    remediation:
      'Revoke or rotate the credential immediately (Rollbar > Project settings > Project access tokens > disable and delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.rollbar.com/reference/getting-started-1#authentication'],
    keywords: ['rollbar'],
    pattern:
      /(?<![a-z])rollbar[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[a-f0-9]{32})(?![a-f0-9])(?!\.\.\.|[*…])/i,
    entropy: 3,
    tags: ['observability', 'rollbar'],
    samples: {
      positive: [
        'ROLLBAR_ACCESS_TOKEN=1535a0beafc2eedd3ba3b33dd646cd09',
        'ROLLBAR_SERVER_TOKEN: "18ab588b13419ca3ec9d2d76c6e76fc7"',
      ],
      negative: ['ROLLBAR_ACCESS_TOKEN=${ROLLBAR_TOKEN}', 'ROLLBAR_ENV=production'],
    },
  },
  {
    id: 'bugsnag-api-key',
    title: 'Bugsnag API key',
    severity: 'medium',
    description:
      'A Bugsnag notifier API key assigned to a Bugsnag-named variable. It reports errors into the project (noise, quota exhaustion) and identifies it.',
    remediation:
      'Revoke or rotate the credential immediately (Bugsnag > Project settings > Notifier API key > regenerate), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.bugsnag.com/product/getting-started/#step-1-create-a-project'],
    keywords: ['bugsnag'],
    pattern:
      /(?<![a-z])bugsnag[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[a-f0-9]{32})(?![a-f0-9])(?!\.\.\.|[*…])/i,
    entropy: 3,
    tags: ['observability', 'bugsnag'],
    samples: {
      positive: [
        'BUGSNAG_API_KEY=7dd3ff26d7012cd04bce908343383885',
        'bugsnag_api_key: "efe67e51a3cf3a618c0a8a0724373406"',
      ],
      negative: ['BUGSNAG_API_KEY=${BUGSNAG_API_KEY}', 'BUGSNAG_API_KEY=73995003af0dcb20'],
    },
  },
  {
    id: 'logzio-token',
    title: 'Logz.io shipping / API token',
    severity: 'high',
    description:
      'A Logz.io log shipping token or API token assigned to a Logz.io-named variable. Shipping tokens write logs to the account; API tokens read and manage it.',
    remediation:
      'Revoke or rotate the credential immediately (Logz.io > Settings > Manage tokens > delete the token), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.logz.io/docs/user-guide/admin/authentication-tokens/'],
    keywords: ['logz'],
    pattern:
      /(?<![a-z])logz(?:io)?[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>(?:[A-Za-z]{32}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}))(?![A-Za-z0-9-])(?!\.\.\.|[*…])/i,
    entropy: 3.5,
    tags: ['observability', 'logzio'],
    samples: {
      positive: [
        'LOGZIO_TOKEN=ubLLjvABZbfDsYyxaWIVqhzSXlDfofLm',
        'logz_api_token: "4bfc895b-b5d2-4ec0-af98-a5db7ad199a4"',
      ],
      negative: ['LOGZIO_TOKEN=${LOGZIO_TOKEN}', 'LOGZIO_LISTENER=listener.logz.io'],
    },
  },
  {
    id: 'elastic-api-key',
    title: 'Elasticsearch / Elastic Cloud API key',
    severity: 'high',
    description:
      'An Elasticsearch or Elastic Cloud API key assigned to an Elastic-named variable or sent as "Authorization: ApiKey ...". It reads and writes the indices its role descriptors allow.',
    remediation:
      'Revoke or rotate the credential immediately (Kibana > Stack Management > API keys > Invalidate (or Elastic Cloud > API keys > delete)), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://www.elastic.co/guide/en/elasticsearch/reference/current/security-api-create-api-key.html'],
    keywords: ['elastic', 'apikey '],
    pattern:
      /(?:elastic[\w.-]{0,30}api_?key[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)|Authorization["'`]?[ \t]{0,3}[:=,][ \t]{0,3}["'`]?ApiKey[ \t]{1,3})(?<secret>[A-Za-z0-9+/_-]{40,120}={0,2})(?![A-Za-z0-9+/=_-])(?!\.\.\.|[*…])/i,
    entropy: 4,
    tags: ['observability', 'elastic'],
    samples: {
      positive: [
        'ELASTIC_API_KEY=aHNBci11TUJ1LWM4WGNBMkt1SEg6cFp5Zkk3Sk1mVnBDU0FBRVUtMTVVTw==',
        'curl -H "Authorization: ApiKey QWV3UUxpSXJsbkJjU21ibUhGQjU6TnVPa1NjaVgxR09MZlZGZWtoLTRGSw==" https://es.acme.io:9200/_cat/indices',
      ],
      negative: ['ELASTIC_API_KEY=${ELASTIC_API_KEY}', 'ELASTIC_CLOUD_ID=acme-prod:dXMtZWFzdC0xLmF3cy5mb3VuZC5pbyQ'],
    },
  },
  {
    id: 'lightstep-access-token',
    title: 'Lightstep / ServiceNow Cloud Observability access token',
    severity: 'high',
    description:
      'A Lightstep (ServiceNow Cloud Observability) access token assigned to a Lightstep-named variable. It sends telemetry to the project.',
    remediation:
      'Revoke or rotate the credential immediately (Lightstep > Project settings > Access tokens > delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.lightstep.com/docs/create-and-manage-access-tokens'],
    keywords: ['lightstep'],
    pattern:
      /(?<![a-z])lightstep[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[A-Za-z0-9/+]{32,84}={0,2})(?![A-Za-z0-9/+=_-])(?!\.\.\.|[*…])/i,
    entropy: 4,
    tags: ['observability', 'lightstep'],
    samples: {
      positive: [
        'LIGHTSTEP_ACCESS_TOKEN=lI/OtsivR+Pl6B/OIrBDnhLPrJT6glVRDWUZvoUzP3/HjLBIaFGCdZOpe3GMdsPzD1vKHqltPYUYNRfFqyFk',
        'lightstep_token: "J1RtLRtBlD3WdEkuLegqCch4MSHwLvc4"',
      ],
      negative: ['LIGHTSTEP_ACCESS_TOKEN=${LS_TOKEN}', 'LIGHTSTEP_PROJECT=checkout'],
    },
  },
  {
    id: 'sumologic-access-key',
    title: 'Sumo Logic access key',
    severity: 'high',
    description:
      "A Sumo Logic access key assigned to a Sumo-named variable. With the access ID it calls the Sumo Logic API with the creating user's role: search logs, manage collectors and users.",
    remediation:
      'Revoke or rotate the credential immediately (Sumo Logic > Preferences (or Administration > Security) > Access Keys > delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://help.sumologic.com/docs/manage/security/access-keys/'],
    keywords: ['sumo'],
    pattern:
      /(?<![a-z])sumo(?:logic)?[\w.-]{0,30}(?:key|secret)[\w.-]{0,5}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[A-Za-z0-9]{64})(?![A-Za-z0-9])(?!\.\.\.|[*…])/i,
    entropy: 4,
    tags: ['observability', 'sumologic'],
    samples: {
      positive: [
        'SUMO_ACCESS_KEY=Ij7LMaJ3NU30Vo0Imok6e30l0sRFImUIWitltLhLX8vEUmnVK00JPY6KZOngNXTU',
        'sumologic_access_key: "Ozr0dG5TP27XfBtuKo8oWKZg4q6LpFa6jDOFM4HcTAm4mzOkdlpeXo49W08RIdq6"',
      ],
      negative: ['SUMO_ACCESS_ID=su12OW5MgshiD6', 'SUMO_ACCESS_KEY=${SUMO_ACCESS_KEY}'],
    },
  },
  {
    id: 'loggly-token',
    title: 'Loggly customer token',
    severity: 'medium',
    description:
      'A Loggly customer token (UUID) assigned to a Loggly-named variable. It writes log events into the account.',
    remediation:
      'Revoke or rotate the credential immediately (Loggly > Source setup > Customer tokens > delete and create a new token), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://documentation.solarwinds.com/en/success_center/loggly/content/admin/customer-token-authentication-token.htm',
    ],
    keywords: ['loggly'],
    pattern:
      /(?<![a-z])loggly[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?![A-Za-z0-9_-])(?!\.\.\.|[*…])/i,
    entropy: 3,
    tags: ['observability', 'loggly'],
    samples: {
      positive: [
        'LOGGLY_TOKEN=70780897-6f84-4d06-8a09-f5f2cc1cdc26',
        '  loggly_customer_token: "67499d38-e9c6-4dc0-a3ad-501cf925fc3f"',
      ],
      negative: ['LOGGLY_TOKEN=${LOGGLY_TOKEN}', 'LOGGLY_TAG=api'],
    },
  },
  {
    id: 'mezmo-ingestion-key',
    title: 'Mezmo (LogDNA) ingestion key',
    severity: 'medium',
    description:
      'A Mezmo / LogDNA ingestion or service key assigned to a matching variable. Ingestion keys write logs; service keys read and manage the account.',
    remediation:
      'Revoke or rotate the credential immediately (Mezmo > Settings > Organization > API keys > delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.mezmo.com/docs/ingestion-key'],
    keywords: ['logdna', 'mezmo'],
    pattern:
      /(?:logdna|mezmo)[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[a-f0-9]{32})(?![a-f0-9])(?!\.\.\.|[*…])/i,
    entropy: 3,
    tags: ['observability', 'mezmo'],
    samples: {
      positive: [
        'LOGDNA_INGESTION_KEY=862deaf50a720ad33aa6824829b4b70d',
        'mezmo_service_key: "67e22a76d66ed2a19cd1bd52158cc64e"',
      ],
      negative: ['LOGDNA_INGESTION_KEY=${LOGDNA_KEY}', 'MEZMO_HOST=logs.mezmo.com'],
    },
  },
  {
    id: 'betterstack-source-token',
    title: 'Better Stack (Logtail) source token',
    severity: 'medium',
    description:
      'A Better Stack / Logtail source token assigned to a matching variable. It writes logs into the source.',
    remediation:
      'Revoke or rotate the credential immediately (Better Stack > Telemetry > Sources > the source > regenerate token), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://betterstack.com/docs/logs/api/getting-started/'],
    keywords: ['logtail', 'betterstack', 'better_stack'],
    pattern:
      /(?:logtail|better_?stack)[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[A-Za-z0-9]{24})(?![A-Za-z0-9])(?!\.\.\.|[*…])/i,
    entropy: 3.5,
    tags: ['observability', 'betterstack'],
    samples: {
      positive: ['LOGTAIL_SOURCE_TOKEN=sM77hHiqiP8fy2ENDXtkQR0E', 'betterstack_token: "92CwZDzWOSSDJOoLhEzBFxbV"'],
      negative: ['LOGTAIL_SOURCE_TOKEN=${LOGTAIL_TOKEN}', 'BETTERSTACK_HOST=in.logs.betterstack.com'],
    },
  },
  {
    id: 'axiom-token',
    title: 'Axiom API / personal token',
    severity: 'high',
    description:
      'An Axiom API token (xaat-...) or personal token (xapt-...). It ingests and queries datasets with the token permissions.',
    remediation:
      'Revoke or rotate the credential immediately (Axiom > Settings > API tokens / Profile > Personal tokens > delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://axiom.co/docs/reference/tokens'],
    keywords: ['xaat-', 'xapt-'],
    pattern:
      /(?<![A-Za-z0-9_+/-])xa[ap]t-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3,
    tags: ['observability', 'axiom'],
    samples: {
      positive: [
        'AXIOM_TOKEN=xaat-ace02e04-75a6-4753-a7da-4e6e7790a7e6',
        'axiom_personal_token: "xapt-7ad01295-cb35-4771-862e-7ece0e733573"',
      ],
      negative: ['AXIOM_TOKEN=xaat-85be643a', 'AXIOM_DATASET=vercel'],
    },
  },
  {
    id: 'opsgenie-api-key',
    title: 'Opsgenie API key',
    severity: 'high',
    description:
      'An Opsgenie API key (UUID) assigned to an Opsgenie-named variable. It creates, acknowledges and closes alerts and reads on-call schedules.',
    remediation:
      'Revoke or rotate the credential immediately (Opsgenie > Settings > API key management (or the integration) > delete and create a new key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://support.atlassian.com/opsgenie/docs/api-key-management/'],
    keywords: ['opsgenie', 'geniekey'],
    pattern:
      /(?:GenieKey[ \t]{1,3}|(?<![a-z])opsgenie[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?))(?<secret>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?![A-Za-z0-9-])(?!\.\.\.|[*…])/i,
    entropy: 3,
    tags: ['observability', 'opsgenie'],
    samples: {
      positive: [
        'OPSGENIE_API_KEY=b134ae99-98c8-45fc-9170-e5e8964a3f9f',
        'curl -H "Authorization: GenieKey afbe85cc-f63f-49c7-837c-f5fdcb58e16a" https://api.opsgenie.com/v2/alerts',
      ],
      negative: ['OPSGENIE_API_KEY=${OPSGENIE_API_KEY}', 'OPSGENIE_TEAM=payments'],
    },
  },
  {
    id: 'posthog-personal-api-key',
    title: 'PostHog personal API key',
    severity: 'high',
    description:
      'A PostHog personal API key (phx_...). It reads analytics data (events, persons - often PII) and manages projects, feature flags and insights. Project keys (phc_) are public and not reported.',
    remediation:
      'Revoke or rotate the credential immediately (PostHog > Account settings > Personal API keys > delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://posthog.com/docs/api#private-endpoint-authentication'],
    keywords: ['phx_'],
    pattern: /(?<![A-Za-z0-9_+/-])phx_[A-Za-z0-9]{43,47}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['observability', 'posthog'],
    samples: {
      positive: [
        'POSTHOG_PERSONAL_API_KEY=phx_FqT33bhRndMY9BukrdwvVKxVoZjKDVkCL59b3mvn3WS',
        'headers = {"Authorization": "Bearer phx_NzMO8b7pVzmyB6XheimHm4QNi1tE21q9FrjMyhv4td0K3id"}',
      ],
      negative: [
        'NEXT_PUBLIC_POSTHOG_KEY=phc_GtyYuR4kV98D4bj8hQSVMhCMQxht7ib3oyxk2xTGXNA',
        'POSTHOG_PERSONAL_API_KEY=phx_SRFtDHQs',
      ],
    },
  },
];
