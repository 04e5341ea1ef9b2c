import type { SecretRule } from '../rule.js';

/** Built-in secret rules: cloud providers and hosting platforms (AWS, Google Cloud, Azure, DigitalOcean, Alibaba, IBM, Heroku, Cloudflare, Fly.io, …). */
export const cloudRules: SecretRule[] = [
  {
    id: 'aws-access-key-id',
    title: 'AWS access key ID',
    severity: 'high',
    description:
      'An AWS IAM access key ID (AKIA long-term, ASIA temporary STS, ABIA/ACCA service keys). It identifies a key pair; the matching secret access key is usually stored nearby and together they sign AWS API requests.',
    remediation:
      'Revoke or rotate the credential immediately (IAM console > Users > Security credentials > deactivate and delete the access key; check CloudTrail for use), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does. Search the repository for the matching secret access key.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids',
    ],
    keywords: ['akia', 'asia', 'abia', 'acca'],
    pattern:
      /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])(?!["'`]?[ \t]{0,3}[,:;|][ \t]{0,3}["'`]?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=_-]))(?!\.\.\.|[*…])/,
    entropy: 3,
    tags: ['cloud', 'aws'],
    samples: {
      positive: [
        'aws_access_key_id = AKIAJCQJO6QE2C1GE2TH',
        '      "AccessKeyId": "ASIAH3JTM396LDB0X7WA",',
        'export AWS_ACCESS_KEY_ID=AKIADGVCP2DINV3U6JEZ',
      ],
      negative: [
        'aws_access_key_id = AKIA74Z6BSRL',
        'const id = "XAKIA4T2UMH2NJ3C4VFUB";',
        'const bucket = "akiav09av9hhztrrwhmj";',
      ],
    },
  },
  {
    id: 'aws-secret-access-key',
    title: 'AWS secret access key',
    severity: 'critical',
    description:
      'A 40-character AWS secret access key assigned to an AWS-named variable or paired with its access key ID. With the key ID it grants every permission of the IAM user or role.',
    remediation:
      'Revoke or rotate the credential immediately (IAM console > Users > Security credentials > deactivate and delete the access key; check CloudTrail for use), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html'],
    keywords: ['aws', 'secret_access_key', 'secretaccesskey', 'secret-access-key', 'akia', 'asia'],
    pattern:
      /(?:(?:aws[\w.-]{0,20}secret|secret_?access_?key)[\w.-]{0,20}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)|(?<=(?:AKIA|ASIA)[A-Z0-9]{16}["'`]?[ \t]{0,3}[,:;|][ \t]{0,3}["'`]?))(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=_-])(?!\.\.\.|[*…])/i,
    entropy: 4,
    tags: ['cloud', 'aws'],
    samples: {
      positive: [
        'aws_secret_access_key = eQDTQNLtTCJTUBuQd/8QQYVxBcZ21QAAairpgwad',
        'export AWS_SECRET_ACCESS_KEY="pZjWbHvY8x8gckGPgN1xUpZ/aswvgGEN1LtkfWVK"',
        '  "SecretAccessKey": "vRGFowp7Y8TjYDuX7sD8bC4LQzQr2QGDL0hgDOZH",',
        '    credentials = new BasicAWSCredentials("AKIAFIYXT9FUDYZXP4HM", "Sqfu+RFsgnaI9AfjJr5FkNJR1azaQZiQwp4eKBOO");',
        'aws configure set aws_secret_access_key tcz3vU9aPdSMrPXJ4ZIayBYwHp1P7LNEUvEUZiJ8',
        'os.environ["AWS_SECRET_ACCESS_KEY"] = "u4FFhqJdUGufsrE6u92PYuPYhRBfRl0tuyYnunWI"',
        '    <add key="AWSSecretKey" value="02iGEmRsuVJ8jIRjxGdtGSNRaCA85pmmPexCBRyL" />',
      ],
      negative: [
        'aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}',
        'aws_secret_access_key = ZVi+WNAHQVGk',
        'aws_secret_access_key = os.getenv("AWS_SECRET_ACCESS_KEY")',
        'signature = "8DYWxtNrN9BRYjU8pBjOlyTKmNPTtPTWwuo+mLWl"',
      ],
    },
  },
  {
    id: 'aws-secret-key-assignment',
    title: 'AWS-style secret key assigned to secret_key',
    severity: 'high',
    description:
      'A 40-character AWS-format secret key (base64 with / or +) assigned to a bare secret_key / secretKey, as in Terraform AWS provider blocks, boto3 and S3-compatible clients (MinIO, Wasabi, DigitalOcean Spaces). With its access key ID it signs API requests.',
    remediation:
      "Revoke or rotate the credential immediately (IAM console > Users > Security credentials > deactivate and delete the access key; check CloudTrail for use), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does. If the key belongs to another S3-compatible provider, revoke it in that provider's console.",
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
      'https://registry.terraform.io/providers/hashicorp/aws/latest/docs#provider-configuration',
    ],
    keywords: ['secret_key', 'secretkey'],
    pattern:
      /(?<![A-Za-z0-9_.-])secret_?key(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?=[A-Za-z0-9]{0,39}[/+])(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=_-])(?!\.\.\.|[*…])/i,
    entropy: 4,
    tags: ['cloud', 'aws'],
    samples: {
      positive: [
        '  secret_key = "uiPTSQApjevAH2xsm/Hrttyg8hekbMKaQPGXsrBB"',
        'minio_client = Minio(endpoint, access_key=key_id, secretKey="9k2sg62HsYzOSP0DGmbZSc5gU+FSQ5NCz61OeeKb")',
      ],
      negative: [
        '  session_name = "hFSavSJTJmkwppxDa/6loRAs1V2HSQheqPTG3UuQ"',
        '  secret_key = var.aws_secret_key',
        '  secret_key = data.aws_ssm_parameter.secret_key.value',
      ],
    },
  },
  {
    id: 'aws-session-token',
    title: 'AWS session token',
    severity: 'high',
    description:
      'A temporary AWS STS session token. Together with the temporary access key ID and secret it grants the permissions of the assumed role until it expires.',
    remediation:
      'Revoke or rotate the credential immediately (revoke active sessions of the role via IAM console > Roles > Revoke sessions), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does. Prefer short-lived credentials obtained at runtime (OIDC federation, instance roles) over committed tokens.',
    references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_use-resources.html'],
    keywords: ['session_token', 'sessiontoken', 'session-token', 'session.token'],
    pattern:
      /(?:aws[\w.-]{0,20}session[_.-]?token|sessiontoken|session_token)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[A-Za-z0-9/+]{100,2000}={0,2})(?![A-Za-z0-9/+=_-])(?!\.\.\.|[*…])/i,
    entropy: 4.5,
    tags: ['cloud', 'aws'],
    samples: {
      positive: [
        'export AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjEkitBehNXjaU2+mljoXoGGPjGKadk7rj5exG5QBxYFQTY80juaknLKCRbPqL5GR/dkg8/ud7yYbH3s5mIxaYYLm5q0+wuZCdGo83oMoeNGgxVHcmpZKO55pfbbQ3xteh9ZKp24dIsJ8eGq4ydM6JJnA81DhBkYkkwhuysw7tON1XTK1DbmgGTFzJ7a1DNXLabN3SoBKqbyH5Nr2xTAUos6Xz53trpRrDKzXg51Uzjl8atD7TB/OXSBc642QZbw/Go/jpHsscwx03H3325UrjYqiTv0LR11KOHpHURJb7r33bQdlmHy9HEzXQ8KhiLuqz0RHh+c1go7CfcEXJtuWfeHZy0xih2P/bAI30wlhsOaMbQUZVd/V7Xwi0gzOGt',
        '  "SessionToken": "FwoGZXIvYXdzEGscMoJDiXHUh0vrRojiqNWvPin9DsJ76V8JEK/mqqplI8pAanZhBPyr41kzaOq9KrkLQ/H0yoxLoA6sZwrb/YD5g/KGi8+JepQPiu1vk5oUJY/s+QsZIGvBV/7ezWJrk8zMb/7LUOF34YS81vv8pb155cLD58QTGzANVK7K8iKKMKSQyxpsLgqwi0mZebfSFeC0r7I668K7IVrJghIVyw25XBRhAIvpFed4Gn3erXEpE02Bg95RUV1tDhsUNWeALpM4fNgW1uUyhWtno0KwlgpzSiltfzEyC/y92bK8B0q5+==",',
      ],
      negative: [
        'export AWS_SESSION_TOKEN=$(aws sts get-session-token --query Credentials.SessionToken)',
        'aws_session_token = None',
      ],
    },
  },
  {
    id: 'aws-mws-auth-token',
    title: 'Amazon MWS auth token',
    severity: 'high',
    description:
      'An Amazon Marketplace Web Service authorization token that lets a developer call MWS APIs on behalf of a seller account.',
    remediation:
      'Revoke or rotate the credential immediately (Seller Central > Settings > User Permissions > revoke the developer authorization), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.developer.amazonservices.com/en_US/dev_guide/DG_Registering.html'],
    keywords: ['amzn.mws.'],
    pattern:
      /(?<![A-Za-z0-9_+/-])amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    tags: ['cloud', 'aws'],
    samples: {
      positive: [
        'MWS_AUTH_TOKEN=amzn.mws.fafbf811-5672-4e98-bddd-f211811562d4',
        'mws_auth_token: "amzn.mws.e7af983e-4ca2-4267-9c43-7ab7f2b9ef7d"',
      ],
      negative: ['# MWS_AUTH_TOKEN looks like amzn.mws.<uuid>', 'seller_id: amzn.mws.marketplace-id'],
    },
  },
  {
    id: 'aws-bedrock-api-key',
    title: 'Amazon Bedrock API key',
    severity: 'high',
    description:
      'An Amazon Bedrock API key (long-term ABSK... key or short-term bedrock-api-key- token) that can invoke foundation models billed to the AWS account.',
    remediation:
      'Revoke or rotate the credential immediately (IAM console > Users > the Bedrock service user > Bedrock API keys > revoke; or let short-term keys expire), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys.html'],
    keywords: ['absk', 'bedrock-api-key-'],
    pattern:
      /(?<![A-Za-z0-9_+/-])(?:ABSKQmVkcm9ja0FQSUtleS[A-Za-z0-9+/]{40,400}={0,2}|bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/%=]{40,3000})(?![A-Za-z0-9+/%=_-])(?!\.\.\.|[*…])/,
    tags: ['cloud', 'aws', 'ai'],
    samples: {
      positive: [
        'AWS_BEARER_TOKEN_BEDROCK=ABSKQmVkcm9ja0FQSUtleS0mGazHE8hcAgP8oGdAH4drvvaXLZTfVnuxpCd2wd9hMSZwDX0LB0eA/tbGus8bnQyxFoLQIBFUrUjD+A6WacvwSdiphof0FRWPUSJETepZmX2uT=',
        'bedrock_key = "bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29tLz9BY3Rpb249Q2FsbFdpdGhCZWFyZXJUb2tlbiZYLUFtei1BbGdvcml0aG09e/FtjAu+OcZ/JMSPqRETqNeQk1qxNO7kHXmYTMiidxGHL1p99mPc8oMSZkYgDvqwXouho9XvG4ovXTMzrffRcAm/wKDijScZS60KHKJuttjXo/qquV9NihIEA+PCX4A9Y6/e78TXqmoR+ZfcSWVKWDMjdsvdMtJ8OriN6biCKDyxYmJpOm1HiDNB3tF2p1oQ6iZsOtGaz1g6xRUXSt8JZ3Ck+Bw6kUgyZj1pE/9OhNOFGFB0"',
      ],
      negative: ['bedrock_key_prefix = "ABSKQmVkcm9ja0FQSUtleS"', 'docs: keys look like ABSK followed by base64'],
    },
  },
  {
    id: 'gcp-api-key',
    title: 'Google Cloud API key',
    severity: 'high',
    description:
      'A Google Cloud API key (AIza...). Unrestricted keys can call any enabled Google API on the project (Maps, Gemini, YouTube...) and the usage is billed to the owner. Firebase web-config keys are public by design and are excluded.',
    remediation:
      'Revoke or rotate the credential immediately (Google Cloud console > APIs & Services > Credentials > regenerate or delete the key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does. Add API and application restrictions to the replacement key.',
    references: [
      'https://cloud.google.com/docs/authentication/api-keys',
      'https://cloud.google.com/docs/authentication/api-keys-best-practices',
    ],
    keywords: ['aiza'],
    pattern:
      /(?<![Ff][Ii][Rr][Ee][Bb][Aa][Ss][Ee][\w.-]{0,40}["'`]?[ \t]{0,5}[:=][ \t]{0,5}["'`]?)(?<![A-Za-z0-9_+/-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_+/=-])(?![\s\S]{0,400}?(?:firebaseapp\.com|firebaseio\.com|messagingSenderId))/,
    entropy: 3.5,
    multiline: true,
    tags: ['cloud', 'gcp'],
    samples: {
      positive: [
        'GOOGLE_API_KEY=AIza6zIqHqiDbyBw4RYZeRB-7JqhFckK-2qmr3x',
        'const geminiKey = "AIza8gW__uhafH7RdpQKEwA8ZrDo66Q7tg1N4mB";',
        "maps_api_key: 'AIzaSxYdbcalL5mqTAJYKWATG_yuqm7wXLVWvOi'",
      ],
      negative: [
        'NEXT_PUBLIC_FIREBASE_API_KEY=AIza_zV8V9U9QI0NqH6rxwZ9gRms2t_-QXVb_vi',
        '  apiKey: "AIzaEiAU0PRfNK6Jr5y4r8qOQtf2JjZSlaF0oqW",\n  authDomain: "acme-web.firebaseapp.com",\n  projectId: "acme-web",',
        'maps_url = "https://maps.googleapis.com/maps/api/js?key=AIzaGLE214rK6fUXR4eHiIcjuoEY18tUPn"',
      ],
    },
  },
  {
    id: 'gcp-service-account-key',
    title: 'Google Cloud service account key file',
    severity: 'critical',
    description:
      'A Google Cloud service-account JSON key ("type": "service_account") with its RSA private key. Anyone holding it can act as the service account with all of its IAM roles.',
    remediation:
      'Revoke or rotate the credential immediately (Google Cloud console > IAM & Admin > Service Accounts > Keys > delete the key ID), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does. Prefer Workload Identity Federation or attached service accounts over exported JSON keys.',
    references: [
      'https://cloud.google.com/iam/docs/keys-create-delete',
      'https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys',
    ],
    keywords: ['service_account'],
    pattern:
      /"type"[ \t]{0,3}:[ \t]{0,3}"service_account"[\s\S]{0,800}?"private_key"[ \t]{0,3}:[ \t]{0,3}"(?<secret>-----BEGIN PRIVATE KEY-----\\n[A-Za-z0-9+/=\\]{64,8000}?-----END PRIVATE KEY-----(?:\\n)?)"/,
    multiline: true,
    tags: ['cloud', 'gcp', 'private-key'],
    samples: {
      positive: [
        '  "type": "service_account",\n  "project_id": "acme-billing-prod",\n  "private_key_id": "79f738c5bdaca52acf31e1651305cff2c49ab4b8",\n  "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ1qG5vK20FJm+9J\\nhsfHP8EE6j9pifHIRhj1OKO/oYQxb2rL8CEKk/YfZ+be8r55CQLj1Bu/DFalFJ8W\\nfXGzQMj0qpvH/yviyA/TUgQo4I0CZAAXuyd4DoLKefEKZbBk9M44fDLLarv3sYJt\\nZfLbJYa0kiGgN/Bwh4vLt/8L3TSpGTwmqlsiDGFOpvv/A3slVnwthqDRqwQts7na\\n3HqKX7MLMy9O3D9ORWJ8SnSQOFdY5EkuNhOmh93Ht5XK2BlVEyo1FSp2iGLjVCFR\\nOJt/bmgNP20tn+TLwWHn9yApFiEDk9dX3hGmNe3x4Z3asgGUFP2KbYItMosSa748\\nolNMYfrwutmNcWhDgFEWSyevSd7IUpxdW29WyPxyangP4Fsx/Kjic06FlvwTp1fF\\ns8MCojca7j2n26SQ7AUDKnLGVLqSQHcrnl1E78yd6sJXmRSyjXErl10lhlvEa2Jr\\nUiyoMYzl1CGeR628XxUOd8EKIEG0SBJyUMloVetAiMSBrIsmRbjOy9jzqI8RjnOF\\nIkgeA45EPxctb6+73n2u9CB26Yeuz9eLxhfXGXmHdW4r3MPr0L7N+3p5Y0cuHoU0\\nebymmExN9xIYh8UoP+h2zQs1ehBKlkeZBKwcKtqhQkC+BMswO5jhoXgXQgql9MPg\\nGKIAjZGDWIaL23t1Fwt4aP8zRLzKXlB4Mm5kQi9ajBAfE0YPJmWS8g2sE3gsFuzh\\nMsO/FhFDG38b0+zAUNZQ5KSyupp9yNJT5dnTcbcNEIMSnMEyaP/DbEVUV9mMXJgH\\n+oKpLmgyGLsH3RvwH6enWrnkfp1bmyUkM0LPpLJaOIu7+ZPD9et2sXFdug==\\n-----END PRIVATE KEY-----\\n",\n  "client_email": "billing-exporter@acme-billing-prod.iam.gserviceaccount.com",',
        '{"type":"service_account","project_id":"ci-runner-7731","private_key_id":"d60405266fa5e323085feb18511e91a601b2c6c8","private_key":"-----BEGIN PRIVATE KEY-----\\nMIIEuwIBADANBgkqhkiG9w0BAQEFAASCBKUwggShAgEAAoIBAQ35P5NLqmG5Jc0x\\nAhlI38s1Ok6v8N1jasnVNKViY4Ew3ikKHiYHqt8gSUo32Xx2APZtCKYTS0ks8XNK\\nMatJgQxUGBn2Zi6HzVdtDxcwELNevHVSodtOX6CGyr1Zzl6KwrN5zMhFvXMzqIhX\\nuJcGKG7oSveLJUfQG20BTWFzNOQLBHSZvQYPoIO1gAgJON/CGfHdsq0i0n6YXaxb\\n8swXgUQxPjSbPrb/as/6yRp60EiPLQwwuDWAMKvtBArLwYvuNUwUV6NtHFBdcqY0\\nx5a3Nv4a96HUD+SvI2guTP0/LFUJSuIRzkD2NALeny65/bllN1XtfS8EobsrTEw6\\nMjh4IykmmlKYD2Qxj3+zIy2UEAJeHKcHuXKxsF59TSoZ6dI+Ile6qLkNJTQm2t68\\n30/9AC31Vb01KZInFgiUekOCguT0tfu6u/UtZRaEBILHdB4nF7rFto9W8mJIbMkm\\nBGa6VqQxwpaSPn5kQTbbH+C2gUYasYmQ6JNM0CFTem8i7MxAivdYno8XkgDOU2e6\\nJgwrQOKA\\n-----END PRIVATE KEY-----\\n","client_email":"deployer@ci-runner-7731.iam.gserviceaccount.com"}',
      ],
      negative: [
        '{"type": "external_account", "audience": "//iam.googleapis.com/projects/1234/locations/global/workloadIdentityPools/gh/providers/gh", "subject_token_type": "urn:ietf:params:oauth:token-type:jwt"}',
        '  "type": "service_account",\n  "project_id": "acme-billing-prod",\n  "client_email": "billing-exporter@acme-billing-prod.iam.gserviceaccount.com",',
        '{"type": "service_account", "project_id": "acme-billing-prod", "private_key": ""}',
      ],
    },
  },
  {
    id: 'google-oauth-client-secret',
    title: 'Google OAuth client secret',
    severity: 'high',
    description:
      'A Google OAuth 2.0 client secret (GOCSPX-...). With the client ID it lets an attacker impersonate the application in OAuth flows and exchange stolen authorization codes.',
    remediation:
      'Revoke or rotate the credential immediately (Google Cloud console > APIs & Services > Credentials > OAuth client > reset secret / add a new secret and disable the old one), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://developers.google.com/identity/protocols/oauth2',
      'https://support.google.com/cloud/answer/6158849',
    ],
    keywords: ['gocspx-'],
    pattern: /(?<![A-Za-z0-9_+/-])GOCSPX-[A-Za-z0-9_-]{28}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    tags: ['cloud', 'gcp', 'oauth'],
    samples: {
      positive: [
        'GOOGLE_CLIENT_SECRET=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',
        '  "client_secret": "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",',
      ],
      negative: ['GOOGLE_CLIENT_SECRET=GOCSPX-QIhIev', 'client_secret_prefix = "GOCSPX-"'],
    },
  },
  {
    id: 'google-oauth-refresh-token',
    title: 'Google OAuth refresh token',
    severity: 'high',
    description:
      'A Google OAuth 2.0 refresh token (1//0...). It mints new access tokens for the granted scopes without user interaction until revoked.',
    remediation:
      'Revoke or rotate the credential immediately (revoke it at https://myaccount.google.com/permissions or via https://oauth2.googleapis.com/revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://developers.google.com/identity/protocols/oauth2#expiration',
      'https://developers.google.com/identity/protocols/oauth2/web-server#tokenrevoke',
    ],
    keywords: ['1//0'],
    pattern: /(?<![A-Za-z0-9_/-])1\/\/0[A-Za-z0-9_-]{40,300}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['cloud', 'gcp', 'oauth'],
    samples: {
      positive: [
        '  "refresh_token": "1//06aKVi8BQkO_CGXcZz4wAnQiUuxXDhG_EAYziYaxp_igiagurpaD9IetdDPL8TgEYp-N6y8etseRM8cvJITBk_n4FR3zuXgKkGcL",',
        'GOOGLE_REFRESH_TOKEN=1//0povL8pTPCLODwSVhICQ_aVeYpb70Ftk6cPHsK584y8mcfWFOKFoA7Diukr2VrpiXlsvkayIcDuWP-2YcedC5UIU-XjScKdZYFWB',
      ],
      negative: ['see https://example.org/1//0', 'path = "1//0BEoKH5VvC5"'],
    },
  },
  {
    id: 'google-oauth-access-token',
    title: 'Google OAuth access token',
    severity: 'medium',
    description:
      'A Google OAuth 2.0 access token (ya29....). Short-lived (about an hour) but grants the scopes it was issued for while valid.',
    remediation:
      'Revoke or rotate the credential immediately (revoke it via https://oauth2.googleapis.com/revoke and rotate the refresh token or key that issued it), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://developers.google.com/identity/protocols/oauth2'],
    keywords: ['ya29.'],
    pattern: /(?<![A-Za-z0-9_+/-])ya29\.[A-Za-z0-9_-]{50,2000}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['cloud', 'gcp', 'oauth'],
    samples: {
      positive: [
        'curl -H "Authorization: Bearer ya29.DXiggyVWk1rzpyCHbe01duO3FJWQRmNWatlzgltBPhpool2f5ACAzjCrSkrHqb5qnH2H_btUD3qlXuP7cbRsiV5Pvk3uxdNQMtQyCzOYAI-557ulLO6KQr8b5rLhB79anGXLw1JHDuu1Axpz6MYR8a" https://www.googleapis.com/drive/v3/files',
        'access_token = "ya29.a0AttHeagvdx8vPKk8c2oWsTzC98lowOX-P4kKSFtibN1l1ecmy2-AIx-q_4CM9PjuAAJPv--6a_0ToAeZr101crCdKI-Vixnrl3hlI0gu2-RtbsgXsQNBoLKVRm-F2kmj7Fdng74ssmHdp_ihOWJw7XfhB387GGbF_txpdDzrNAC"',
      ],
      negative: ['token = "ya29.abc"', 'token = "ya29.AfWCFJUO"'],
    },
  },
  {
    id: 'azure-storage-account-key',
    title: 'Azure Storage account key',
    severity: 'critical',
    description:
      'An Azure Storage (or Cosmos DB) account key, usually inside a connection string (AccountKey=...). It grants full control over every blob, queue, table and file share in the account.',
    remediation:
      'Revoke or rotate the credential immediately (Azure portal > Storage account > Security + networking > Access keys > Rotate key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does. Prefer Microsoft Entra ID (managed identities) or short-lived SAS over account keys.',
    references: ['https://learn.microsoft.com/en-us/azure/storage/common/storage-account-keys-manage'],
    keywords: [
      'accountkey',
      'account_key',
      'azure',
      'storagekey',
      'storage_key',
      'accesskey',
      'access_key',
      'primarykey',
      'primary_key',
    ],
    pattern:
      /(?:AccountKey[ \t]{0,2}=[ \t]{0,2}|(?:azure|storage)[\w.-]{0,30}(?:account_?key|access_?key|storage_?key|primary_?key)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?))(?<secret>[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=_-])(?!\.\.\.|[*…])/i,
    entropy: 4.5,
    allowlists: [
      {
        description: 'Azurite / storage emulator well-known development key',
        stopwords: ['eby8vdm02xnocqflquwjpllmetlcdxj1ouzft50usrz6ifsufq2uvercz4i6tq'],
      },
    ],
    tags: ['cloud', 'azure'],
    samples: {
      positive: [
        'AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=acmeprodlogs;AccountKey=MxS1Ke5cDeBjmHiQeuH+vxbzjwkUgFSrPLFZEhMwzyY/XRcMk+mN23o1WLkB2cbc0gaPBGLuwULZ86UHPPxpUP==;EndpointSuffix=core.windows.net"',
        'azure_storage_account_key: 3XHNJdSs1VQzsOdpq3HHMb66OxVUE3tRE7aGM4BcemhVw0Z42GneJx4vciGmWfDsEdZ7Suqf4XS80C/ASDL3wP==',
      ],
      negative: [
        'AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=acmeprodlogs;AccountKey=${STORAGE_KEY};EndpointSuffix=core.windows.net"',
        'AccountKey=AL5j0zUlY9d36erGS2s82mOWyXzyn62DyE4DZcJ3==',
      ],
    },
  },
  {
    id: 'azure-sas-token',
    title: 'Azure shared access signature',
    severity: 'high',
    description:
      'An Azure Storage shared access signature (sv=...&sig=...). Until it expires it grants the listed permissions on the storage account, container or blob without further authentication.',
    remediation:
      'Revoke or rotate the credential immediately (rotate the storage account key that signed it, or revoke the stored access policy it references), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does. Issue user-delegation SAS with short expiry instead of long-lived account SAS.',
    references: ['https://learn.microsoft.com/en-us/azure/storage/common/storage-sas-overview'],
    keywords: ['sig='],
    pattern:
      /(?<=sv=\d{4}-\d{2}-\d{2}&[^\s"'`<>]{0,600})sig=(?<secret>[A-Za-z0-9%+/=]{40,120})(?![A-Za-z0-9%+/=])(?!\.\.\.|[*…])/,
    tags: ['cloud', 'azure'],
    samples: {
      positive: [
        'BLOB_SAS_URL="https://acmeprodlogs.blob.core.windows.net/exports?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-12-31T23:59:59Z&st=2024-01-01T00:00:00Z&spr=https&sig=otIJ2vwWNMKKFV73WNkQ%2BGhNDKzkG7d9NkRvsBD%2FhDo%3D"',
        'sas: "sp=r&st=2025-03-01T09:00:00Z&se=2025-09-01T17:00:00Z&spr=https&sv=2022-11-02&sr=b&sig=SsILR8YsKkVwuq2t4WolYsmxX2NPn2xWXQ70Cnln5Za%3D"',
      ],
      negative: [
        'https://cdn.acme.io/img.png?w=200&sig=0ca5db0881be396c34b2a5f72b4f5ca2cae4012f',
        'https://acmeprodlogs.blob.core.windows.net/exports?sv=2022-11-02&sp=rl&sig=<signature>',
      ],
    },
  },
  {
    id: 'azure-ad-client-secret',
    title: 'Microsoft Entra ID (Azure AD) client secret',
    severity: 'high',
    description:
      'A Microsoft Entra ID application client secret (format with a Q~ marker). With the tenant and client IDs it authenticates as the app registration and receives all of its API permissions.',
    remediation:
      'Revoke or rotate the credential immediately (Azure portal > Microsoft Entra ID > App registrations > the app > Certificates & secrets > delete the secret), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://learn.microsoft.com/en-us/entra/identity-platform/how-to-add-credentials'],
    keywords: ['q~'],
    pattern: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['cloud', 'azure'],
    samples: {
      positive: [
        'AZURE_CLIENT_SECRET=MqF8Q~WvJnoTDEyzyZ.ilUlX8G1_wJxQZVeKrm3V',
        '  "ClientSecret": "ri97Q~Pkg9L2Ch5P~bt0HAhVs9JIZYxTaSkR2k1B",',
      ],
      negative: ['AZURE_CLIENT_SECRET=eQc8Q~iKZS4', 'path = "vTf8Q-xbksiXSnq52wWA86cJftDXkIMmmfBBQ7LU"'],
    },
  },
  {
    id: 'azure-client-secret-assigned',
    title: 'Azure client secret (legacy format)',
    severity: 'high',
    description:
      'An older-format Microsoft Entra ID / Azure service-principal client secret assigned to an Azure-named variable. It authenticates as the service principal.',
    remediation:
      'Revoke or rotate the credential immediately (Azure portal > Microsoft Entra ID > App registrations > Certificates & secrets > delete the secret), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://learn.microsoft.com/en-us/entra/identity-platform/how-to-add-credentials'],
    keywords: ['azure', 'arm_client', 'aad', 'entra', 'msal'],
    pattern:
      /(?:azure|arm|aad|entra|msal)[\w.-]{0,20}client_?secret[\w.-]{0,5}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>(?![A-Za-z0-9_~.-]{3}\dQ~)[A-Za-z0-9_~.+/=:@?[\]-]{32,44})(?![A-Za-z0-9_~.+/=:@?[\]-])(?!\.\.\.|[*…])/i,
    entropy: 3.5,
    tags: ['cloud', 'azure'],
    samples: {
      positive: [
        'ARM_CLIENT_SECRET=5k7IDRwiNAbre6:jnNK3urWZH@du6lEjoG',
        'azure_client_secret = "a9GTov1a/B4wvFDM1xxW4lWspC+AboCc"',
      ],
      negative: [
        'AZURE_CLIENT_SECRET=$(az keyvault secret show --vault-name ops --name sp-secret --query value -o tsv)',
        'azure_client_secret = "${{ secrets.AZURE_CLIENT_SECRET }}"',
      ],
    },
  },
  {
    id: 'azure-shared-access-key',
    title: 'Azure Service Bus / Event Hubs shared access key',
    severity: 'critical',
    description:
      'A shared access key in an Azure Service Bus, Event Hubs, Relay or IoT Hub connection string. With the policy name it can send, listen or manage the namespace depending on the policy (RootManageSharedAccessKey is full control).',
    remediation:
      'Revoke or rotate the credential immediately (Azure portal > the namespace > Shared access policies > the policy > Regenerate primary/secondary key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://learn.microsoft.com/en-us/azure/service-bus-messaging/service-bus-sas'],
    keywords: ['sharedaccesskey'],
    pattern: /SharedAccessKey[ \t]{0,2}=[ \t]{0,2}(?<secret>[A-Za-z0-9+/]{42,43}=)(?![A-Za-z0-9+/=_-])(?!\.\.\.|[*…])/i,
    entropy: 4,
    tags: ['cloud', 'azure'],
    samples: {
      positive: [
        'SERVICEBUS_CONNECTION="Endpoint=sb://acme-orders.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=y+BxPn3mM/ErZwo72bQx7rP+rzqf8q+XVsKeRZR1VIF="',
        '"EventHubConnection": "Endpoint=sb://telemetry-ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=9BHeJjp/shQfeCz4Fzz6CqI0DQVcz6FLkWUH4Zwtf2W=;EntityPath=events"',
      ],
      negative: [
        'Endpoint=sb://acme-orders.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=<key>',
        'SharedAccessKey=NmQQbgZ4=',
      ],
    },
  },
  {
    id: 'azure-cognitive-services-key',
    title: 'Azure AI services / API Management key',
    severity: 'high',
    description:
      "A subscription key for Azure AI services (Azure OpenAI, Speech, Vision, AI Search admin) or API Management, sent as Ocp-Apim-Subscription-Key or api-key. It lets anyone call the resource at the owner's expense.",
    remediation:
      'Revoke or rotate the credential immediately (Azure portal > the resource > Keys and Endpoint > Regenerate Key 1/Key 2), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://learn.microsoft.com/en-us/azure/ai-services/authentication',
      'https://learn.microsoft.com/en-us/azure/api-management/api-management-subscriptions',
    ],
    keywords: ['ocp-apim-subscription-key', 'azure'],
    pattern:
      /(?:ocp-apim-subscription-key|azure[\w.-]{0,30}(?:api_?key|subscription_?key|cognitive[\w.-]{0,10}key|speech_?key|openai_?key|admin_?key|search_?key|vision_?key|translator_?key))[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[a-f0-9]{32}|[A-Za-z0-9]{52}|[A-Za-z0-9]{84})(?![A-Za-z0-9])(?!\.\.\.|[*…])/i,
    entropy: 3,
    tags: ['cloud', 'azure', 'ai'],
    samples: {
      positive: [
        'AZURE_OPENAI_API_KEY=3186ecdf8420150950dd43777d4c0100',
        'curl -H "Ocp-Apim-Subscription-Key: cfc8c7ab5e1beb0017481bd88e28ca9f" https://westeurope.api.cognitive.microsoft.com/vision/v3.2/analyze',
        'azure_speech_key: "4c5l3sDmcvhu0IEPjbqu7GaGoxlMORrbQx9wf2XlDwTscBBfd0ZNVkTyq9pxUKXQ4uMo4oWpriVsYyX6JpBA"',
      ],
      negative: [
        'AZURE_OPENAI_API_KEY=${AZURE_OPENAI_API_KEY}',
        'AZURE_OPENAI_ENDPOINT=https://vaxgzjye.openai.azure.com/',
      ],
    },
  },
  {
    id: 'digitalocean-pat',
    title: 'DigitalOcean personal access token',
    severity: 'critical',
    description:
      'A DigitalOcean personal access token. With write scope it can create, modify and destroy every droplet, database, Kubernetes cluster and Space in the team.',
    remediation:
      'Revoke or rotate the credential immediately (DigitalOcean control panel > API > Tokens (or Applications & API > OAuth) > delete/revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://docs.digitalocean.com/reference/api/create-personal-access-token/',
      'https://docs.digitalocean.com/reference/api/oauth/',
    ],
    keywords: ['dop_v1_'],
    pattern: /(?<![A-Za-z0-9_+/-])dop_v1_[a-f0-9]{64}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    tags: ['cloud', 'digitalocean'],
    samples: {
      positive: [
        'DIGITALOCEAN_TOKEN=dop_v1_577b770c5dd56f0c1aa957499a6d7d4fe7316d8144909b34465606a8b228ad89',
        '  token = "dop_v1_541d9a6b2fd671902c42a2cf416b15a9943d30c96a7935eb7fb7f99b148e8e72"',
      ],
      negative: ['DIGITALOCEAN_TOKEN=dop_v1_c59335', 'DIGITALOCEAN_TOKEN=dop_v1_<token>'],
    },
  },
  {
    id: 'digitalocean-oauth-token',
    title: 'DigitalOcean OAuth access token',
    severity: 'high',
    description:
      'A DigitalOcean OAuth access token issued to an application; it acts on the authorizing team with the granted scopes.',
    remediation:
      'Revoke or rotate the credential immediately (DigitalOcean control panel > API > Tokens (or Applications & API > OAuth) > delete/revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://docs.digitalocean.com/reference/api/create-personal-access-token/',
      'https://docs.digitalocean.com/reference/api/oauth/',
    ],
    keywords: ['doo_v1_'],
    pattern: /(?<![A-Za-z0-9_+/-])doo_v1_[a-f0-9]{64}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    tags: ['cloud', 'digitalocean'],
    samples: {
      positive: [
        'DIGITALOCEAN_TOKEN=doo_v1_38f6427c28bbf772f15c8693429de888fcf9c2dc3ec02be3976cdf0ebc72c05c',
        '  token = "doo_v1_8d35452978af748fa04768f4918df09da31ff0bdc6953d6cddc830b3549e055a"',
      ],
      negative: ['DIGITALOCEAN_TOKEN=doo_v1_80b916', 'DIGITALOCEAN_TOKEN=doo_v1_<token>'],
    },
  },
  {
    id: 'digitalocean-refresh-token',
    title: 'DigitalOcean OAuth refresh token',
    severity: 'high',
    description: 'A DigitalOcean OAuth refresh token; it mints new OAuth access tokens for the authorizing team.',
    remediation:
      'Revoke or rotate the credential immediately (DigitalOcean control panel > API > Tokens (or Applications & API > OAuth) > delete/revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://docs.digitalocean.com/reference/api/create-personal-access-token/',
      'https://docs.digitalocean.com/reference/api/oauth/',
    ],
    keywords: ['dor_v1_'],
    pattern: /(?<![A-Za-z0-9_+/-])dor_v1_[a-f0-9]{64}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    tags: ['cloud', 'digitalocean'],
    samples: {
      positive: [
        'DIGITALOCEAN_TOKEN=dor_v1_fe18e2a4ef26e37310490d9e943adac98653a89032bd975be3b7b0c06ec07c2e',
        '  token = "dor_v1_a8f694ca3c0e0754daea8ac0d32ce0f4b26e72cdc1de69952898a6a202d28b37"',
      ],
      negative: ['DIGITALOCEAN_TOKEN=dor_v1_54f042', 'DIGITALOCEAN_TOKEN=dor_v1_<token>'],
    },
  },
  {
    id: 'digitalocean-spaces-secret',
    title: 'DigitalOcean Spaces secret key',
    severity: 'high',
    description:
      'A DigitalOcean Spaces (S3-compatible object storage) secret access key. With its access key it reads and writes every bucket the key is scoped to.',
    remediation:
      'Revoke or rotate the credential immediately (DigitalOcean control panel > API > Spaces Keys > delete the key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.digitalocean.com/products/spaces/how-to/manage-access/'],
    keywords: ['spaces_', 'spaces.', 'spaces-', 'digitalocean'],
    pattern:
      /(?:spaces|digitalocean)[\w.-]{0,20}secret[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[A-Za-z0-9/+]{43})(?![A-Za-z0-9/+=_-])(?!\.\.\.|[*…])/i,
    entropy: 4,
    tags: ['cloud', 'digitalocean'],
    samples: {
      positive: [
        'SPACES_SECRET_KEY=cLWSAnR0juqr0WEoxVSPnSECwkP0sHyROTq44y80U8X',
        'digitalocean_spaces_secret: "c4nsN2MyztxjSyLHSI/PVOs0ls45pl6TzqaxXJVztpD"',
      ],
      negative: ['SPACES_SECRET_KEY=', 'SPACES_ENDPOINT=https://nyc3.digitaloceanspaces.com'],
    },
  },
  {
    id: 'alibaba-access-key-id',
    title: 'Alibaba Cloud AccessKey ID',
    severity: 'high',
    description:
      'An Alibaba Cloud AccessKey ID (LTAI...). It identifies a RAM user key pair; the AccessKey secret is usually stored next to it.',
    remediation:
      'Revoke or rotate the credential immediately (Alibaba Cloud console > RAM > Users > the user > AccessKey > disable and delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://www.alibabacloud.com/help/en/ram/user-guide/create-an-accesskey-pair'],
    keywords: ['ltai'],
    pattern: /(?<![A-Za-z0-9])LTAI[A-Za-z0-9]{12,20}(?![A-Za-z0-9])(?!\.\.\.|[*…])/,
    entropy: 3,
    tags: ['cloud', 'alibaba'],
    samples: {
      positive: ['ALIBABA_CLOUD_ACCESS_KEY_ID=LTAIUigjZaSHeBCJbVXz73V6', 'access_key_id: "LTAIQ7myUwXvyVsx"'],
      negative: ['ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI8WvjxLZa', 'id = "XLTAIY2c1gojghB2PfgshXIcl"'],
    },
  },
  {
    id: 'alibaba-access-key-secret',
    title: 'Alibaba Cloud AccessKey secret',
    severity: 'critical',
    description:
      'An Alibaba Cloud AccessKey secret assigned to an Alibaba/Aliyun-named variable. With the AccessKey ID it signs API requests as the RAM user.',
    remediation:
      'Revoke or rotate the credential immediately (Alibaba Cloud console > RAM > Users > AccessKey > disable and delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://www.alibabacloud.com/help/en/ram/user-guide/create-an-accesskey-pair'],
    keywords: ['alibaba', 'aliyun', 'alicloud', 'accesskeysecret', 'access_key_secret'],
    pattern:
      /(?:(?:alibaba|aliyun|alicloud)[\w.-]{0,25}secret|access_?key_?secret)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[A-Za-z0-9]{30})(?![A-Za-z0-9])(?!\.\.\.|[*…])/i,
    entropy: 3.5,
    tags: ['cloud', 'alibaba'],
    samples: {
      positive: [
        'ALIBABA_CLOUD_ACCESS_KEY_SECRET=hyYb195d7wFQLRrG7hMse6Ttpl39VF',
        "    accessKeySecret: '7WV77wqYk5G1dEEai3Z7aAGLHVxz44',",
      ],
      negative: ['ALIBABA_CLOUD_ACCESS_KEY_SECRET=${ALIYUN_SECRET}', 'aliyun_secret = "upnqh4apcC"'],
    },
  },
  {
    id: 'ibm-cloud-api-key',
    title: 'IBM Cloud API key',
    severity: 'high',
    description:
      'An IBM Cloud IAM API key assigned to an IBM-named variable. It exchanges for IAM tokens with all the access of its user or service ID.',
    remediation:
      'Revoke or rotate the credential immediately (IBM Cloud console > Manage > Access (IAM) > API keys > delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://cloud.ibm.com/docs/account?topic=account-userapikey'],
    keywords: ['ibm'],
    pattern:
      /(?<![a-z])ibm[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[A-Za-z0-9_-]{44})(?![A-Za-z0-9_-])(?!\.\.\.|[*…])/i,
    entropy: 4,
    tags: ['cloud', 'ibm'],
    samples: {
      positive: [
        'IBMCLOUD_API_KEY=MClpzwwwf2ij_qzxFrbTFIy2MCIhcwDCyiIdO2ALWPQO',
        'ibm_api_key = "jTsE4CKK_buqIL6-zmlEU2s6P39Y-LOzXvnHonhw6Wgf"',
      ],
      negative: ['IBMCLOUD_API_KEY=$(cat /run/secrets/ibm)', 'ibm_region = "hdtblzlo-south"'],
    },
  },
  {
    id: 'heroku-api-key',
    title: 'Heroku API key',
    severity: 'critical',
    description:
      'A Heroku platform API key (HRKU-...). It has the full access of the Heroku account: deploy code, read config vars (and every secret in them), scale and delete apps.',
    remediation:
      'Revoke or rotate the credential immediately (Heroku Dashboard > Account settings > API Key > Regenerate, or `heroku authorizations:revoke`), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://devcenter.heroku.com/articles/authentication',
      'https://devcenter.heroku.com/articles/platform-api-quickstart',
    ],
    keywords: ['hrku-'],
    pattern:
      /(?<![A-Za-z0-9_+/-])HRKU-(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Za-z0-9_-]{58,70})(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['cloud', 'heroku'],
    samples: {
      positive: [
        'HEROKU_API_KEY=HRKU-AAvAjv6CALhr12MyRF6-Vn5gE4zT6a-AmMKEGoGgZTVoCq7HCqPtOJdXToab',
        'heroku_api_key: "HRKU-59c5a3c3-2398-47b9-a023-0f98b6956ea3"',
      ],
      negative: ['HEROKU_API_KEY=HRKU-Hb9zCa', 'HEROKU_API_KEY=HRKU-'],
    },
  },
  {
    id: 'heroku-api-key-legacy',
    title: 'Heroku API key (UUID format)',
    severity: 'high',
    description:
      'A UUID-format Heroku API key or OAuth token assigned to a Heroku-named variable. It has the access of the Heroku account or authorization.',
    remediation:
      'Revoke or rotate the credential immediately (Heroku Dashboard > Account settings > API Key > Regenerate, or `heroku authorizations:revoke <id>`), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://devcenter.heroku.com/articles/authentication'],
    keywords: ['heroku'],
    pattern:
      /heroku[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?![A-Za-z0-9_-])(?!\.\.\.|[*…])/i,
    entropy: 3,
    tags: ['cloud', 'heroku'],
    samples: {
      positive: [
        'HEROKU_API_KEY=6c4bdfc6-4c93-4eff-81b3-59c0c135e18e',
        '  heroku_token: "90ee5439-b7e9-4529-81a8-8ca770d75ca8"',
      ],
      negative: [
        'HEROKU_API_KEY=${{ secrets.HEROKU_API_KEY }}',
        'HEROKU_APP_NAME=acme-grzqiy',
        'HEROKU_APP_ID=beade96a-2feb-4396-9b76-4aa5ca91dc38',
      ],
    },
  },
  {
    id: 'cloudflare-api-token',
    title: 'Cloudflare API token (scannable format)',
    severity: 'high',
    description:
      'A Cloudflare API credential in the prefixed format (cfut_ user token, cfat_ account token, cfk_ global API key). Depending on its permissions it can change DNS, WAF rules, Workers and zone settings.',
    remediation:
      'Revoke or rotate the credential immediately (Cloudflare dashboard > My Profile (or Manage Account) > API Tokens > Roll or Delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://developers.cloudflare.com/fundamentals/api/get-started/token-formats/',
      'https://developers.cloudflare.com/fundamentals/api/how-to/roll-token/',
    ],
    keywords: ['cfut_', 'cfat_', 'cfk_'],
    pattern: /(?<![A-Za-z0-9_+/-])(?:cfut|cfat|cfk)_[A-Za-z0-9]{40,56}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['cloud', 'cloudflare'],
    samples: {
      positive: [
        'CLOUDFLARE_API_TOKEN=cfut_GZuyhILPo5TdkIUAfombL2nISDuYZuOjkWScCqdZPb87DlJC',
        'api_key = "cfk_SAlBFdyOJzYxdoTIuNIBbg5lP9zEHnb1MdSgC8Vc1SL2RV"',
      ],
      negative: ['CLOUDFLARE_API_TOKEN=cfut_DGZayA', 'prefix = "cfat_"'],
    },
  },
  {
    id: 'cloudflare-api-token-legacy',
    title: 'Cloudflare API token',
    severity: 'high',
    description:
      'A 40-character Cloudflare API token assigned to a Cloudflare-named variable. Depending on its permissions it can change DNS, WAF rules, Workers and zone settings.',
    remediation:
      'Revoke or rotate the credential immediately (Cloudflare dashboard > My Profile > API Tokens > Roll or Delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://developers.cloudflare.com/fundamentals/api/get-started/create-token/'],
    keywords: ['cloudflare', 'cf_', 'cf-'],
    pattern:
      /(?:cloudflare|(?<![a-z])cf)[\w.-]{0,25}token[\w.-]{0,5}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[A-Za-z0-9_-]{40})(?![A-Za-z0-9_-])(?!\.\.\.|[*…])/i,
    entropy: 4,
    tags: ['cloud', 'cloudflare'],
    samples: {
      positive: [
        'CLOUDFLARE_API_TOKEN=uLNy3dc7HyrBPSWQmFHm0Vs-s_uV292JC0Yexgup',
        'CF_API_TOKEN: "fFLNCooPry0Nd7Ihr4voz5CxdmQjE5KwkvqwJw6z"',
      ],
      negative: ['CLOUDFLARE_API_TOKEN=${CF_TOKEN}', 'CLOUDFLARE_ZONE_ID=32cfad4087dc5ccbd8c460dd4a5be658'],
    },
  },
  {
    id: 'cloudflare-global-api-key',
    title: 'Cloudflare global API key',
    severity: 'critical',
    description:
      'A 37-character Cloudflare Global API Key. With the account e-mail it has unrestricted access to every zone and setting of the user.',
    remediation:
      'Revoke or rotate the credential immediately (Cloudflare dashboard > My Profile > API Tokens > Global API Key > Change), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does. Replace it with a scoped API token.',
    references: ['https://developers.cloudflare.com/fundamentals/api/get-started/keys/'],
    keywords: ['cloudflare', 'cf_', 'cf-', 'x-auth-key'],
    pattern:
      /(?:(?:cloudflare|(?<![a-z])cf)[\w.-]{0,30}(?:api_?key|auth_?key|global[\w.-]{0,10}key)|x-auth-key)[\w.-]{0,5}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[a-f0-9]{37})(?![a-f0-9])(?!\.\.\.|[*…])/i,
    entropy: 3,
    tags: ['cloud', 'cloudflare'],
    samples: {
      positive: [
        'CLOUDFLARE_API_KEY=2456820242e1c43aea825a77976e0f6b5e4f0',
        'curl -H "X-Auth-Key: acf42454f4c371f6c80155402be02c930c8d8" https://api.cloudflare.com/client/v4/zones',
      ],
      negative: ['CLOUDFLARE_ACCOUNT_ID=8c5894b9fcecb3be1e9b6a915e8fc263', 'CLOUDFLARE_API_KEY=${CF_KEY}'],
    },
  },
  {
    id: 'cloudflare-origin-ca-key',
    title: 'Cloudflare Origin CA key',
    severity: 'medium',
    description:
      "A Cloudflare Origin CA key (v1.0-...). It can create and revoke Origin CA certificates for the account's zones.",
    remediation:
      'Revoke or rotate the credential immediately (Cloudflare dashboard > My Profile > API Tokens > Origin CA Key > Change), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://developers.cloudflare.com/fundamentals/api/get-started/ca-keys/'],
    keywords: ['v1.0-'],
    pattern: /(?<![A-Za-z0-9_+/-])v1\.0-[a-f0-9]{24}-[a-f0-9]{146}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    tags: ['cloud', 'cloudflare'],
    samples: {
      positive: [
        'CF_ORIGIN_CA_KEY=v1.0-6cdac29b84321ea48caebf3f-83d5944c4e04c7d4c18adcfc6a93961cb7a6eb6782187aa55802076b0a0f31e75f933aaedb325ec6c21330096e2299a36e29dedd6af840aac2b671ae7b801afbdd60419396c1e44118',
        'origin_ca_key = "v1.0-5a358a0b10f2a834619f6a06-0f3059af270f0957439e80896d33f7941cc3c72443e349f0d71e123a1da8deaf5453c743e0d5ba95e286f76582789e31f3805dd901c0aef2f12807cce28fe1a15c9ffba3e786a997e8"',
      ],
      negative: [
        'version: v1.0-beta',
        'key = "v1.0-6f25cd889d241b2ea84e43d5-8bf1a8673d4fa08e5edef34c590c1e61d4a4059e"',
      ],
    },
  },
  {
    id: 'flyio-access-token',
    title: 'Fly.io access token',
    severity: 'high',
    description:
      'A Fly.io API or deploy token (fo1_... or FlyV1 fm1/fm2 macaroon). Org and personal tokens manage every app in the organization; deploy tokens can deploy and read secrets of one app.',
    remediation:
      'Revoke or rotate the credential immediately (`fly tokens revoke <id>` or Fly.io dashboard > Tokens > Revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://fly.io/docs/security/tokens/', 'https://fly.io/docs/flyctl/tokens-revoke/'],
    keywords: ['fo1_', 'fm1', 'fm2'],
    pattern:
      /(?<![A-Za-z0-9_+/-])(?:fo1_[A-Za-z0-9_-]{43}|fm[12][ar]?_[A-Za-z0-9+/_-]{60,4000}={0,2})(?![A-Za-z0-9+/=_-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['cloud', 'fly'],
    samples: {
      positive: [
        'FLY_API_TOKEN=fo1_sjc8Fpu4ukbOb0Uhh3xLt7D-vYKOVpGcOEvNdBVKaMb',
        'FLY_API_TOKEN="FlyV1 fm2_lJPE/hpqHSMBxmKBmcN3KX2q0vJ4t4sAJ/EeE2w8+A5Q+AEmiuokvg/ekN8i/IPOh6wEm6tgyC8guufsLYxxITEGh0hNSxOUxDgV3lg9Qr90sZEX9RJ0q7cu+ptmwSRBsdTVRsHYC6PvyUAMcBX8exzPLLIowwj8kVfITA9mSWP2+Ru0nYr+QH/ZdTmbcNTbNOZaf7tDqfNAFlhrNjeqBm48v8THBtXhUQRM/G3i75qKxonLAXxNKvEYb7sgE47I57xxoCzK2LZgMpWjupRdxU7aEDJ4yeae4dN25aTWiEh/CxDsErLj03AoJedkKUo+N0tl/jS8mvSgNCyauHC2tweXs+yZH3lLEEICFeB6kU5rBPY/HpG0lHHMoT+RTBxg/pLYiHaKcwmPDrmx2h4Wp8TZ6EPUmAz7EA0Py8oZ"',
      ],
      negative: ['FLY_API_TOKEN=fo1_8uPV4X', 'FLY_API_TOKEN=$(fly tokens create deploy)'],
    },
  },
  {
    id: 'linode-api-token',
    title: 'Linode / Akamai Cloud personal access token',
    severity: 'high',
    description:
      "A Linode (Akamai Cloud Computing) personal access token assigned to a Linode-named variable. It manages instances, volumes and networking with the token's scopes.",
    remediation:
      'Revoke or rotate the credential immediately (Cloud Manager > My Profile > API Tokens > Revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://techdocs.akamai.com/cloud-computing/docs/manage-personal-access-tokens'],
    keywords: ['linode'],
    pattern:
      /linode[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[a-f0-9]{64})(?![a-f0-9])(?!\.\.\.|[*…])/i,
    entropy: 3,
    tags: ['cloud', 'linode'],
    samples: {
      positive: [
        'LINODE_TOKEN=96f8a3f1fe78d29a0c3c9da872f30799a1c7890f86e680968c3ca11a83cdf44c',
        'linode_api_token = "d5ef1882429288ace54b61bee2aa93038b5e2b58c390055ad42d100131104cf3"',
      ],
      negative: ['LINODE_TOKEN=${LINODE_TOKEN}', 'LINODE_TOKEN=6af4e7f49faf'],
    },
  },
  {
    id: 'vultr-api-key',
    title: 'Vultr API key',
    severity: 'high',
    description:
      'A Vultr API key assigned to a Vultr-named variable. It controls all instances, block storage and DNS of the account.',
    remediation:
      'Revoke or rotate the credential immediately (Vultr customer portal > Account > API > Regenerate), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.vultr.com/platform/other/api/manage-api-keys'],
    keywords: ['vultr'],
    pattern:
      /vultr[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[A-Z0-9]{36})(?![A-Za-z0-9])(?!\.\.\.|[*…])/i,
    entropy: 3.5,
    tags: ['cloud', 'vultr'],
    samples: {
      positive: [
        'VULTR_API_KEY=Z48O00BCTRH1JCP95T7AIFIJQ9V6VF6L9B1Y',
        'vultr_api_key: "2YZ3787BRS9ASQBEOU80P83ITOD8OCI1B4EB"',
      ],
      negative: ['VULTR_API_KEY=${VULTR_API_KEY}', 'VULTR_API_KEY=W8S9X8Q8Y6'],
    },
  },
  {
    id: 'scaleway-secret-key',
    title: 'Scaleway secret key',
    severity: 'critical',
    description:
      'A Scaleway API secret key (UUID) assigned to a Scaleway-named variable. With its SCW... access key it has the IAM permissions of the owning application or user.',
    remediation:
      'Revoke or rotate the credential immediately (Scaleway console > IAM > API keys > delete the key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://www.scaleway.com/en/docs/iam/how-to/create-api-keys/'],
    keywords: ['scaleway', 'scw_', 'scw-'],
    pattern:
      /(?:scaleway|(?<![a-z])scw)[\w.-]{0,25}secret[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?![A-Za-z0-9_-])(?!\.\.\.|[*…])/i,
    entropy: 3,
    tags: ['cloud', 'scaleway'],
    samples: {
      positive: [
        'SCW_SECRET_KEY=9f275daf-d09c-457d-846d-a91d5373f9e6',
        'scaleway_secret_key = "8c69b87a-20d5-4977-bd1e-b7d79484af0a"',
      ],
      negative: ['SCW_DEFAULT_PROJECT_ID=c1bb16ab-ee93-4939-ae08-ee7ccaac817e', 'SCW_SECRET_KEY=${SCW_SECRET_KEY}'],
    },
  },
  {
    id: 'tencent-cloud-secret-id',
    title: 'Tencent Cloud SecretId',
    severity: 'high',
    description:
      'A Tencent Cloud API SecretId (AKID...). It identifies an API key pair; the SecretKey is usually stored next to it.',
    remediation:
      'Revoke or rotate the credential immediately (Tencent Cloud console > CAM > API Keys > disable and delete the key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://www.tencentcloud.com/document/product/598/37140'],
    keywords: ['akid'],
    pattern: /(?<![A-Za-z0-9])AKID[A-Za-z0-9]{32}(?![A-Za-z0-9])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['cloud', 'tencent'],
    samples: {
      positive: [
        'TENCENTCLOUD_SECRET_ID=AKIDHVz9vroKcfNGBuhplrsY4OEdH4IWjZdK',
        'secret_id = "AKIDB50V2HSraarQ4HNJW8Yj1auE2yuLFri8"',
      ],
      negative: ['TENCENTCLOUD_SECRET_ID=AKIDYlQSmx', 'id = "XAKIDjuRjrye54o0T2d9gH76BsQfM5iC9GmI0"'],
    },
  },
  {
    id: 'tencent-cloud-secret-key',
    title: 'Tencent Cloud SecretKey',
    severity: 'critical',
    description:
      "A Tencent Cloud API SecretKey assigned to a Tencent-named variable. With the SecretId it signs API calls with the key owner's permissions.",
    remediation:
      'Revoke or rotate the credential immediately (Tencent Cloud console > CAM > API Keys > disable and delete the key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://www.tencentcloud.com/document/product/598/37140'],
    keywords: ['tencent'],
    pattern:
      /tencent[\w.-]{0,25}secret_?key[\w.-]{0,5}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[A-Za-z0-9]{32})(?![A-Za-z0-9])(?!\.\.\.|[*…])/i,
    entropy: 3.5,
    tags: ['cloud', 'tencent'],
    samples: {
      positive: [
        'TENCENTCLOUD_SECRET_KEY=ggZ55DLo7wQYuI0CfwcgvMgaK6TyWwwh',
        'tencent_secret_key: "Wqp2fUgI0AnTWZQidM6WUaJkzn0XGIfy"',
      ],
      negative: ['TENCENTCLOUD_SECRET_KEY=${TENCENT_KEY}', 'TENCENTCLOUD_SECRET_KEY=rSCLO1Oc'],
    },
  },
  {
    id: 'yandex-cloud-api-key',
    title: 'Yandex Cloud API key',
    severity: 'high',
    description: 'A Yandex Cloud service-account API key (AQVN...). It authenticates API calls as the service account.',
    remediation:
      'Revoke or rotate the credential immediately (Yandex Cloud console > Identity and Access Management > Service accounts > API keys > delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://yandex.cloud/en/docs/iam/concepts/authorization/api-key'],
    keywords: ['aqvn'],
    pattern: /(?<![A-Za-z0-9_+/-])AQVN[A-Za-z0-9_-]{35,38}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['cloud', 'yandex'],
    samples: {
      positive: [
        'YC_API_KEY=AQVNbpxIYiSYjr44mrc-ebQu4aKek4SmCgyGCwEN',
        'api_key: "AQVN8oyTxzas1Gw_NB_HqQj66qdfhO-siH0f92v"',
      ],
      negative: ['YC_API_KEY=AQVNFSMtCX', 'x = "AQVNWMHcKV1Tzl0Qwrz5udWVtgAP2n0ND1B3cFiL3iXdDfX4Czw9HE"'],
    },
  },
  {
    id: 'yandex-cloud-iam-token',
    title: 'Yandex Cloud IAM token',
    severity: 'medium',
    description:
      'A Yandex Cloud IAM token (t1....). Valid for up to 12 hours with the permissions of the account that requested it.',
    remediation:
      'Revoke or rotate the credential immediately (revoke with `yc iam revoke-token` and rotate the credential that issued it), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://yandex.cloud/en/docs/iam/concepts/authorization/iam-token'],
    keywords: ['t1.'],
    pattern:
      /(?<![A-Za-z0-9_.-])t1\.[A-Za-z0-9_-]{40,200}={0,2}\.[A-Za-z0-9_-]{86}={0,2}(?![A-Za-z0-9_=.-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['cloud', 'yandex'],
    samples: {
      positive: [
        'YC_TOKEN=t1.9euelZq_PzJc_5ZJjEbIny9Y4QnhRVL1Z_0wjVGBujWyH_FhvqMs0uWQs4JJ_5YrfhwQtYhM_hy0NePF_0ILwOL.za6RFLDzslacUHRvssftyQrz-7vVVTOd9sqzVGY-tsWwvPDp4mWx2h7x7nO2QDbSxVHjzsdUqndXCsf0jvCcJh',
        '  "iamToken": "t1.9euelZreTaumKFK8DCniAwVWOPScoO73Z4UcOb4KipIXjr7TNXBmAlH7GlOFyV-9_auXSfGms9QDtM46N-7y7mly3f4JhehbTs5if4Fcliz.jpdY909M8C8ndtgMx062P_jnxSRScfAAa8dDrHtLoOehNvtn925qIF8p6baBYmRfyMxfQgP4aCDvGkAU1syE9M",',
      ],
      negative: ['version = "t1.2.3"', 'YC_TOKEN=t1.dO2t.GdRs'],
    },
  },
  {
    id: 'fastly-api-token',
    title: 'Fastly API token',
    severity: 'high',
    description:
      'A Fastly API token assigned to a Fastly-named variable. Depending on scope it can purge caches and change or delete service configurations.',
    remediation:
      'Revoke or rotate the credential immediately (Fastly control panel > Account > API tokens > Delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.fastly.com/en/guides/using-api-tokens'],
    keywords: ['fastly'],
    pattern:
      /fastly[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[A-Za-z0-9_-]{32})(?![A-Za-z0-9_-])(?!\.\.\.|[*…])/i,
    entropy: 3.5,
    tags: ['cloud', 'fastly'],
    samples: {
      positive: [
        'FASTLY_API_TOKEN=PE8awHbs6PGb7mA9D3vi-i19E-Y9YVzV',
        'fastly_api_key = "SHessIKlX4birbB2V0ea-uCNehTuag2j"',
      ],
      negative: ['FASTLY_API_TOKEN=${FASTLY_API_TOKEN}', 'FASTLY_SERVICE_ID=nr5LYS4tHLKewaFztgk8vQ'],
    },
  },
  {
    id: 'backblaze-b2-application-key',
    title: 'Backblaze B2 application key',
    severity: 'high',
    description:
      'A Backblaze B2 application key (K00...) assigned to a B2-named variable. It reads, writes or deletes files in the buckets it is scoped to.',
    remediation:
      'Revoke or rotate the credential immediately (Backblaze web UI > App Keys > Delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://www.backblaze.com/docs/cloud-storage-application-keys'],
    keywords: ['backblaze', 'b2_', 'b2-'],
    pattern:
      /(?:backblaze|(?<![a-z0-9])b2)[\w.-]{0,30}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>K[0-9]{3}[A-Za-z0-9+/]{27})(?![A-Za-z0-9+/=_-])(?!\.\.\.|[*…])/i,
    entropy: 4,
    tags: ['cloud', 'backblaze'],
    samples: {
      positive: [
        'B2_APPLICATION_KEY=K005ZNtRCz24uWQdsrV3fDZbJHk91nL',
        'backblaze_app_key: "K004rg3TZbAfAL06cu4uDXkrnqAg10K"',
      ],
      negative: ['B2_APPLICATION_KEY_ID=0057a34a1f10e42c5d9d11d1', 'B2_APPLICATION_KEY=${B2_KEY}'],
    },
  },
  {
    id: 'hetzner-cloud-token',
    title: 'Hetzner Cloud API token',
    severity: 'high',
    description:
      'A Hetzner Cloud API token assigned to a Hetzner/hcloud-named variable. Read-write tokens control every server, volume and network in the project.',
    remediation:
      'Revoke or rotate the credential immediately (Hetzner Cloud Console > the project > Security > API tokens > Delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.hetzner.com/cloud/api/getting-started/generating-api-token/'],
    keywords: ['hetzner', 'hcloud'],
    pattern:
      /(?:hetzner|hcloud)[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[A-Za-z0-9]{64})(?![A-Za-z0-9])(?!\.\.\.|[*…])/i,
    entropy: 4,
    tags: ['cloud', 'hetzner'],
    samples: {
      positive: [
        'HCLOUD_TOKEN=aWxYQsSKWmvZj8Gs5H4cXfPIx4KzJfmrqx4J5HOZvyU6aynUfLQnbRop5lMwBPXi',
        'hetzner_api_token = "n2TPwoixwqcyYedhqdIYhuw4gZ41qT7vzdRylxbljsSYaDWJ3iPlXH4cZRZeQYqV"',
      ],
      negative: ['HCLOUD_TOKEN=${HCLOUD_TOKEN}', 'HCLOUD_TOKEN=heogvH6IBw'],
    },
  },
];
