import type { SecretRule } from '../rule.js';

/** Built-in secret rules: chat, e-mail and messaging services (Slack, Discord, Telegram, Twilio, SendGrid, Mailgun, …). */
export const messagingRules: SecretRule[] = [
  {
    id: 'slack-bot-token',
    title: 'Slack bot token',
    severity: 'high',
    description:
      'A Slack bot user OAuth token (xoxb-...). It reads and posts messages in every channel the bot is in and calls the Web API with the bot scopes.',
    remediation:
      'Revoke or rotate the credential immediately (Slack > api.slack.com/apps > the app > OAuth & Permissions > Revoke tokens (or call auth.revoke)), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://api.slack.com/concepts/token-types', 'https://api.slack.com/methods/auth.revoke'],
    keywords: ['xoxb-'],
    pattern:
      /(?<![A-Za-z0-9_+/-])xoxb-[0-9]{10,13}-(?:[0-9]{10,13}-[A-Za-z0-9]{24}|[A-Za-z0-9]{24})(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['messaging', 'slack'],
    samples: {
      positive: [
        'SLACK_BOT_TOKEN=xoxb-962653497546-4261854504818-dqwoQDXTUqw0Zv4Lqg9TOWtN',
        'slack_token: "xoxb-83996719313-8611351754543-0GgacO8aTssNqT5oHFnNocGM"',
      ],
      negative: ['SLACK_BOT_TOKEN=xoxb-2790778334', 'SLACK_BOT_TOKEN=xoxb-your-bot-token'],
    },
  },
  {
    id: 'slack-user-token',
    title: 'Slack user token',
    severity: 'high',
    description:
      'A Slack user OAuth token (xoxp-...). It acts as the user: reads private channels and DMs the user can see and posts as them, within the granted scopes.',
    remediation:
      'Revoke or rotate the credential immediately (Slack > api.slack.com/apps > the app > OAuth & Permissions > Revoke tokens (or call auth.revoke)), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://api.slack.com/concepts/token-types', 'https://api.slack.com/methods/auth.revoke'],
    keywords: ['xoxp-'],
    pattern:
      /(?<![A-Za-z0-9_+/-])xoxp-[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[a-f0-9]{32}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3,
    tags: ['messaging', 'slack'],
    samples: {
      positive: [
        'SLACK_USER_TOKEN=xoxp-706658398464-145321828339-3178030121937-f22a99547322ee5850c7ca5e994ee00e',
        'token = "xoxp-41789568576-486091222964-5669466279421-e8b87e69cb3d18ab78cdd98113fe1cc0"',
      ],
      negative: ['SLACK_USER_TOKEN=xoxp-1171908310', 'SLACK_USER_TOKEN=xoxp-'],
    },
  },
  {
    id: 'slack-app-token',
    title: 'Slack app-level token',
    severity: 'high',
    description:
      'A Slack app-level token (xapp-...). It opens Socket Mode connections and receives every event delivered to the app.',
    remediation:
      'Revoke or rotate the credential immediately (api.slack.com/apps > the app > Basic Information > App-Level Tokens > Revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://api.slack.com/concepts/token-types', 'https://api.slack.com/methods/auth.revoke'],
    keywords: ['xapp-'],
    pattern:
      /(?<![A-Za-z0-9_+/-])xapp-[0-9]-[A-Z0-9]{9,12}-[0-9]{10,13}-[a-f0-9]{64}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3,
    tags: ['messaging', 'slack'],
    samples: {
      positive: [
        'SLACK_APP_TOKEN=xapp-1-A0ECLM7YXRN-7537994012705-b09505ee8b28387b058eaf9695d616d04503a7930d7510bceeb1e93218875896',
        'app_token: "xapp-1-A0EMUFSLV4-5934592312415-820250fc2223d60ac92affc120a57d2ec9abfd8bbd2b35b3cbb9c47570a69749"',
      ],
      negative: ['SLACK_APP_TOKEN=xapp-1-A0RLJ3I', 'SLACK_APP_TOKEN=xapp-...'],
    },
  },
  {
    id: 'slack-config-token',
    title: 'Slack configuration / refresh token',
    severity: 'high',
    description:
      'A Slack app configuration access token (xoxe.xoxp-...) or rotating refresh token (xoxe-...). Configuration tokens create and modify apps; refresh tokens mint new access tokens.',
    remediation:
      'Revoke or rotate the credential immediately (api.slack.com/apps > Your App Configuration Tokens > Revoke (or call auth.revoke)), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://api.slack.com/authentication/config-tokens', 'https://api.slack.com/authentication/rotation'],
    keywords: ['xoxe'],
    pattern: /(?<![A-Za-z0-9_+/-])xoxe(?:\.xox[bp])?-[0-9]-[A-Za-z0-9]{100,250}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['messaging', 'slack'],
    samples: {
      positive: [
        'SLACK_CONFIG_TOKEN=xoxe.xoxp-1-Mi0ycWyZFUT56ft77wbsHaCU6tj1yQrbzRbuL4HFpbZvHvS6shXxar07rZcbOYBzEiZ2GUlHWKSFcronp5PWkoqXmXAm3rR7o68oiksT3g3PXP8Qy0tA4x46wmCdt3zkINcVmjUtLb3Gs0NlqgkgsfI4zKycJ0HzNRnT',
        'refresh_token: "xoxe-1-My0xvRMZjZJt5hP9aRYY7cItDv28lLYCAx1VDnh55etNOdAhs7fOr5uBoGO5iuPx4KARxw9vtFe7jRPq3Qgqdwx08E8XpABQbUtBNShrNpaGyWTODJm7b3Q8GlPk7MLTZLz0aH7wL0LpFuzh"',
      ],
      negative: ['SLACK_CONFIG_TOKEN=xoxe.xoxp-1-Yy', 'SLACK_CONFIG_TOKEN=xoxe'],
    },
  },
  {
    id: 'slack-legacy-token',
    title: 'Slack legacy token',
    severity: 'high',
    description:
      'A legacy Slack token (xoxa-, xoxo-, xoxr-, xoxs- workspace, session and test tokens). Legacy tokens usually carry the full permissions of the issuing user.',
    remediation:
      'Revoke or rotate the credential immediately (Slack > api.slack.com/legacy tokens page or auth.revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://api.slack.com/concepts/token-types', 'https://api.slack.com/methods/auth.revoke'],
    keywords: ['xoxa-', 'xoxo-', 'xoxr-', 'xoxs-'],
    pattern: /(?<![A-Za-z0-9_+/-])xox[aors]-[0-9][A-Za-z0-9-]{29,199}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['messaging', 'slack'],
    samples: {
      positive: [
        'SLACK_TOKEN=xoxs-30705981897-593654639517-175896571472-a32e89104ecc64f3dce40d2b703530563cbe71ad61921964801cae46d60ba8e6',
        'token: "xoxa-2-414292444679-3796435064469-kd15ugIFFlYKhPzxwztkxGHORsDjvPhZ"',
      ],
      negative: ['SLACK_TOKEN=xoxs-1234', 'xoxo-hugs-and-kisses-from-grandma-and-grandpa-xoxo'],
    },
  },
  {
    id: 'slack-webhook-url',
    title: 'Slack incoming webhook URL',
    severity: 'high',
    description:
      'A Slack incoming webhook URL (hooks.slack.com/services/...). Anyone holding it can post arbitrary messages (phishing links included) into the channel.',
    remediation:
      'Revoke or rotate the credential immediately (api.slack.com/apps > the app > Incoming Webhooks > remove the webhook (or remove the legacy integration)), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://api.slack.com/messaging/webhooks'],
    keywords: ['hooks.slack.com'],
    pattern:
      /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{8,12}\/B[A-Z0-9]{8,12}\/[A-Za-z0-9]{24}(?![A-Za-z0-9])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['messaging', 'slack', 'webhook'],
    samples: {
      positive: [
        'SLACK_WEBHOOK_URL=https://hooks.slack.com/services/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',
        '  webhook: "https://hooks.slack.com/services/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"',
      ],
      negative: [
        'SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T0JV2UG3YJ/B0777JWW589/o3RewnnF14ri',
        'https://hooks.slack.com/services/T0G06C1825/B0WSOXTYP2E',
      ],
    },
  },
  {
    id: 'slack-workflow-webhook-url',
    title: 'Slack workflow webhook URL',
    severity: 'medium',
    description:
      'A Slack Workflow Builder webhook trigger URL (hooks.slack.com/workflows|triggers/...). Anyone holding it can start the workflow with arbitrary input.',
    remediation:
      'Revoke or rotate the credential immediately (Slack Workflow Builder > the workflow > edit the webhook trigger and re-create it), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://slack.com/help/articles/360041352714-Build-a-workflow--Create-a-workflow-that-starts-outside-of-Slack',
    ],
    keywords: ['hooks.slack.com'],
    pattern:
      /https:\/\/hooks\.slack\.com\/(?:workflows|triggers)\/T[A-Z0-9]{8,12}\/A[A-Z0-9]{8,12}\/[0-9]{15,20}\/[A-Za-z0-9]{24,32}(?![A-Za-z0-9])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['messaging', 'slack', 'webhook'],
    samples: {
      positive: [
        'WORKFLOW_URL=https://hooks.slack.com/workflows/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',
        'url: https://hooks.slack.com/triggers/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',
      ],
      negative: ['https://hooks.slack.com/workflows/T0Y6QEASP3/A0FPGTITDB1', 'https://hooks.slack.com/triggers/'],
    },
  },
  {
    id: 'discord-bot-token',
    title: 'Discord bot token',
    severity: 'high',
    description:
      'A Discord bot token assigned to a Discord-named variable, passed to client.login() or sent as "Authorization: Bot". It controls the bot in every server it has joined.',
    remediation:
      'Revoke or rotate the credential immediately (Discord Developer Portal > the application > Bot > Reset Token), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://discord.com/developers/docs/reference#authentication',
      'https://discord.com/developers/docs/topics/oauth2#bots',
    ],
    keywords: ['discord', '.login(', 'bot '],
    pattern:
      /(?:discord[\w.-]{0,30}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)|\.login\([ \t]{0,3}["'`]|Authorization["'`]?[ \t]{0,3}[:=,][ \t]{0,3}["'`]?Bot[ \t]{1,3})(?<secret>[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40})(?![A-Za-z0-9_-])(?!\.\.\.|[*…])/i,
    entropy: 4,
    tags: ['messaging', 'discord'],
    samples: {
      positive: [
        'DISCORD_TOKEN=MTSjkt3QZ2WiQq9xb7qtTTjgoR.h1G8MQ.SVvNq2CW-zz2fVZSv5blLtOJHkkI431r7uyRs5',
        "client.login('OTkfDPmFdygE2ynnXWVmvCUj.cmYXct.NK-o-pe4IJLw-KpR9nVrOIPWmK_');",
        'headers = {"Authorization": "Bot MTcer41kllxr73CLrYCybvMEbU.Lnm6ed.wBiFyoPYDXHDJ3pNQZo0SLhZCkWEfytX1o-K4J"}',
      ],
      negative: ['client.login(process.env.DISCORD_TOKEN);', 'DISCORD_CLIENT_ID=1235328641330070677'],
    },
  },
  {
    id: 'discord-webhook-url',
    title: 'Discord webhook URL',
    severity: 'high',
    description:
      'A Discord webhook URL (discord.com/api/webhooks/<id>/<token>). Anyone holding it can post messages, including phishing links, into the channel.',
    remediation:
      'Revoke or rotate the credential immediately (Discord > Server settings > Integrations > Webhooks > delete the webhook), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://discord.com/developers/docs/resources/webhook'],
    keywords: ['discord.com/api/webhooks', 'discordapp.com/api/webhooks'],
    pattern:
      /https:\/\/(?:(?:ptb|canary)\.)?discord(?:app)?\.com\/api\/webhooks\/[0-9]{17,20}\/[A-Za-z0-9_-]{60,70}(?![A-Za-z0-9_-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['messaging', 'discord', 'webhook'],
    samples: {
      positive: [
        'DISCORD_WEBHOOK=https://discord.com/api/webhooks/5779149604174125141/JPMcHRobqo6d5cmd5oqdpeLwCUYwjrKiQoOSJDHH-Ap5Vzw1O2XiN1IKp85ESLgkSnjo',
        '  url: "https://discordapp.com/api/webhooks/551465655033278483/_KUwf6y-PXoWfd5H5QANXW7JFf0oOC5lzPCeADFpOzwvd_S4_O9m30vYImymqnY1tbi-"',
      ],
      negative: [
        'DISCORD_WEBHOOK=https://discord.com/api/webhooks/5287990897650965218',
        'https://discord.com/api/webhooks/{webhook.id}/{webhook.token}',
      ],
    },
  },
  {
    id: 'telegram-bot-token',
    title: 'Telegram bot token',
    severity: 'high',
    description:
      'A Telegram Bot API token (<bot id>:AA...). It controls the bot: reads messages sent to it and sends messages to its chats.',
    remediation:
      'Revoke or rotate the credential immediately (talk to @BotFather > /revoke > select the bot), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://core.telegram.org/bots/api#authorizing-your-bot',
      'https://core.telegram.org/bots/features#botfather',
    ],
    keywords: [':aa', 'telegram', 'tg_bot'],
    pattern:
      /(?:(?<![A-Za-z0-9_:-])(?=[0-9]{8,10}:AA)|(?<![a-z])(?:telegram|tg_bot)[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?))(?<secret>[0-9]{8,10}:[A-Za-z0-9_-]{35})(?![A-Za-z0-9_-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['messaging', 'telegram'],
    samples: {
      positive: [
        'TELEGRAM_BOT_TOKEN=3351805289:AAno8TpK6c6NkOZzrbzQzFuD86EaPzvlDj0',
        'bot = telebot.TeleBot("126237054:AApw1UGUzAvJf0cXQfP9qDahJSHMvX1ErZf")',
        'telegram_token: "4796733029:WLZtE9mNOf263IaKdkQqXXBthiwyZN1uEla"',
      ],
      negative: ['TELEGRAM_BOT_TOKEN=9784801114:AA', 'TELEGRAM_CHAT_ID=-1001234567890'],
    },
  },
  {
    id: 'twilio-api-key',
    title: 'Twilio API key SID',
    severity: 'high',
    description:
      'A Twilio API key SID (SK...). It is the username half of a Twilio API key; the key secret is usually stored next to it.',
    remediation:
      'Revoke or rotate the credential immediately (Twilio Console > Account > API keys & tokens > delete the key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://www.twilio.com/docs/iam/api-keys'],
    keywords: ['sk'],
    pattern: /(?<![A-Za-z0-9_-])SK[0-9a-fA-F]{32}(?![A-Za-z0-9_-])(?!\.\.\.|[*…])/,
    entropy: 3,
    tags: ['messaging', 'twilio'],
    samples: {
      positive: [
        'TWILIO_API_KEY=SK00f9205ac9769212ee90d7cf442e0fac',
        'client = Client("SK99be6c2fa42aceee013888756f402ca2", api_secret, account_sid)',
      ],
      negative: ['TWILIO_API_KEY=SK408defae1b', 'const sku = "sk8466cf964f74d8f2c3c39511486233cf";'],
    },
  },
  {
    id: 'twilio-auth-token',
    title: 'Twilio auth token',
    severity: 'critical',
    description:
      'A Twilio account auth token assigned to a Twilio-named variable or passed next to the account SID. It has full access to the Twilio account: send SMS and calls, read logs and recordings.',
    remediation:
      'Revoke or rotate the credential immediately (Twilio Console > Account > API keys & tokens > Auth tokens > request a secondary token, promote it, and delete the old one), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://www.twilio.com/docs/iam/api/authtoken',
      'https://help.twilio.com/articles/223136027-Auth-Tokens-and-How-to-Change-Them',
    ],
    keywords: ['twilio', '"ac', "'ac"],
    pattern:
      /(?:twilio[\w.-]{0,30}(?:auth_?token|token|secret)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)|(?<![A-Za-z0-9])AC[0-9a-f]{32}["'`]?[ \t]{0,3},[ \t]{0,3}["'`])(?<secret>[0-9a-f]{32})(?![A-Za-z0-9])(?!\.\.\.|[*…])/i,
    entropy: 3,
    tags: ['messaging', 'twilio'],
    samples: {
      positive: [
        'TWILIO_AUTH_TOKEN=cd43c14d3baffab1adbfa99a03ba2c56',
        'client = Client("AC563022fe20c22dd7c7e8235a349a90ce", "8c56ca4ebd2d4af16307172d4c53131b")',
      ],
      negative: ['TWILIO_ACCOUNT_SID=ACbddf83ee1fe38066c315ee307af07952', 'TWILIO_AUTH_TOKEN=${TWILIO_AUTH_TOKEN}'],
    },
  },
  {
    id: 'sendgrid-api-key',
    title: 'SendGrid API key',
    severity: 'high',
    description:
      "A Twilio SendGrid API key (SG........). It sends e-mail from the account's verified domains - ideal for phishing - and, with full access, reads contacts and settings.",
    remediation:
      'Revoke or rotate the credential immediately (SendGrid > Settings > API Keys > Delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys'],
    keywords: ['sg.'],
    pattern: /(?<![A-Za-z0-9_+/-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['messaging', 'email', 'sendgrid'],
    samples: {
      positive: [
        'SENDGRID_API_KEY=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',
        'sg = SendGridAPIClient("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")',
      ],
      negative: ['SENDGRID_API_KEY=SG.E9qk2E1i', 'SENDGRID_API_KEY=SG.xxxxx'],
    },
  },
  {
    id: 'mailgun-legacy-api-key',
    title: 'Mailgun API key (legacy format)',
    severity: 'high',
    description:
      "A legacy Mailgun private API key (key-...). It sends mail from the account's domains and reads logs, routes and suppression lists.",
    remediation:
      'Revoke or rotate the credential immediately (Mailgun > Settings > API Keys > delete/regenerate the key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://documentation.mailgun.com/docs/mailgun/user-manual/api-key-mgmt/rbac-mgmt/'],
    keywords: ['key-'],
    pattern: /(?<![A-Za-z0-9_+/-])key-[0-9a-f]{32}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3,
    tags: ['messaging', 'email', 'mailgun'],
    samples: {
      positive: [
        'MAILGUN_API_KEY=key-d6087f78b24bbe0af3a2eaf667a00f39',
        'auth=("api", "key-865f5e508320692a271909a58218d3ff")',
      ],
      negative: ['cache-key-4d69c3ae93e41b5cd3ec2690397de416', 'MAILGUN_API_KEY=key-1649dffa'],
    },
  },
  {
    id: 'mailgun-api-key',
    title: 'Mailgun API key',
    severity: 'high',
    description:
      "A Mailgun API key (...-...-... format) assigned to a Mailgun-named variable. It sends mail from the account's domains and reads logs and lists.",
    remediation:
      'Revoke or rotate the credential immediately (Mailgun > Settings > API Keys > delete the key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://documentation.mailgun.com/docs/mailgun/user-manual/api-key-mgmt/rbac-mgmt/'],
    keywords: ['mailgun'],
    pattern:
      /mailgun[\w.-]{0,30}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8})(?![A-Za-z0-9-])(?!\.\.\.|[*…])/i,
    entropy: 3,
    tags: ['messaging', 'email', 'mailgun'],
    samples: {
      positive: [
        'MAILGUN_API_KEY=fc72afc410f1591e36de37fcd2372134-3d7459c9-ff36a782',
        'mailgun_key: "e44a61b300cb9820e4c3e1f209cf2d82-1a897a51-1186b25a"',
      ],
      negative: ['MAILGUN_API_KEY=${MAILGUN_API_KEY}', 'MAILGUN_DOMAIN=mg.acme.io'],
    },
  },
  {
    id: 'mailchimp-api-key',
    title: 'Mailchimp API key',
    severity: 'high',
    description:
      'A Mailchimp Marketing API key (<32 hex>-us<dc>). It reads and exports audiences (subscriber PII) and sends campaigns.',
    remediation:
      'Revoke or rotate the credential immediately (Mailchimp > Profile > Extras > API keys > Revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://mailchimp.com/developer/marketing/guides/quick-start/#generate-your-api-key',
      'https://mailchimp.com/help/about-api-keys/',
    ],
    keywords: ['-us'],
    pattern: /(?<![A-Za-z0-9_-])[0-9a-f]{32}-us[0-9]{1,2}(?![A-Za-z0-9_-])(?!\.\.\.|[*…])/,
    entropy: 3,
    tags: ['messaging', 'email', 'mailchimp'],
    samples: {
      positive: [
        'MAILCHIMP_API_KEY=3e8bbb570419d30b412caaa62274cd2f-us20',
        'mailchimp.setConfig({ apiKey: "37adcfaf1ad8ecf6baf2476dcb4df86d-us14", server: "us14" });',
      ],
      negative: ['MAILCHIMP_SERVER_PREFIX=us14', 'build-b24e757ef5148666226606b340a10306-usa'],
    },
  },
  {
    id: 'postmark-server-token',
    title: 'Postmark server / account token',
    severity: 'high',
    description:
      "A Postmark server or account API token (UUID) assigned to a Postmark-named variable or X-Postmark-*-Token header. It sends e-mail from the server's sender signatures.",
    remediation:
      'Revoke or rotate the credential immediately (Postmark > the server > API Tokens > regenerate (account tokens under Account > API Tokens)), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://postmarkapp.com/developer/api/overview#authentication'],
    keywords: ['postmark'],
    pattern:
      /postmark[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?![A-Za-z0-9_-])(?!\.\.\.|[*…])/i,
    entropy: 3,
    tags: ['messaging', 'email', 'postmark'],
    samples: {
      positive: [
        'POSTMARK_SERVER_TOKEN=5606a12d-4e5f-4181-808e-a368ad600eda',
        'curl -H "X-Postmark-Server-Token: ccaf5cb9-bec8-42fb-9f22-bddcf34deed2" https://api.postmarkapp.com/email',
      ],
      negative: ['POSTMARK_SERVER_TOKEN=POSTMARK_API_TEST', 'POSTMARK_FROM=ops@acme.io'],
    },
  },
  {
    id: 'microsoft-teams-webhook-url',
    title: 'Microsoft Teams incoming webhook URL',
    severity: 'high',
    description:
      'A Microsoft Teams incoming webhook URL (webhook.office.com/webhookb2/...). Anyone holding it can post messages into the channel.',
    remediation:
      'Revoke or rotate the credential immediately (Teams > the channel > Connectors / Workflows > remove the incoming webhook and create a new one), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook',
    ],
    keywords: ['webhook.office.com', 'outlook.office.com/webhook'],
    pattern:
      /https:\/\/(?:[a-z0-9-]{1,60}\.webhook\.office\.com\/webhookb2|outlook\.office(?:365)?\.com\/webhook)\/[0-9a-f-]{36}@[0-9a-f-]{36}\/IncomingWebhook\/[0-9a-f]{32}\/[0-9a-f-]{36}(?!\.\.\.|[*…])/,
    tags: ['messaging', 'teams', 'webhook'],
    samples: {
      positive: [
        'TEAMS_WEBHOOK_URL=https://acmecorp.webhook.office.com/webhookb2/e73a021d-c242-4f74-8a44-78e078e06b75@1ad03223-1d52-4c99-97d0-a66b30a72cbc/IncomingWebhook/1bc02d2312be44cc5add1a09f7d85967/bc78cdcf-2883-4fd3-ba3a-2272d7f31e7a',
        '  url: "https://outlook.office.com/webhook/7d0f946e-5ee1-46f2-bdf1-08b9164cc480@1bf8d6e6-19a4-41e5-8a84-29037ad83e5d/IncomingWebhook/5583e839efa69225384cd8e85c6fc822/f0fac52d-1600-4246-9373-941a0521cae4"',
      ],
      negative: [
        'TEAMS_WEBHOOK_URL=https://acmecorp.webhook.office.com/webhookb2/',
        'See https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/what-are-webhooks-and-connectors',
      ],
    },
  },
  {
    id: 'vonage-api-secret',
    title: 'Vonage (Nexmo) API secret',
    severity: 'high',
    description:
      'A Vonage / Nexmo API secret assigned to a matching variable. With the API key it sends SMS and places calls billed to the account.',
    remediation:
      'Revoke or rotate the credential immediately (Vonage API Dashboard > Settings > API keys > rotate the secret), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://developer.vonage.com/en/getting-started/concepts/authentication'],
    keywords: ['vonage', 'nexmo'],
    pattern:
      /(?:vonage|nexmo)[\w.-]{0,30}secret[\w.-]{0,5}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[A-Za-z0-9]{16})(?![A-Za-z0-9])(?!\.\.\.|[*…])/i,
    entropy: 3.3,
    tags: ['messaging', 'vonage'],
    samples: {
      positive: ['VONAGE_API_SECRET=GfNHJSsIsv5hZKBN', 'nexmo_api_secret: "cEmvS02FnYNm4wRf"'],
      negative: ['VONAGE_API_SECRET=${VONAGE_API_SECRET}', 'VONAGE_API_KEY=96c90f2a'],
    },
  },
  {
    id: 'messagebird-api-key',
    title: 'MessageBird (Bird) API key',
    severity: 'high',
    description:
      'A MessageBird live access key assigned to a MessageBird-named variable. It sends SMS, voice and WhatsApp messages billed to the account.',
    remediation:
      'Revoke or rotate the credential immediately (MessageBird/Bird dashboard > Developers > API access > delete the key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://developers.messagebird.com/api/#authentication'],
    keywords: ['messagebird'],
    pattern:
      /messagebird[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[A-Za-z0-9]{25})(?![A-Za-z0-9])(?!\.\.\.|[*…])/i,
    entropy: 3.5,
    tags: ['messaging', 'messagebird'],
    samples: {
      positive: [
        'MESSAGEBIRD_API_KEY=PV0AuWp8yLSyt4XTg04Y8jyTM',
        'messagebird_access_key: "WhnH8Rhid7gnq9pzd4wCMd1Cx"',
      ],
      negative: ['MESSAGEBIRD_API_KEY=${MB_KEY}', 'MESSAGEBIRD_API_KEY=aNDoMv4VMgV9'],
    },
  },
  {
    id: 'intercom-access-token',
    title: 'Intercom access token',
    severity: 'high',
    description:
      'An Intercom access token (dG9rOj... - base64 of "tok:"). It reads and writes conversations, contacts and company data of the workspace.',
    remediation:
      'Revoke or rotate the credential immediately (Intercom Developer Hub > the app > Authentication > regenerate the access token), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://developers.intercom.com/docs/build-an-integration/learn-more/authentication'],
    keywords: ['dg9ro'],
    pattern: /(?<![A-Za-z0-9_+/-])dG9rO[jm][A-Za-z0-9+/]{40,120}={0,2}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['messaging', 'intercom'],
    samples: {
      positive: [
        'INTERCOM_ACCESS_TOKEN=dG9rOjM5YzljMjRkXzVjODlfZDgxYl8yZmZlX2E3M2I0MzU4NThkYToxOjA=',
        'intercom_token: "dG9rOmMyNzQ0OWQ3X2FmMzlfMDEzZl8zMmIxXzdjYTJhNjVkZmQ2NToxOjA="',
      ],
      negative: ['INTERCOM_ACCESS_TOKEN=dG9rOg==', 'INTERCOM_APP_ID=a1b2c3d4'],
    },
  },
  {
    id: 'zendesk-api-token',
    title: 'Zendesk API token',
    severity: 'high',
    description:
      'A Zendesk API token assigned to a Zendesk-named variable. With any agent e-mail it calls the Support API as that agent - tickets, users and attachments.',
    remediation:
      'Revoke or rotate the credential immediately (Zendesk Admin Center > Apps and integrations > Zendesk API > deactivate and delete the token), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://support.zendesk.com/hc/en-us/articles/4408889192858-Managing-access-to-the-Zendesk-API'],
    keywords: ['zendesk'],
    pattern:
      /zendesk[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[A-Za-z0-9]{40})(?![A-Za-z0-9])(?!\.\.\.|[*…])/i,
    entropy: 3.8,
    tags: ['messaging', 'zendesk'],
    samples: {
      positive: [
        'ZENDESK_API_TOKEN=p4mleR7wOk5gzZvfJKnnpPtOouUHpp7m7LbIFels',
        'zendesk_token: "opVQfazrquGXFEryodUnn4VkPJv766BNDIH5AVSH"',
      ],
      negative: ['ZENDESK_API_TOKEN=${ZENDESK_API_TOKEN}', 'ZENDESK_SUBDOMAIN=acmehelp'],
    },
  },
  {
    id: 'mailjet-api-secret',
    title: 'Mailjet API secret key',
    severity: 'high',
    description:
      'A Mailjet API secret key assigned to a Mailjet-named variable. With the API key it sends e-mail and SMS from the account and reads contacts.',
    remediation:
      'Revoke or rotate the credential immediately (Mailjet > Account settings > API Key Management > regenerate the secret key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://dev.mailjet.com/email/guides/#authentication'],
    keywords: ['mailjet', 'mj_apikey', 'mj_secret'],
    pattern:
      /(?:mailjet[\w.-]{0,30}(?:secret|private)|mj_(?:apikey_private|secret_?key))[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[a-f0-9]{32})(?![a-f0-9])(?!\.\.\.|[*…])/i,
    entropy: 3,
    tags: ['messaging', 'email', 'mailjet'],
    samples: {
      positive: [
        'MAILJET_SECRET_KEY=0de6d4ffde122cb19608bb5f2d7f2226',
        'MJ_APIKEY_PRIVATE=b092b9888e2e8a85ea394be8c488ddaf',
      ],
      negative: ['MJ_APIKEY_PUBLIC=ae933564c1b0ea6d03db74f23eee12ec', 'MAILJET_SECRET_KEY=${MJ_SECRET}'],
    },
  },
  {
    id: 'sparkpost-api-key',
    title: 'SparkPost API key',
    severity: 'high',
    description:
      "A SparkPost (Bird e-mail) API key assigned to a SparkPost-named variable. It sends e-mail from the account's sending domains.",
    remediation:
      'Revoke or rotate the credential immediately (SparkPost > Configuration > API Keys > delete the key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://developers.sparkpost.com/api/#header-authorization'],
    keywords: ['sparkpost'],
    pattern:
      /sparkpost[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[a-f0-9]{40})(?![a-f0-9])(?!\.\.\.|[*…])/i,
    entropy: 3,
    tags: ['messaging', 'email', 'sparkpost'],
    samples: {
      positive: [
        'SPARKPOST_API_KEY=832acb89cf20b512e09206a8b392932c952a95cd',
        'sparkpost_key: "53fd8fa136ed8dcc914586e84eab31ec151c62ea"',
      ],
      negative: ['SPARKPOST_API_KEY=${SPARKPOST_API_KEY}', 'SPARKPOST_API_KEY=442d684517'],
    },
  },
  {
    id: 'mandrill-api-key',
    title: 'Mandrill API key',
    severity: 'high',
    description:
      "A Mailchimp Transactional (Mandrill) API key assigned to a Mandrill-named variable. It sends transactional e-mail from the account's domains.",
    remediation:
      'Revoke or rotate the credential immediately (Mandrill > Settings > SMTP & API Info > delete the API key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://mailchimp.com/developer/transactional/guides/quick-start/'],
    keywords: ['mandrill'],
    pattern:
      /mandrill[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>(?:md-)?[A-Za-z0-9_-]{22})(?![A-Za-z0-9_-])(?!\.\.\.|[*…])/i,
    entropy: 3.5,
    tags: ['messaging', 'email', 'mandrill'],
    samples: {
      positive: ['MANDRILL_API_KEY=md-jPV1z3cGOFYDXJ_z_v9q-p', 'mandrill_key: "QIJhNRswY1kwgO2J1KWzmM"'],
      negative: ['MANDRILL_API_KEY=${MANDRILL_API_KEY}', 'MANDRILL_API_KEY=ZGpkbuNKXCnx'],
    },
  },
  {
    id: 'resend-api-key',
    title: 'Resend API key',
    severity: 'high',
    description: "A Resend API key (re_...). It sends e-mail from the account's verified domains.",
    remediation:
      'Revoke or rotate the credential immediately (Resend dashboard > API Keys > delete the key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://resend.com/docs/dashboard/api-keys/introduction'],
    keywords: ['re_'],
    pattern:
      /(?<![A-Za-z0-9_+/-])re_(?=[A-Za-z0-9_]{0,40}[0-9])[A-Za-z0-9]{8,10}_[A-Za-z0-9]{20,30}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.8,
    tags: ['messaging', 'email', 'resend'],
    samples: {
      positive: [
        'RESEND_API_KEY=re_dUgU7kBz_8eqtTnlk0BhcV5fh2hNLraqU',
        "const resend = new Resend('re_YHlQZRRVc_0vQ9PvLd8BkI96OqzGaVb9mi');",
      ],
      negative: [
        'RESEND_API_KEY=re_qdbzobc5',
        'def pre_process_value(): pass',
        'handler = re_validate_emailAddressesForCorrectness',
      ],
    },
  },
  {
    id: 'onesignal-api-key',
    title: 'OneSignal REST API key',
    severity: 'high',
    description:
      'A OneSignal app or organization REST API key (os_v2_app_/os_v2_org_...). It sends push notifications, e-mail and SMS to every subscriber of the app.',
    remediation:
      'Revoke or rotate the credential immediately (OneSignal dashboard > Settings > Keys & IDs > rotate / delete the API key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://documentation.onesignal.com/docs/keys-and-ids'],
    keywords: ['os_v2_'],
    pattern: /(?<![A-Za-z0-9_+/-])os_v2_(?:app|org)_[a-z0-9]{90,130}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['messaging', 'push', 'onesignal'],
    samples: {
      positive: [
        'ONESIGNAL_REST_API_KEY=os_v2_app_flijrlu4vrpxx3enkc33qriwqo5ss5by6joyldfphc4jjk6xsjipzznjr2alfvciktfizt6rd65dctzqm4aipqbdqcw3zouk3jf7p5xoewohezp53',
        'Authorization: Key os_v2_org_qkuwdnnxgky6hrd723lc73bg6mob7jpulph6kjrpeb2h74d3fujvv2cjwnp3oex4gdeqwjhic5pl2ngmrej6boijfy2p4ki7footsw3rc3scubudq',
      ],
      negative: ['ONESIGNAL_REST_API_KEY=os_v2_app_bhcd', 'ONESIGNAL_APP_ID=16403f9d-7a58-4a30-8a97-1b5e609a2ffe'],
    },
  },
  {
    id: 'pusher-app-secret',
    title: 'Pusher Channels app secret',
    severity: 'high',
    description:
      'A Pusher Channels app secret assigned to a Pusher-named variable. It signs private/presence channel authorizations and triggers events to every subscriber.',
    remediation:
      'Revoke or rotate the credential immediately (Pusher dashboard > the app > App Keys > create a new key and delete the old one), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://pusher.com/docs/channels/server_api/authenticating-users/'],
    keywords: ['pusher'],
    pattern:
      /pusher[\w.-]{0,30}secret[\w.-]{0,5}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[a-f0-9]{20})(?![a-f0-9])(?!\.\.\.|[*…])/i,
    entropy: 3,
    tags: ['messaging', 'pusher'],
    samples: {
      positive: ['PUSHER_APP_SECRET=dcd495568f3aba79764a', 'pusher_secret: "0f6380517a16c3b9a2bb"'],
      negative: ['PUSHER_APP_KEY=121063f307417c8a22b2', 'PUSHER_APP_SECRET=${PUSHER_APP_SECRET}'],
    },
  },
  {
    id: 'mattermost-access-token',
    title: 'Mattermost personal access token',
    severity: 'high',
    description:
      'A Mattermost personal access token or bot token assigned to a Mattermost-named variable. It calls the API as the user or bot.',
    remediation:
      'Revoke or rotate the credential immediately (Mattermost > Profile > Security > Personal Access Tokens > Delete (or System Console > Bot accounts)), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://developers.mattermost.com/integrate/reference/personal-access-token/'],
    keywords: ['mattermost'],
    pattern:
      /mattermost[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[a-z0-9]{26})(?![A-Za-z0-9])(?!\.\.\.|[*…])/i,
    entropy: 3.5,
    tags: ['messaging', 'mattermost'],
    samples: {
      positive: ['MATTERMOST_TOKEN=eppmttsktvrf4zrgv9rh1o55ki', 'mattermost_bot_token: "vzf3cv9safsa9mogmvu21icm5x"'],
      negative: [
        'MATTERMOST_TOKEN=${MM_TOKEN}',
        'MATTERMOST_URL=https://chat.acme.io',
        'MATTERMOST_CHANNEL_ID=3a56x8gg95lbhawvsq9fwvv8qu',
      ],
    },
  },
  {
    id: 'line-channel-access-token',
    title: 'LINE Messaging API channel access token',
    severity: 'high',
    description:
      'A LINE Messaging API channel access token assigned to a LINE channel variable. It sends messages as the official account to its followers.',
    remediation:
      'Revoke or rotate the credential immediately (LINE Developers console > the channel > Messaging API > reissue the channel access token), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://developers.line.biz/en/docs/basics/channel-access-token/'],
    keywords: ['channel_access_token', 'channelaccesstoken', 'line_channel'],
    pattern:
      /(?:line[\w.-]{0,10}channel[\w.-]{0,20}token|channel_?access_?token)[\w.-]{0,5}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[A-Za-z0-9+/]{150,200}={0,2})(?![A-Za-z0-9+/=_-])(?!\.\.\.|[*…])/i,
    entropy: 4,
    tags: ['messaging', 'line'],
    samples: {
      positive: [
        'LINE_CHANNEL_ACCESS_TOKEN=d9GQigkaW14K+6aKlsAaANslED7QrLH/tpggkGnNlltKakStRD3CF4AU/tv0CK5XwMOe32oUpiTgcLGS5JXUDZfaoh64i37Juue3r6VUOnHokbRFwtA5ZrhdVNAWNc4KC9dDme0QauVBPJ2GX2Mu0JDzqxfEH27q0XnkCHqrJqa=',
        '  channelAccessToken: "BhqUoUkot4kKP4eoKLI2eMmP0TWYWLsKoWX6ikYV/XERhdcpe1SkOf6Z8mMJUIJOOurltw44l/0jdr5rgsxXnIQz3KHDV6vkzlFCtLEspG7GxfPsNciBwyjRGBUfuYDfg7RYy6QoHdg33vGejmYd7BvOemadJGRLz3p5eWfXxCj+",',
      ],
      negative: ['LINE_CHANNEL_ACCESS_TOKEN=${LINE_TOKEN}', 'LINE_CHANNEL_ID=3512336594'],
    },
  },
];
