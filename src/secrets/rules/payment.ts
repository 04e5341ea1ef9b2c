import type { SecretRule } from '../rule.js';

/** Built-in secret rules: payment providers and commerce platforms (Stripe, Square, PayPal/Braintree, Adyen, Shopify, …). */
export const paymentRules: SecretRule[] = [
  {
    id: 'stripe-live-secret-key',
    title: 'Stripe live secret key',
    severity: 'critical',
    description:
      'A Stripe live-mode secret API key (sk_live_...). It has full access to the Stripe account: charges, refunds, payouts, customer and card data.',
    remediation:
      'Revoke or rotate the credential immediately (Stripe Dashboard > Developers > API keys > Roll key (expire the old key now)), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does. Use restricted keys (rk_live_) with minimal permissions for services.',
    references: ['https://docs.stripe.com/keys', 'https://docs.stripe.com/keys#rolling-keys'],
    keywords: ['sk_live_'],
    pattern:
      /(?<![Cc][Ll][Ee][Rr][Kk][\w.-]{0,30}["'`]?[ \t]{0,5}[:=][ \t]{0,5}["'`]?)(?<![A-Za-z0-9_+/-])sk_live_(?![a-f0-9]{40}(?![A-Za-z0-9]))[A-Za-z0-9]{24,247}(?![A-Za-z0-9_-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['payment', 'stripe'],
    samples: {
      positive: [
        'STRIPE_SECRET_KEY=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',
        'Stripe.api_key = "sk_live_8CCEwqYmSNX1B4ZKxxZ9A8kl"',
      ],
      negative: [
        'STRIPE_PUBLISHABLE_KEY=pk_live_51tJvo15gu8FjmlDCGtfw5IuZvU8lcZKIaYQBUXDKA2gwPvFKApuMVEDiT11VBY56oUxZmXKRFH0PAAtP5smm22CRGQmyyxzTzJ',
        'STRIPE_SECRET_KEY=sk_live_NcWyfp',
        'STRIPE_SECRET_KEY=sk_live_${STRIPE_KEY}',
      ],
    },
  },
  {
    id: 'stripe-restricted-key',
    title: 'Stripe live restricted key',
    severity: 'high',
    description:
      'A Stripe live-mode restricted API key (rk_live_...). It has the permissions selected when it was created - often read or write access to payments and customers.',
    remediation:
      'Revoke or rotate the credential immediately (Stripe Dashboard > Developers > API keys > Restricted keys > Roll or Delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.stripe.com/keys', 'https://docs.stripe.com/keys#rolling-keys'],
    keywords: ['rk_live_'],
    pattern: /(?<![A-Za-z0-9_+/-])rk_live_[A-Za-z0-9]{24,247}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['payment', 'stripe'],
    samples: {
      positive: [
        'STRIPE_RESTRICTED_KEY=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',
        'stripe_key: "rk_live_GgWsa8wBe8VgXVAAuBcoQcaa"',
      ],
      negative: ['STRIPE_RESTRICTED_KEY=rk_live_x05iw6Eawx', 'const prefix = "rk_live_";'],
    },
  },
  {
    id: 'stripe-test-secret-key',
    title: 'Stripe test-mode secret key',
    severity: 'low',
    description:
      'A Stripe test-mode secret or restricted key (sk_test_/rk_test_...). It cannot move real money but exposes test data and account configuration, and often sits next to live keys.',
    remediation:
      'Revoke or rotate the credential immediately (Stripe Dashboard > Developers > API keys > Roll key (expire the old key now)), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does. Keep test keys out of source too, so live keys do not follow the same path.',
    references: ['https://docs.stripe.com/keys', 'https://docs.stripe.com/keys#rolling-keys'],
    keywords: ['sk_test_', 'rk_test_'],
    pattern: /(?<![A-Za-z0-9_+/-])[sr]k_test_[A-Za-z0-9]{24,247}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['payment', 'stripe'],
    samples: {
      positive: [
        'STRIPE_SECRET_KEY=sk_test_514Tr7E1XjCLKVeHYnyX9MhFwzJW2lbhsAF7gO0qFrw3QhNvpw1MxcExom9SRcnpGFHxZvpgE0BSKPnUpJTpkSAYzlvxui0eoxa',
        'stripe.api_key = "rk_test_Egb7rVOAd1pRRdLjX4H57LC3"',
      ],
      negative: [
        'STRIPE_PUBLISHABLE_KEY=pk_test_517M8vI5Lborwvgj1lB7LPyszRnOsLWes21bFh21nvyahW4IWhOEGFW9X1Rje6NZFxwcOO6qlj6RnWzO3wNLx2AQFuzZova5tbW',
        'STRIPE_SECRET_KEY=sk_test_Pk0M',
      ],
    },
  },
  {
    id: 'stripe-webhook-secret',
    title: 'Stripe webhook signing secret',
    severity: 'medium',
    description:
      'A Stripe (or Svix-style) webhook signing secret (whsec_...). It lets an attacker forge webhook events that the application will trust, e.g. fake successful payments.',
    remediation:
      'Revoke or rotate the credential immediately (Stripe Dashboard > Developers > Webhooks > the endpoint > Roll secret), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.stripe.com/webhooks#verify-events'],
    keywords: ['whsec_'],
    pattern: /(?<![A-Za-z0-9_+/-])whsec_[A-Za-z0-9+/=]{32,100}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['payment', 'stripe'],
    samples: {
      positive: [
        'STRIPE_WEBHOOK_SECRET=whsec_ElaRMM2TzoXw0VfBoAiGc7sM8J86uOGs',
        'webhook_secret: "whsec_VXxJiiHgRuV6hecCmbfZQWr6AG3GSKShmPZ8l0uzhIRY"',
      ],
      negative: ['STRIPE_WEBHOOK_SECRET=whsec_5oRMU3', 'STRIPE_WEBHOOK_SECRET=whsec_...'],
    },
  },
  {
    id: 'square-access-token',
    title: 'Square access token',
    severity: 'high',
    description:
      'A Square production access token (EAAA...). It takes payments, issues refunds and reads customer data of the seller account within its OAuth scopes.',
    remediation:
      'Revoke or rotate the credential immediately (Square Developer Dashboard > the application > Credentials > Replace/Revoke the access token), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://developer.squareup.com/docs/build-basics/access-tokens'],
    keywords: ['eaaa'],
    pattern: /(?<![A-Za-z0-9_+/-])EAAA[A-Za-z0-9_-]{60}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['payment', 'square'],
    samples: {
      positive: [
        'SQUARE_ACCESS_TOKEN=EAAAZaaL6GybIvFxn1r7tZhScDLJ4WZ4YdN0JoXMpqLt8zAzLjmEbQtCZPBwtkxM',
        'square_token: "EAAABWU5zfOxv8615OBgfdDQnonBfWuO_YVQuVmcDPMYTH1uAg1GwEgRhpVcY8pa"',
      ],
      negative: ['SQUARE_ACCESS_TOKEN=EAAAGL8ktj7O', 'SQUARE_ENVIRONMENT=production'],
    },
  },
  {
    id: 'square-legacy-access-token',
    title: 'Square access token (legacy format)',
    severity: 'high',
    description:
      "A legacy Square access token (sq0atp-...). It acts on the seller account with the application's permissions.",
    remediation:
      'Revoke or rotate the credential immediately (Square Developer Dashboard > Credentials > Replace the access token), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://developer.squareup.com/docs/build-basics/access-tokens'],
    keywords: ['sq0atp-'],
    pattern: /(?<![A-Za-z0-9_+/-])sq0atp-[A-Za-z0-9_-]{22}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['payment', 'square'],
    samples: {
      positive: ['SQUARE_TOKEN=sq0atp-Jjg88Mfk7wdcP79NDC0_NB', 'token = "sq0atp-SrpDXr-qC3POSGENdCBKpz"'],
      negative: ['SQUARE_TOKEN=sq0atp-9Kes', 'prefix = "sq0atp-"'],
    },
  },
  {
    id: 'square-oauth-secret',
    title: 'Square OAuth application secret',
    severity: 'high',
    description:
      'A Square OAuth application secret (sq0csp-...). It lets an attacker exchange authorization codes and obtain seller access tokens for the app.',
    remediation:
      'Revoke or rotate the credential immediately (Square Developer Dashboard > the application > OAuth > Replace secret), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://developer.squareup.com/docs/oauth-api/overview'],
    keywords: ['sq0csp-'],
    pattern: /(?<![A-Za-z0-9_+/-])sq0csp-[A-Za-z0-9_-]{43}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['payment', 'square'],
    samples: {
      positive: [
        'SQUARE_APP_SECRET=sq0csp-zwJwR6Mhyq3x_9rGJ87jSHwJGP8ToyFoPbhjTFPFr3t',
        '  "client_secret": "sq0csp-ZZO-GCQqmuv5rDgxidXAN9vmOuAlVMhplcCvys2gm6O"',
      ],
      negative: ['SQUARE_APP_SECRET=sq0csp-xbwYbq', 'SQUARE_APP_SECRET=sq0csp-'],
    },
  },
  {
    id: 'braintree-access-token',
    title: 'PayPal Braintree production access token',
    severity: 'critical',
    description:
      'A PayPal/Braintree production access token (access_token$production$...). It processes transactions and reads payment data for the merchant.',
    remediation:
      'Revoke or rotate the credential immediately (Braintree Control Panel > Settings > API > revoke the access token / disconnect the PayPal app), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://developer.paypal.com/braintree/docs/guides/authorization/access-token'],
    keywords: ['access_token$production$'],
    pattern:
      /(?<![A-Za-z0-9_+/-])access_token\$production\$[a-z0-9]{16}\$[a-f0-9]{32}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3,
    tags: ['payment', 'paypal'],
    samples: {
      positive: [
        'BRAINTREE_ACCESS_TOKEN=access_token$production$5fhuuzk3y810ex67$9ecce852d0c70cb67667087b8a9be46c',
        'gateway = braintree.BraintreeGateway(access_token="access_token$production$uegphcsduayz3tnb$ba195619d8950ef5c490a4e5322b1bff")',
      ],
      negative: ['BRAINTREE_ENVIRONMENT=production', 'BRAINTREE_ACCESS_TOKEN=access_token$production$'],
    },
  },
  {
    id: 'braintree-private-key',
    title: 'Braintree private key',
    severity: 'critical',
    description:
      'A Braintree API private key assigned to a Braintree-named variable. With the merchant ID and public key it has full API access to the merchant account.',
    remediation:
      'Revoke or rotate the credential immediately (Braintree Control Panel > Settings > API > API Keys > delete the key pair and generate a new one), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://developer.paypal.com/braintree/articles/control-panel/important-gateway-credentials'],
    keywords: ['braintree'],
    pattern:
      /braintree[\w.-]{0,20}private[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[a-f0-9]{32})(?![a-f0-9])(?!\.\.\.|[*…])/i,
    entropy: 3,
    tags: ['payment', 'paypal'],
    samples: {
      positive: [
        'BRAINTREE_PRIVATE_KEY=83efea3344ee38063791349f90cbdde3',
        'braintree_private_key: "1f0c270614e106cdb98ba8492fd84a1b"',
      ],
      negative: ['BRAINTREE_MERCHANT_ID=h4mdhtjfcjwzx8t0', 'BRAINTREE_PRIVATE_KEY=${BT_PRIVATE_KEY}'],
    },
  },
  {
    id: 'paypal-client-secret',
    title: 'PayPal REST client secret',
    severity: 'high',
    description:
      'A PayPal REST API client secret assigned to a PayPal-named variable. With the client ID it obtains access tokens to create payments, refunds and payouts for the account.',
    remediation:
      'Revoke or rotate the credential immediately (PayPal Developer Dashboard > Apps & Credentials > the app > show/regenerate secret and disable the old one), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://developer.paypal.com/api/rest/authentication/'],
    keywords: ['paypal'],
    pattern:
      /paypal[\w.-]{0,30}secret[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[A-Za-z0-9_-]{60,90})(?![A-Za-z0-9_-])(?!\.\.\.|[*…])/i,
    entropy: 4,
    tags: ['payment', 'paypal'],
    samples: {
      positive: [
        'PAYPAL_CLIENT_SECRET=E8BlqYZ5zpnvNku74sxP8eSEuXoSaM6L3TrHEachFIhZJJr5dWiKGeS998wfPCKzGyNmhRnZuidjPe2I',
        'paypal_secret: "EDMBD1Cm2M9t8xGxoJDW1mDHgfDSVz-RbqB7UT2AiC33dUWTInxvxgxS_FTuO7NNlBURVOx1uraxghgr"',
      ],
      negative: [
        'PAYPAL_CLIENT_SECRET=${PAYPAL_CLIENT_SECRET}',
        'PAYPAL_CLIENT_ID=A02S-Pd_bsdZmGNXuqJcHiDLuHOw4S4Hg_yDOxHPqoD4QKsjbsoKmEtG20f3P8p_igz_3vxN0J9XbeHS',
      ],
    },
  },
  {
    id: 'adyen-api-key',
    title: 'Adyen API key',
    severity: 'critical',
    description:
      'An Adyen API key (AQE...). It authorizes payments, refunds and payouts and reads transaction data for the company or merchant account.',
    remediation:
      'Revoke or rotate the credential immediately (Adyen Customer Area > Developers > API credentials > the credential > generate a new API key and revoke the old one), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.adyen.com/development-resources/api-credentials/'],
    keywords: ['aqe', 'adyen'],
    pattern:
      /(?:(?<![A-Za-z0-9_+/-])(?=AQE[A-Za-z0-9+/]{40,200}={0,2}-[A-Za-z0-9+/]{40,50}={0,2}-)|(?<![a-z])adyen[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?=AQE))(?<secret>AQE[^\s"'`,]{60,300})(?![^\s"'`,])(?!\.\.\.|[*…])/i,
    entropy: 4,
    tags: ['payment', 'adyen'],
    samples: {
      positive: [
        'ADYEN_API_KEY=AQEqvgSKfY/BUWjsZOJF75ZCqrEB8bsaXQ0oJRfbOIMlYeyaWxY0PrAuqS30naomhYTJYqyH+hPRzaCsBaDTha1WllxrRPz97D==-5RnoVilEZcHUuqhcYHWaXGIldOixciP+7WIeu45AZPB=-B57x7y;{%v3xM',
        'adyen.api-key: "AQEJyd/BKa3U3ZQSN14vNa6qKyHsR4nwMFW42Xy53aaY2/+Y5YUpDH6i7wmed5eKKBweuVzFQDznLN95j87x6rgjCzggW6hyde/C=-UJuFSyd3+ydSEDXyjpXEDjy0l+uk4QgbG0HQk+HEVaa=-kUjyN3URCf2j"',
        'ADYEN_API_KEY=AQEdWxmt15gzvAboEnJKTlS3BPtst2c0Z9BbNZJHkR6nGU1XVGBfYFfnSEqVaNbDqnjDM5dCYV0+mmwqQFGh/5LKeS1K6walEO5aPbp+lPQDkuvKhpoZkt8qZMv',
      ],
      negative: ['ADYEN_CLIENT_KEY=live_KW7GM5LNZH814NYAAK0PELC5WAC0MO6U', 'ADYEN_API_KEY=AQELPG4Dx'],
    },
  },
  {
    id: 'shopify-access-token',
    title: 'Shopify Admin API access token',
    severity: 'critical',
    description:
      "A Shopify Admin API access token (shpat_...) of a custom or private app. It reads and modifies store data - orders, customers, products - within the app's access scopes.",
    remediation:
      'Revoke or rotate the credential immediately (Shopify admin > Settings > Apps and sales channels > Develop apps > the app > API credentials > rotate / uninstall the app), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/generate-app-access-tokens-admin',
      'https://shopify.dev/docs/apps/build/authentication-authorization',
    ],
    keywords: ['shpat_'],
    pattern: /(?<![A-Za-z0-9_+/-])shpat_[a-fA-F0-9]{32}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3,
    tags: ['payment', 'shopify'],
    samples: {
      positive: [
        'SHOPIFY_ACCESS_TOKEN=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',
        "  'X-Shopify-Access-Token': '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',",
      ],
      negative: ['SHOPIFY_ACCESS_TOKEN=shpat_6d39', 'SHOPIFY_API_VERSION=2024-07'],
    },
  },
  {
    id: 'shopify-custom-app-token',
    title: 'Shopify custom app access token',
    severity: 'high',
    description:
      "A Shopify custom app access token (shpca_...). It calls the Admin API for the store with the app's scopes.",
    remediation:
      'Revoke or rotate the credential immediately (Shopify admin > Settings > Apps and sales channels > Develop apps > the app > API credentials > rotate / uninstall the app), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/generate-app-access-tokens-admin',
      'https://shopify.dev/docs/apps/build/authentication-authorization',
    ],
    keywords: ['shpca_'],
    pattern: /(?<![A-Za-z0-9_+/-])shpca_[a-fA-F0-9]{32}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3,
    tags: ['payment', 'shopify'],
    samples: {
      positive: [
        'SHOPIFY_ACCESS_TOKEN=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',
        "  'X-Shopify-Access-Token': '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',",
      ],
      negative: ['SHOPIFY_ACCESS_TOKEN=shpca_f278', 'SHOPIFY_API_VERSION=2024-07'],
    },
  },
  {
    id: 'shopify-private-app-token',
    title: 'Shopify private app access token',
    severity: 'high',
    description:
      "A Shopify private app password / access token (shppa_...). It calls the Admin API for the store with the app's permissions.",
    remediation:
      'Revoke or rotate the credential immediately (Shopify admin > Settings > Apps and sales channels > Develop apps > the app > API credentials > rotate / uninstall the app), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/generate-app-access-tokens-admin',
      'https://shopify.dev/docs/apps/build/authentication-authorization',
    ],
    keywords: ['shppa_'],
    pattern: /(?<![A-Za-z0-9_+/-])shppa_[a-fA-F0-9]{32}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3,
    tags: ['payment', 'shopify'],
    samples: {
      positive: [
        'SHOPIFY_ACCESS_TOKEN=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',
        "  'X-Shopify-Access-Token': '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',",
      ],
      negative: ['SHOPIFY_ACCESS_TOKEN=shppa_ac78', 'SHOPIFY_API_VERSION=2024-07'],
    },
  },
  {
    id: 'shopify-shared-secret',
    title: 'Shopify app shared secret',
    severity: 'high',
    description:
      'A Shopify app shared secret (shpss_...). It signs and verifies webhooks and OAuth requests; an attacker can forge webhooks or complete OAuth as the app.',
    remediation:
      'Revoke or rotate the credential immediately (Shopify admin > Settings > Apps and sales channels > Develop apps > the app > API credentials > rotate / uninstall the app), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/generate-app-access-tokens-admin',
      'https://shopify.dev/docs/apps/build/authentication-authorization',
    ],
    keywords: ['shpss_'],
    pattern: /(?<![A-Za-z0-9_+/-])shpss_[a-fA-F0-9]{32}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3,
    tags: ['payment', 'shopify'],
    samples: {
      positive: [
        'SHOPIFY_ACCESS_TOKEN=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',
        "  'X-Shopify-Access-Token': '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',",
      ],
      negative: ['SHOPIFY_ACCESS_TOKEN=shpss_0248', 'SHOPIFY_API_VERSION=2024-07'],
    },
  },
  {
    id: 'coinbase-api-secret',
    title: 'Coinbase API secret',
    severity: 'critical',
    description:
      'A Coinbase / Coinbase Developer Platform API secret assigned to a Coinbase-named variable. Depending on permissions it can view balances, trade and transfer funds.',
    remediation:
      'Revoke or rotate the credential immediately (Coinbase Developer Platform > API keys (or Coinbase settings > API) > delete the key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.cdp.coinbase.com/get-started/docs/cdp-api-keys'],
    keywords: ['coinbase'],
    pattern:
      /coinbase[\w.-]{0,30}(?:secret|private_?key)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[A-Za-z0-9+/_-]{32,88}={0,2})(?![A-Za-z0-9+/=_-])(?!\.\.\.|[*…])/i,
    entropy: 3.8,
    tags: ['payment', 'crypto'],
    samples: {
      positive: [
        'COINBASE_API_SECRET=9dVGIpQDiikTGTT/e8gcAJ/cv5FwRVYOgURN7rmtfI16+xGH2IUGiQ0EIdLvsFurjZMXlHr9Xc4VBVb1SRjVDV==',
        'coinbase_api_secret: "sK1u0x2QEYnPHqyBDHq6wK6YlXODfIQl"',
      ],
      negative: ['COINBASE_API_SECRET=${COINBASE_API_SECRET}', 'COINBASE_API_URL=https://api.coinbase.com/v2'],
    },
  },
  {
    id: 'plaid-secret',
    title: 'Plaid API secret',
    severity: 'high',
    description:
      'A Plaid client secret assigned to a Plaid-named variable. With the client ID it calls the Plaid API for linked bank accounts (balances, transactions, identity).',
    remediation:
      'Revoke or rotate the credential immediately (Plaid Dashboard > Developers > Keys > rotate the secret for the environment), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://plaid.com/docs/account/security/#rotating-keys'],
    keywords: ['plaid'],
    pattern:
      /plaid[\w.-]{0,30}secret[\w.-]{0,15}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[a-f0-9]{30})(?![a-f0-9])(?!\.\.\.|[*…])/i,
    entropy: 3,
    tags: ['payment', 'plaid'],
    samples: {
      positive: [
        'PLAID_SECRET=ac6087cba8f34e031609a3af725730',
        'plaid_secret_production: "2a8a21382e6875141a59be492d6b9e"',
      ],
      negative: ['PLAID_SECRET=${PLAID_SECRET}', 'PLAID_CLIENT_ID=8a746c072e89694d404b2197'],
    },
  },
  {
    id: 'plaid-access-token',
    title: 'Plaid access token',
    severity: 'high',
    description:
      "A Plaid production or development access token (access-production-...). It reads the linked bank account's data for as long as the Item exists.",
    remediation:
      'Revoke or rotate the credential immediately (call /item/remove for the Item or rotate the token with /item/access_token/invalidate), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://plaid.com/docs/api/tokens/', 'https://plaid.com/docs/api/items/#itemremove'],
    keywords: ['access-production-', 'access-development-'],
    pattern:
      /(?<![A-Za-z0-9_+/-])access-(?:production|development)-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3,
    tags: ['payment', 'plaid'],
    samples: {
      positive: [
        'PLAID_ACCESS_TOKEN=access-production-0428296b-836c-4691-928f-d414c05a900e',
        '  access_token: "access-development-d562e347-cacb-47be-a843-21d25ee48dd0",',
      ],
      negative: ['PLAID_ENV=production', 'PLAID_ACCESS_TOKEN=access-production-'],
    },
  },
  {
    id: 'razorpay-key-id',
    title: 'Razorpay live key ID',
    severity: 'medium',
    description:
      'A Razorpay live key ID (rzp_live_...). It identifies a live API key pair; the key secret is usually stored next to it.',
    remediation:
      'Revoke or rotate the credential immediately (Razorpay Dashboard > Account & Settings > API keys > Regenerate key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://razorpay.com/docs/payments/dashboard/account-settings/api-keys/'],
    keywords: ['rzp_live_'],
    pattern: /(?<![A-Za-z0-9_+/-])rzp_live_[A-Za-z0-9]{14}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3,
    tags: ['payment', 'razorpay'],
    samples: {
      positive: ['RAZORPAY_KEY_ID=rzp_live_P5R5VrKyNeJGya', 'key_id: "rzp_live_scJlfeSHBoevvO"'],
      negative: ['RAZORPAY_KEY_ID=rzp_live_X5oTak', 'RAZORPAY_KEY_ID=rzp_live_'],
    },
  },
  {
    id: 'razorpay-key-secret',
    title: 'Razorpay key secret',
    severity: 'critical',
    description:
      'A Razorpay API key secret assigned to a Razorpay-named variable. With the key ID it captures and refunds payments and reads settlements.',
    remediation:
      'Revoke or rotate the credential immediately (Razorpay Dashboard > Account & Settings > API keys > Regenerate key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://razorpay.com/docs/payments/dashboard/account-settings/api-keys/'],
    keywords: ['razorpay'],
    pattern:
      /razorpay[\w.-]{0,30}secret[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[A-Za-z0-9]{24})(?![A-Za-z0-9])(?!\.\.\.|[*…])/i,
    entropy: 3.5,
    tags: ['payment', 'razorpay'],
    samples: {
      positive: ['RAZORPAY_KEY_SECRET=2L8lLvx34YmWci37M9lq6R0c', 'razorpay_secret: "PD8IFz6EpblMhUYZU4DRX1tY"'],
      negative: ['RAZORPAY_KEY_SECRET=${RAZORPAY_KEY_SECRET}', 'RAZORPAY_KEY_SECRET=wR83gKJfWw'],
    },
  },
  {
    id: 'flutterwave-secret-key',
    title: 'Flutterwave live secret key',
    severity: 'critical',
    description:
      'A Flutterwave live secret key (FLWSECK-...-X). It initiates charges, transfers and refunds on the merchant account.',
    remediation:
      'Revoke or rotate the credential immediately (Flutterwave Dashboard > Settings > API Keys > Generate new keys), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://developer.flutterwave.com/docs/authentication'],
    keywords: ['flwseck-'],
    pattern: /(?<![A-Za-z0-9_+/-])FLWSECK-[a-f0-9]{32}-X(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3,
    tags: ['payment', 'flutterwave'],
    samples: {
      positive: [
        'FLW_SECRET_KEY=FLWSECK-417e44aa141c44feae825966aba853f4-X',
        'flutterwave_secret: "FLWSECK-7c2f720d4d9fc751ff318f1f0f15347e-X"',
      ],
      negative: ['FLW_PUBLIC_KEY=FLWPUBK-f1a2383ce0f68d192d71d52dc7589598-X', 'FLW_SECRET_KEY=FLWSECK-4bd4-X'],
    },
  },
  {
    id: 'flutterwave-encryption-key',
    title: 'Flutterwave encryption key',
    severity: 'high',
    description:
      'A Flutterwave live encryption key (FLWSECK + 12 hex). It encrypts card payloads for direct charges; with the secret key it enables fraudulent charges.',
    remediation:
      'Revoke or rotate the credential immediately (Flutterwave Dashboard > Settings > API Keys > Generate new keys), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://developer.flutterwave.com/docs/authentication'],
    keywords: ['flwseck'],
    pattern: /(?<![A-Za-z0-9_+/-])FLWSECK[a-f0-9]{12}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3,
    tags: ['payment', 'flutterwave'],
    samples: {
      positive: ['FLW_ENCRYPTION_KEY=FLWSECK64e3896d0f7c', 'encryption_key: "FLWSECKc3bb8249c910"'],
      negative: ['FLW_ENCRYPTION_KEY=FLWSECKb5c349', 'FLW_PUBLIC_KEY=FLWPUBK-698fa1c16fe7f54571e8caacc59f2f58-X'],
    },
  },
  {
    id: 'gocardless-access-token',
    title: 'GoCardless live access token',
    severity: 'critical',
    description:
      "A GoCardless live access token (live_...). It creates mandates and collects Direct Debit payments from the organization's customers.",
    remediation:
      'Revoke or rotate the credential immediately (GoCardless Dashboard > Developers > Access tokens > Revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://developer.gocardless.com/getting-started/api/making-your-first-request/'],
    keywords: ['live_'],
    pattern: /(?<![A-Za-z0-9_+/-])live_(?=[A-Za-z_-]{0,39}[0-9])[A-Za-z0-9_-]{40}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['payment', 'gocardless'],
    samples: {
      positive: [
        'GOCARDLESS_ACCESS_TOKEN=live_KaUNbwt0h3M5goW9Dks9PSl-2ohnB1ll9ZxsFdSR',
        'access_token: "live_6LbiVWJ-KMYEFaI9Wy3BLqBWqZ9h_jQr47ual4z5"',
      ],
      negative: ['GOCARDLESS_ENVIRONMENT=live', 'const prefix = "live_";'],
    },
  },
  {
    id: 'paystack-secret-key',
    title: 'Paystack live secret key',
    severity: 'critical',
    description:
      'A Paystack live secret key (sk_live_ + 40 hex). It charges customers, initiates transfers and reads transaction data.',
    remediation:
      'Revoke or rotate the credential immediately (Paystack Dashboard > Settings > API Keys & Webhooks > Generate new secret key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://paystack.com/docs/api/authentication/'],
    keywords: ['sk_live_'],
    pattern: /(?<![A-Za-z0-9_+/-])sk_live_[a-f0-9]{40}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3,
    tags: ['payment', 'paystack'],
    samples: {
      positive: [
        'PAYSTACK_SECRET_KEY=sk_live_ab7696a414c098cf5fe5d4fe300a1479afa4d5e5',
        'paystack_secret: "sk_live_13f3d9f646609043cecdb572a8d8a91d7864ba6e"',
      ],
      negative: [
        'PAYSTACK_PUBLIC_KEY=pk_live_eb8624db4bfe234e724ea8000acdab8efd91909b',
        'PAYSTACK_SECRET_KEY=sk_live_4c0206',
      ],
    },
  },
  {
    id: 'mollie-api-key',
    title: 'Mollie live API key',
    severity: 'critical',
    description:
      'A Mollie live API key (live_ + 30 characters). It creates payments and refunds and reads payment data of the website profile.',
    remediation:
      'Revoke or rotate the credential immediately (Mollie Dashboard > Developers > API keys > Reset live API key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.mollie.com/docs/authentication'],
    keywords: ['live_'],
    pattern: /(?<![A-Za-z0-9_+/-])live_(?=[A-Za-z]{0,29}[0-9])[A-Za-z0-9]{30}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['payment', 'mollie'],
    samples: {
      positive: [
        'MOLLIE_API_KEY=live_JduPM8dra3hSXvhwcOrSWY9ixhncai',
        '$mollie->setApiKey("live_dr5YKKbRCv7beffoJUBuqf3f04uBId");',
      ],
      negative: ['MOLLIE_API_KEY=live_u6htLT', 'MOLLIE_PROFILE_ID=pfl_wrDVVtnB7F'],
    },
  },
  {
    id: 'paddle-api-key',
    title: 'Paddle Billing API key',
    severity: 'high',
    description:
      'A Paddle Billing API key (pdl_live_apikey_/pdl_sdbx_apikey_...). It manages products, prices, subscriptions and transactions within its permissions.',
    remediation:
      'Revoke or rotate the credential immediately (Paddle > Developer tools > Authentication > revoke the API key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://developer.paddle.com/api-reference/about/api-keys'],
    keywords: ['pdl_live_apikey_', 'pdl_sdbx_apikey_'],
    pattern:
      /(?<![A-Za-z0-9_+/-])pdl_(?:live|sdbx)_apikey_[a-z0-9]{26}_[A-Za-z0-9]{22}_[A-Za-z0-9]{3}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['payment', 'paddle'],
    samples: {
      positive: [
        'PADDLE_API_KEY=pdl_live_apikey_01o1lpm5ldw4lmopsuj3h5f1pl_Dtpqa1nbMFWwdfx3pY5jmZ_MsL',
        'Authorization: Bearer pdl_sdbx_apikey_01o8qwfc035w8b3y28r6dcboij_MYn9H9ivvwizgz8EvoVKaH_Qbr',
      ],
      negative: ['PADDLE_ENVIRONMENT=production', 'PADDLE_API_KEY=${PADDLE_API_KEY}'],
    },
  },
  {
    id: 'wise-api-token',
    title: 'Wise (TransferWise) API token',
    severity: 'high',
    description:
      'A Wise personal or business API token (UUID) assigned to a Wise-named variable. Full-access tokens can read balances and fund transfers.',
    remediation:
      'Revoke or rotate the credential immediately (Wise > Settings > Developer tools > API tokens > revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.wise.com/api-docs/features/authentication-access/personal-tokens'],
    keywords: ['wise'],
    pattern:
      /(?<![a-z])(?:transfer)?wise[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?![A-Za-z0-9_-])(?!\.\.\.|[*…])/i,
    entropy: 3,
    tags: ['payment', 'wise'],
    samples: {
      positive: [
        'WISE_API_TOKEN=f27f85be-4e30-427c-a062-95f4bd128767',
        'transferwise_token: "7a2b12c6-e7a8-4a8c-8051-c3938ff91f12"',
      ],
      negative: ['otherwise_id = "eea90a4f-da5c-4ce1-8ed3-360fc1507f05"', 'WISE_API_TOKEN=${WISE_TOKEN}'],
    },
  },
];
