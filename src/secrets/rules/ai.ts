import type { SecretRule } from '../rule.js';

/** Built-in secret rules: AI and machine-learning APIs (OpenAI, Anthropic, Hugging Face, Groq, …). */
export const aiRules: SecretRule[] = [
  {
    id: 'openai-project-key',
    title: 'OpenAI project API key',
    severity: 'high',
    description:
      'An OpenAI project API key (sk-proj-...). It calls the OpenAI API billed to the project and can read its files, assistants and fine-tuned models.',
    remediation:
      'Revoke or rotate the credential immediately (OpenAI platform > Settings > API keys (or Organization > Admin keys) > Revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://platform.openai.com/docs/api-reference/authentication',
      'https://help.openai.com/en/articles/5112595-best-practices-for-api-key-safety',
    ],
    keywords: ['sk-proj-'],
    pattern: /(?<![A-Za-z0-9_+/-])sk-proj-[A-Za-z0-9_-]{40,300}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['ai', 'openai'],
    samples: {
      positive: [
        'OPENAI_API_KEY=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',
        'client = OpenAI(api_key="sk-proj-FctoH0S5920dsQcPMmrvT3BlbkFJ6G6c2z71J8wI0j0la6Bgvnp4m5AG")',
      ],
      negative: ['OPENAI_API_KEY=sk-proj-QqfaQq', 'OPENAI_API_KEY=sk-proj-...'],
    },
  },
  {
    id: 'openai-service-account-key',
    title: 'OpenAI service account key',
    severity: 'high',
    description:
      'An OpenAI service-account API key (sk-svcacct-...). It calls the API as a project service account, billed to the organization.',
    remediation:
      'Revoke or rotate the credential immediately (OpenAI platform > Settings > API keys (or Organization > Admin keys) > Revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://platform.openai.com/docs/api-reference/authentication',
      'https://help.openai.com/en/articles/5112595-best-practices-for-api-key-safety',
    ],
    keywords: ['sk-svcacct-'],
    pattern: /(?<![A-Za-z0-9_+/-])sk-svcacct-[A-Za-z0-9_-]{40,300}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['ai', 'openai'],
    samples: {
      positive: [
        'OPENAI_API_KEY=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',
        'openai.api_key = "sk-svcacct-Thhzn9AOa5-osjtlod7MDa4HEm3qvZ_Iq5-K3Ree6NEOOOhGuZR9_q1HW0Fs"',
      ],
      negative: ['OPENAI_API_KEY=sk-svcacct-nd2g', 'prefix = "sk-svcacct-"'],
    },
  },
  {
    id: 'openai-admin-key',
    title: 'OpenAI admin API key',
    severity: 'critical',
    description:
      'An OpenAI organization admin key (sk-admin-...). It manages users, projects, API keys and billing of the whole organization.',
    remediation:
      'Revoke or rotate the credential immediately (OpenAI platform > Organization settings > Admin keys > Delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://platform.openai.com/docs/api-reference/administration'],
    keywords: ['sk-admin-'],
    pattern: /(?<![A-Za-z0-9_+/-])sk-admin-[A-Za-z0-9_-]{40,300}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['ai', 'openai'],
    samples: {
      positive: [
        'OPENAI_ADMIN_KEY=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',
        'admin_key: "sk-admin-HCNHFfpoFawdbDM3-B7ccDEP7YRn1peQJJW0wsOLcfpd24yY1owPHZPjxtfQoI5o"',
      ],
      negative: ['OPENAI_ADMIN_KEY=sk-admin-6R9huTaG', 'OPENAI_ADMIN_KEY=${OPENAI_ADMIN_KEY}'],
    },
  },
  {
    id: 'openai-api-key',
    title: 'OpenAI API key (user / legacy format)',
    severity: 'high',
    description:
      "An OpenAI API key in the user or legacy format (sk-... containing the T3BlbkFJ marker). It calls the API billed to the owner's organization.",
    remediation:
      'Revoke or rotate the credential immediately (OpenAI platform > Settings > API keys (or Organization > Admin keys) > Revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://platform.openai.com/docs/api-reference/authentication',
      'https://help.openai.com/en/articles/5112595-best-practices-for-api-key-safety',
    ],
    keywords: ['t3blbkfj', 'openai'],
    pattern:
      /(?:(?<![a-z])openai[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)|(?<![A-Za-z0-9_+/-])(?=sk-[A-Za-z0-9_-]{10,200}T3BlbkFJ))(?<secret>sk-(?!proj-|svcacct-|admin-|ant-|or-)[A-Za-z0-9_-]{32,250})(?![A-Za-z0-9_-])(?!\.\.\.|[*…])/i,
    entropy: 4,
    tags: ['ai', 'openai'],
    samples: {
      positive: [
        'OPENAI_API_KEY=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',
        'openai.api_key = "sk-None-ATqtRf9VMU6VROsVBEvXHJgzUWplhYT3BlbkFJPcm6AxwuB19pL5YJF52JODjqp8OMtR"',
        '  openai_api_key: sk-9xM9GEDItiOYd9t4Mfxvmo3zQxhVampWM173akAPbVS0XJsg',
        'client = OpenAI(api_key="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")',
      ],
      negative: [
        'OPENAI_ORG_ID=org-j2HmreJZayRUhAFo0R7WxbZv',
        'OPENAI_API_KEY=sk-f7T3BlbkFJQA',
        'const docsUrl = "/keys/sk-Jw27tGXKH0bcxVTqO4Q0epMG7zqgHzqfUImIbm7hoLskBJ0W";',
      ],
    },
  },
  {
    id: 'anthropic-api-key',
    title: 'Anthropic API key',
    severity: 'high',
    description: 'An Anthropic Claude API key (sk-ant-api03-...). It calls the Anthropic API billed to the workspace.',
    remediation:
      'Revoke or rotate the credential immediately (Anthropic Console > Settings > API keys > Disable/Delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://docs.anthropic.com/en/api/getting-started#authentication',
      'https://support.anthropic.com/en/articles/9767949-api-key-best-practices-keeping-your-keys-safe-and-secure',
    ],
    keywords: ['sk-ant-api03-'],
    pattern: /(?<![A-Za-z0-9_+/-])sk-ant-api03-[A-Za-z0-9_-]{80,120}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['ai', 'anthropic'],
    samples: {
      positive: [
        'ANTHROPIC_API_KEY=sk-ant-api03--Bjv5osP40tHni7dLkb2v2jrqScg8VVT47-ufQSGxt47jm_L52A6w19mOHOIZ-KdFPNvSRj3gK6g2C8Ih3iCzswCMGuQuAA',
        'client = anthropic.Anthropic(api_key="sk-ant-api03-I4i0Pw9emGSy7-ZGxrCH8vQUVlwY-pr_nPkzUFJoyTF41EOzDHKA2x21N0UCchW0Y1AfBvyGvyqx1kju9fCoeByxER4bDAA")',
      ],
      negative: ['ANTHROPIC_API_KEY=sk-ant-api03-JZ', 'ANTHROPIC_API_KEY=sk-ant-api03-...'],
    },
  },
  {
    id: 'anthropic-admin-key',
    title: 'Anthropic admin API key',
    severity: 'critical',
    description:
      'An Anthropic Admin API key (sk-ant-admin01-...). It manages members, workspaces and API keys of the organization.',
    remediation:
      'Revoke or rotate the credential immediately (Anthropic Console > Settings > Admin keys > Delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.anthropic.com/en/api/administration-api'],
    keywords: ['sk-ant-admin01-'],
    pattern: /(?<![A-Za-z0-9_+/-])sk-ant-admin01-[A-Za-z0-9_-]{80,120}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['ai', 'anthropic'],
    samples: {
      positive: [
        'ANTHROPIC_ADMIN_KEY=sk-ant-admin01-wNE2IrVzX--domB608-VhvHGkqOgb8IE8qfPqHmswmCFC6i75PavNWIn1R5N95YoINrtYTv93ZZ5ck2fmsNihYCt4K8RHAA',
        'admin_key: "sk-ant-admin01-QgiODWkgQOTfaMi04SByDVTflD0evGYDo5G1GaZCyed10nRxGJXdMLRtrXDMxoiPTdW_XfwQx2Oo2oA6Ha50ywEL5evhVAA"',
      ],
      negative: [
        'ANTHROPIC_ADMIN_KEY=sk-ant-admin01-4dUCl2RDl5QAj4mYbeMdxn2cAFEI9p',
        'ANTHROPIC_ADMIN_KEY=${ADMIN_KEY}',
      ],
    },
  },
  {
    id: 'huggingface-access-token',
    title: 'Hugging Face access token',
    severity: 'high',
    description:
      'A Hugging Face user access token (hf_...). Read tokens download private models and datasets; write tokens push to every repository the user can write.',
    remediation:
      'Revoke or rotate the credential immediately (huggingface.co > Settings > Access Tokens > Invalidate and refresh / delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://huggingface.co/docs/hub/security-tokens'],
    keywords: ['hf_'],
    pattern: /(?<![A-Za-z0-9_+/-])hf_[A-Za-z0-9]{34}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.8,
    tags: ['ai', 'huggingface'],
    samples: {
      positive: [
        'HF_TOKEN=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',
        'login(token="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")',
      ],
      negative: ['HF_TOKEN=hf_gVSuEnRoGSHiAeVVXKkF', 'HF_HOME=/models/cache'],
    },
  },
  {
    id: 'huggingface-org-token',
    title: 'Hugging Face organization API token',
    severity: 'high',
    description:
      "A legacy Hugging Face organization API token (api_org_...). It accesses the organization's private models, datasets and Spaces.",
    remediation:
      'Revoke or rotate the credential immediately (huggingface.co > the organization > Settings > API token > regenerate), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://huggingface.co/docs/hub/security-tokens'],
    keywords: ['api_org_'],
    pattern: /(?<![A-Za-z0-9_+/-])api_org_[A-Za-z0-9]{34}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.8,
    tags: ['ai', 'huggingface'],
    samples: {
      positive: [
        'HUGGINGFACE_ORG_TOKEN=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',
        'token: "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"',
      ],
      negative: ['HUGGINGFACE_ORG_TOKEN=api_org_dpnIaCaXqz', 'url = "/api_org_settings"'],
    },
  },
  {
    id: 'cohere-api-key',
    title: 'Cohere API key',
    severity: 'high',
    description: 'A Cohere API key assigned to a Cohere-named variable. It calls the Cohere API billed to the account.',
    remediation:
      'Revoke or rotate the credential immediately (Cohere dashboard > API keys > delete the key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.cohere.com/reference/about', 'https://dashboard.cohere.com/api-keys'],
    keywords: ['cohere', 'co_api_key'],
    pattern:
      /(?:(?<![a-z])cohere[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}|co_api_key)(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[A-Za-z0-9]{40})(?![A-Za-z0-9])(?!\.\.\.|[*…])/i,
    entropy: 3.8,
    tags: ['ai', 'cohere'],
    samples: {
      positive: [
        'COHERE_API_KEY=GeLWzwKnAKJ4PDfHKQh3ewZpvpElIPWK8NLssqJt',
        'cohere_api_key: "TIFRhbIU0B0yNL44RG7ibQfchZeQA5clRVyN3hZw"',
      ],
      negative: ['COHERE_API_KEY=${COHERE_API_KEY}', 'COHERE_API_KEY=LhJnQCNnxg'],
    },
  },
  {
    id: 'groq-api-key',
    title: 'Groq API key',
    severity: 'high',
    description: 'A Groq API key (gsk_...). It calls the Groq inference API billed to the organization.',
    remediation:
      'Revoke or rotate the credential immediately (GroqCloud console > API Keys > delete the key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://console.groq.com/docs/quickstart'],
    keywords: ['gsk_'],
    pattern: /(?<![A-Za-z0-9_+/-])gsk_[A-Za-z0-9]{52}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['ai', 'groq'],
    samples: {
      positive: [
        'GROQ_API_KEY=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',
        'client = Groq(api_key="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")',
      ],
      negative: ['GROQ_API_KEY=gsk_2LFtS2gh', 'GROQ_API_KEY=gsk_...'],
    },
  },
  {
    id: 'replicate-api-token',
    title: 'Replicate API token',
    severity: 'high',
    description:
      'A Replicate API token (r8_...). It runs models and creates deployments billed to the account and reads prediction history.',
    remediation:
      'Revoke or rotate the credential immediately (replicate.com > Account settings > API tokens > delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://replicate.com/docs/topics/security/api-tokens'],
    keywords: ['r8_'],
    pattern: /(?<![A-Za-z0-9_+/-])r8_[A-Za-z0-9]{37}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['ai', 'replicate'],
    samples: {
      positive: [
        'REPLICATE_API_TOKEN=r8_jmYoZfSYmBOryCO6M5CLLWGpgc2VnDZfArMYu',
        'replicate_token: "r8_aDxDx5NJu3GrXfLTz6dg5V8YsF3Z9RmFcQezk"',
      ],
      negative: ['REPLICATE_API_TOKEN=r8_D0RSaumj', 'model_r8_v2 = load()'],
    },
  },
  {
    id: 'perplexity-api-key',
    title: 'Perplexity API key',
    severity: 'high',
    description: 'A Perplexity API key (pplx-...). It calls the Perplexity API billed to the account.',
    remediation:
      'Revoke or rotate the credential immediately (Perplexity > Settings > API > delete the key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.perplexity.ai/guides/getting-started'],
    keywords: ['pplx-'],
    pattern: /(?<![A-Za-z0-9_+/-])pplx-[A-Za-z0-9]{48}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['ai', 'perplexity'],
    samples: {
      positive: [
        'PERPLEXITY_API_KEY=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',
        'headers = {"Authorization": "Bearer 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"}',
      ],
      negative: ['PERPLEXITY_API_KEY=pplx-e2CICi1H', 'PERPLEXITY_API_KEY=pplx-'],
    },
  },
  {
    id: 'xai-api-key',
    title: 'xAI (Grok) API key',
    severity: 'high',
    description: 'An xAI API key (xai-...). It calls the Grok API billed to the team.',
    remediation:
      'Revoke or rotate the credential immediately (xAI console > API Keys > delete the key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.x.ai/docs/overview'],
    keywords: ['xai-'],
    pattern: /(?<![A-Za-z0-9_+/-])xai-[A-Za-z0-9]{80}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['ai', 'xai'],
    samples: {
      positive: [
        'XAI_API_KEY=xai-GsnSgw7Xby7c8akatb1oDoIYQaAGsCiRjCGz31zrJwai0DDpec0VQL4za688x4lqkZTcYsvCvp1KZgPF',
        'client = Client(api_key="xai-baD5LX9WJrYcRq92nrtLrFivUwvllAFEFdhIbCIhJow16LLwmYBEcSCSwSo7sWKdxeKHXO9SOCdTAySA")',
      ],
      negative: ['XAI_API_KEY=xai-pKq1lkTD', 'model = "xai-grok"'],
    },
  },
  {
    id: 'mistral-api-key',
    title: 'Mistral AI API key',
    severity: 'high',
    description:
      'A Mistral AI API key assigned to a Mistral-named variable. It calls the Mistral API billed to the workspace.',
    remediation:
      'Revoke or rotate the credential immediately (Mistral AI console > API Keys > delete the key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.mistral.ai/getting-started/quickstart/'],
    keywords: ['mistral'],
    pattern:
      /(?<![a-z])mistral[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[A-Za-z0-9]{32})(?![A-Za-z0-9])(?!\.\.\.|[*…])/i,
    entropy: 3.8,
    tags: ['ai', 'mistral'],
    samples: {
      positive: [
        'MISTRAL_API_KEY=E7ywIxchuIrxnYA8h16caHAz9wWzFAEF',
        'mistral_api_key: "Z5CgZUXG8cixTldJlh5zT6tRqljGFsqH"',
      ],
      negative: ['MISTRAL_API_KEY=${MISTRAL_API_KEY}', 'MISTRAL_MODEL=mistral-large-latest'],
    },
  },
  {
    id: 'deepseek-api-key',
    title: 'DeepSeek API key',
    severity: 'high',
    description:
      'A DeepSeek API key (sk- + 32 hex) assigned to a DeepSeek-named variable. It calls the DeepSeek API billed to the account.',
    remediation:
      'Revoke or rotate the credential immediately (DeepSeek platform > API keys > delete the key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://api-docs.deepseek.com/'],
    keywords: ['deepseek'],
    pattern:
      /(?<![a-z])deepseek[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>sk-[a-f0-9]{32})(?![A-Za-z0-9])(?!\.\.\.|[*…])/i,
    entropy: 3.5,
    tags: ['ai', 'deepseek'],
    samples: {
      positive: [
        'DEEPSEEK_API_KEY=sk-dfe28247679aa4ed9a1e397bfcb72d72',
        'deepseek_key: "sk-fb5b46bf844eafdfc6f457528bf164bd"',
      ],
      negative: ['DEEPSEEK_API_KEY=${DEEPSEEK_API_KEY}', 'DEEPSEEK_API_KEY=sk-0321dbe7'],
    },
  },
  {
    id: 'openrouter-api-key',
    title: 'OpenRouter API key',
    severity: 'high',
    description:
      'An OpenRouter API key (sk-or-v1-...). It calls any model routed by OpenRouter, billed to the account credits.',
    remediation:
      'Revoke or rotate the credential immediately (openrouter.ai > Settings > Keys > delete the key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://openrouter.ai/docs/api-reference/authentication'],
    keywords: ['sk-or-v1-'],
    pattern: /(?<![A-Za-z0-9_+/-])sk-or-v1-[a-f0-9]{64}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3,
    tags: ['ai', 'openrouter'],
    samples: {
      positive: [
        'OPENROUTER_API_KEY=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',
        'api_key="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"',
      ],
      negative: ['OPENROUTER_API_KEY=sk-or-v1-3185', 'OPENROUTER_API_KEY=sk-or-v1-'],
    },
  },
  {
    id: 'langsmith-api-key',
    title: 'LangSmith API key',
    severity: 'high',
    description:
      'A LangSmith personal access token or service key (lsv2_pt_/lsv2_sk_...). It reads traces (prompts, outputs, often customer data) and datasets of the workspace.',
    remediation:
      'Revoke or rotate the credential immediately (LangSmith > Settings > API Keys > delete the key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://docs.smith.langchain.com/administration/how_to_guides/organization_management/create_account_api_key',
    ],
    keywords: ['lsv2_'],
    pattern: /(?<![A-Za-z0-9_+/-])lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3,
    tags: ['ai', 'langchain'],
    samples: {
      positive: [
        'LANGSMITH_API_KEY=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',
        'LANGCHAIN_API_KEY="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"',
      ],
      negative: ['LANGSMITH_PROJECT=support-bot', 'LANGSMITH_API_KEY=lsv2_pt_...'],
    },
  },
  {
    id: 'langfuse-secret-key',
    title: 'Langfuse secret key',
    severity: 'high',
    description:
      "A Langfuse secret API key (sk-lf-...). With the public key it reads and writes the project's traces, prompts and scores.",
    remediation:
      'Revoke or rotate the credential immediately (Langfuse > Project settings > API keys > delete the key pair), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://langfuse.com/faq/all/where-are-langfuse-api-keys'],
    keywords: ['sk-lf-'],
    pattern:
      /(?<![A-Za-z0-9_+/-])sk-lf-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3,
    tags: ['ai', 'langfuse'],
    samples: {
      positive: [
        'LANGFUSE_SECRET_KEY=sk-lf-891cfd3b-4eac-4bb9-b298-070f6d5553b5',
        'secret_key="sk-lf-fd7389dd-80ef-4830-ae55-f80c95898d47"',
      ],
      negative: ['LANGFUSE_PUBLIC_KEY=pk-lf-366a85b4-b9ee-4e78-92f0-af4426fa94c9', 'LANGFUSE_SECRET_KEY=sk-lf-'],
    },
  },
  {
    id: 'pinecone-api-key',
    title: 'Pinecone API key',
    severity: 'high',
    description:
      'A Pinecone API key (pcsk_/pckey_...). It reads, writes and deletes vectors and indexes of the project.',
    remediation:
      'Revoke or rotate the credential immediately (Pinecone console > the project > API keys > delete the key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.pinecone.io/guides/projects/manage-api-keys'],
    keywords: ['pcsk_', 'pckey_'],
    pattern:
      /(?<![A-Za-z0-9_+/-])(?:pcsk|pckey)_[A-Za-z0-9]{4,12}_[A-Za-z0-9]{40,90}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['ai', 'pinecone'],
    samples: {
      positive: [
        'PINECONE_API_KEY=pcsk_WzsUse_6hiz8Apha4GixwsOFFI5PDe5CkirEdRDss0oME5KgdcunwQrfnGAnpis28mCFG0',
        'pc = Pinecone(api_key="pcsk_7JBDq_p7aA3N9ytjyJXNG0ju2RI14uPQm1jzmfxXb0UXGGgbQTfs91CzQJiD6DVB4dqzUu")',
      ],
      negative: ['PINECONE_API_KEY=pcsk_y0oT39', 'PINECONE_INDEX=prod-embeddings'],
    },
  },
  {
    id: 'together-ai-api-key',
    title: 'Together AI API key',
    severity: 'high',
    description:
      'A Together AI API key assigned to a Together-named variable. It runs inference and fine-tuning billed to the account.',
    remediation:
      'Revoke or rotate the credential immediately (Together AI > Settings > API Keys > revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.together.ai/reference/authentication-1'],
    keywords: ['together'],
    pattern:
      /(?<![a-z])together[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>(?:tgp_v1_[A-Za-z0-9_-]{40,60}|[a-f0-9]{64}))(?![A-Za-z0-9_-])(?!\.\.\.|[*…])/i,
    entropy: 3.5,
    tags: ['ai', 'together'],
    samples: {
      positive: [
        'TOGETHER_API_KEY=5a7b3a9d167c41b22c4aa33578fd39d21751594e8ee7f18e76e8a50c4c3ded58',
        'together_api_key: "tgp_v1_rCCmunZjZ5_YRJAoQEb6Nj3ZvUBNqp1yKIycnBJ_jxW"',
      ],
      negative: [
        'TOGETHER_API_KEY=${TOGETHER_API_KEY}',
        'altogether_hash = "f52d103b874c0049e33cbacc780153625d9103aac461f15aec0bc5c07fe3fe07"',
      ],
    },
  },
  {
    id: 'fireworks-api-key',
    title: 'Fireworks AI API key',
    severity: 'high',
    description: 'A Fireworks AI API key (fw_...). It runs inference and deploys models billed to the account.',
    remediation:
      'Revoke or rotate the credential immediately (Fireworks AI > Account > API Keys > delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.fireworks.ai/getting-started/quickstart'],
    keywords: ['fw_'],
    pattern: /(?<![A-Za-z0-9_+/-])fw_(?=[A-Za-z]{0,23}[0-9])[A-Za-z0-9]{24}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.8,
    tags: ['ai', 'fireworks'],
    samples: {
      positive: [
        'FIREWORKS_API_KEY=fw_3ITqvqkzFUDrTo4A6VGaxOCk',
        'fireworks.client.api_key = "fw_0TVzF3vX4qEi8R6ac6R8wihP"',
      ],
      negative: ['FIREWORKS_API_KEY=fw_DYMrhY9lVA', 'const fw_version = "1.2.3";'],
    },
  },
  {
    id: 'elevenlabs-api-key',
    title: 'ElevenLabs API key',
    severity: 'high',
    description:
      'An ElevenLabs API key assigned to an ElevenLabs-named variable or xi-api-key header. It generates speech and clones voices billed to the account.',
    remediation:
      'Revoke or rotate the credential immediately (ElevenLabs > Profile > API keys > delete / regenerate), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://elevenlabs.io/docs/api-reference/authentication'],
    keywords: ['elevenlabs', 'eleven_labs', 'xi-api-key', 'xi_api_key'],
    pattern:
      /(?:eleven_?labs[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}|xi[-_]api[-_]key)(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>(?:sk_[a-f0-9]{48}|[a-f0-9]{32}))(?![A-Za-z0-9])(?!\.\.\.|[*…])/i,
    entropy: 3,
    tags: ['ai', 'elevenlabs'],
    samples: {
      positive: [
        'ELEVENLABS_API_KEY=sk_d0aabcf32ccbd950d537a5ff6c2ad81797a6f9b14ce78d32',
        'headers = {"xi-api-key": "f3b6c6c3cc49c2df01101084ebf8650f"}',
      ],
      negative: ['ELEVENLABS_API_KEY=${ELEVENLABS_API_KEY}', 'ELEVENLABS_VOICE_ID=21m00Tcm4TlvDq8ikWAM'],
    },
  },
  {
    id: 'assemblyai-api-key',
    title: 'AssemblyAI API key',
    severity: 'high',
    description:
      'An AssemblyAI API key assigned to an AssemblyAI-named variable. It transcribes audio billed to the account and reads past transcripts.',
    remediation:
      'Revoke or rotate the credential immediately (AssemblyAI dashboard > API keys > rotate), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://www.assemblyai.com/docs/api-reference/overview#authorization'],
    keywords: ['assemblyai', 'assembly_ai'],
    pattern:
      /(?<![a-z])assembly_?ai[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[a-f0-9]{32})(?![a-f0-9])(?!\.\.\.|[*…])/i,
    entropy: 3,
    tags: ['ai', 'assemblyai'],
    samples: {
      positive: [
        'ASSEMBLYAI_API_KEY=cda3fdaa1e5bcd5492c885c349809a23',
        'assemblyai_settings_api_key = "f084d08dd8b4aecb080681c445fde9f4"',
      ],
      negative: ['ASSEMBLYAI_API_KEY=${ASSEMBLYAI_API_KEY}', 'ASSEMBLYAI_API_KEY=68772af83bbc246c'],
    },
  },
  {
    id: 'deepgram-api-key',
    title: 'Deepgram API key',
    severity: 'high',
    description:
      'A Deepgram API key assigned to a Deepgram-named variable. It transcribes audio billed to the project and manages project keys if it has admin scope.',
    remediation:
      'Revoke or rotate the credential immediately (Deepgram console > the project > API Keys > delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://developers.deepgram.com/docs/create-additional-api-keys'],
    keywords: ['deepgram'],
    pattern:
      /(?<![a-z])deepgram[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[a-f0-9]{40})(?![a-f0-9])(?!\.\.\.|[*…])/i,
    entropy: 3,
    tags: ['ai', 'deepgram'],
    samples: {
      positive: [
        'DEEPGRAM_API_KEY=4aa154504f01c29ae0ba92359d00a7a1f8671d61',
        'deepgram_key: "34dbc3527e9d9c1354d29e96cb2c32ce8102a627"',
      ],
      negative: ['DEEPGRAM_API_KEY=${DEEPGRAM_API_KEY}', 'DEEPGRAM_PROJECT_ID=49710fb7-139a-4d78-85ee-8e36810a68c1'],
    },
  },
  {
    id: 'wandb-api-key',
    title: 'Weights & Biases API key',
    severity: 'high',
    description:
      "A Weights & Biases API key assigned to a wandb-named variable. It reads and writes the user's runs, artifacts (models, datasets) and reports.",
    remediation:
      'Revoke or rotate the credential immediately (wandb.ai > User settings > API keys > revoke and create a new key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.wandb.ai/support/find_api_key/'],
    keywords: ['wandb'],
    pattern:
      /(?<![a-z])wandb(?:[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)|[\w.-]{0,20}\([ \t]{0,3}key[ \t]{0,3}=[ \t]{0,3}["'`])(?<secret>[a-f0-9]{40})(?![a-f0-9])(?!\.\.\.|[*…])/i,
    entropy: 3,
    tags: ['ai', 'wandb'],
    samples: {
      positive: [
        'WANDB_API_KEY=f1ece87eb10ae39c61e6ce9b8e972540ff6e932b',
        'wandb.login(key="ac8e5c70c34031a26d287921dcb2bf31cd4ba87e")',
      ],
      negative: ['WANDB_API_KEY=${WANDB_API_KEY}', 'WANDB_PROJECT=churn-model'],
    },
  },
  {
    id: 'tavily-api-key',
    title: 'Tavily API key',
    severity: 'high',
    description: 'A Tavily search API key (tvly-...). It runs web searches billed to the account.',
    remediation:
      'Revoke or rotate the credential immediately (Tavily dashboard > API Keys > delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.tavily.com/documentation/quickstart'],
    keywords: ['tvly-'],
    pattern: /(?<![A-Za-z0-9_+/-])tvly-(?:dev-|prod-)?[A-Za-z0-9]{32}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.8,
    tags: ['ai', 'tavily'],
    samples: {
      positive: [
        'TAVILY_API_KEY=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',
        'client = TavilyClient(api_key="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")',
      ],
      negative: ['TAVILY_API_KEY=tvly-XhbL50', 'TAVILY_API_KEY=tvly-'],
    },
  },
  {
    id: 'stability-api-key',
    title: 'Stability AI API key',
    severity: 'high',
    description:
      'A Stability AI API key (sk- + 48 characters) assigned to a Stability-named variable. It generates images billed to the account credits.',
    remediation:
      'Revoke or rotate the credential immediately (Stability AI platform > Account > API keys > delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://platform.stability.ai/docs/getting-started/authentication'],
    keywords: ['stability'],
    pattern:
      /(?<![a-z])stability[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>sk-[A-Za-z0-9]{48})(?![A-Za-z0-9])(?!\.\.\.|[*…])/i,
    entropy: 4,
    tags: ['ai', 'stability'],
    samples: {
      positive: [
        'STABILITY_API_KEY=sk-HfAedVGq9ofZL2My3DPnb4J81d72vAcnIHxKiyrV6FZgKKnd',
        'stability_key: "sk-cGsscN7tY9OffPey5nK7GptKz2YIoxe4747MOjlOks3A19wF"',
      ],
      negative: ['STABILITY_API_KEY=${STABILITY_API_KEY}', 'STABILITY_API_KEY=sk-JvIywYhO'],
    },
  },
];
