import type { SecretRule } from '../rule.js';
import { PLACEHOLDER_PASSWORDS } from './shared.js';

/** Remediation for a database password in a connection string; `howToChange` is the engine's command. */
function rotateDatabasePassword(howToChange: string): string {
  return (
    `Revoke or rotate the credential immediately (change the database user's password (${howToChange}) and end ` +
    'its sessions), then store the replacement in a secret manager or CI secret store and load it from the ' +
    'environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or ' +
    'BFG) - rewriting history does not make a leaked credential safe, revocation does. Build the URL from ' +
    'separate environment variables or a secret manager, never commit it.'
  );
}

/** Built-in secret rules: database connection strings and data platforms (PostgreSQL, MySQL, MongoDB, Redis, Supabase, …). */
export const databasesRules: SecretRule[] = [
  {
    id: 'postgres-connection-string',
    title: 'PostgreSQL connection string with password',
    severity: 'critical',
    description:
      "A PostgreSQL connection URI with an inline password (postgres://user:password@host). It gives direct access to the database with that user's privileges.",
    remediation: rotateDatabasePassword('ALTER ROLE ... PASSWORD ...'),
    references: ['https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS'],
    afterKeyword: '@',
    keywords: ['postgres'],
    pattern:
      /(?<![A-Za-z0-9+.-])postgres[a-z0-9+]{0,22}:\/\/(?<user>[^\s:@/?#"'`<>]{1,128}):(?![$<{*]|%\(|\k<user>@)(?<secret>[^\s:@/?#"'`<>\\]{3,256})@[A-Za-z0-9_.[-](?!\.\.\.|[*…])/i,
    allowlists: [PLACEHOLDER_PASSWORDS],
    tags: ['database'],
    samples: {
      positive: [
        'DATABASE_URL=postgres://app_user:y07UDkWY3gctQXx8pfWQCaK7@db.internal.acme.io:5432/orders',
        '  url: "postgresql+asyncpg://reporting:uiB3wQHlt5xfRdH3!EMpy@10.20.3.14/analytics?sslmode=require"',
      ],
      negative: [
        'DATABASE_URL=postgres://app_user:${DB_PASSWORD}@db.internal.acme.io:5432/orders',
        'DATABASE_URL=postgres://localhost:5432/orders',
        'DATABASE_URL=postgresql://app_user@db.internal/orders',
      ],
    },
  },
  {
    id: 'mysql-connection-string',
    title: 'MySQL / MariaDB connection string with password',
    severity: 'critical',
    description:
      "A MySQL or MariaDB connection URI with an inline password (mysql://user:password@host). It gives direct access to the database with that user's privileges.",
    remediation: rotateDatabasePassword('ALTER USER ... IDENTIFIED BY ...'),
    references: ['https://dev.mysql.com/doc/refman/8.0/en/connecting-using-uri-or-key-value-pairs.html'],
    afterKeyword: '@',
    keywords: ['mysql', 'mariadb'],
    pattern:
      /(?<![A-Za-z0-9+.-])(?:mysql|mariadb)[a-z0-9+]{0,22}:\/\/(?<user>[^\s:@/?#"'`<>]{1,128}):(?![$<{*]|%\(|\k<user>@)(?<secret>[^\s:@/?#"'`<>\\]{3,256})@[A-Za-z0-9_.[-](?!\.\.\.|[*…])/i,
    allowlists: [PLACEHOLDER_PASSWORDS],
    tags: ['database'],
    samples: {
      positive: [
        'DATABASE_URL="mysql://shop:Uii497j5biKdvEKxMh45@mysql-primary.acme.io:3306/shop"',
        'SQLALCHEMY_DATABASE_URI = "mysql+pymysql://etl:yn5YOllotrR4sKCYL4@127.0.0.1/warehouse"',
      ],
      negative: [
        'DATABASE_URL="mysql://shop:<password>@mysql-primary:3306/shop"',
        'DATABASE_URL="mysql://mysql-primary:3306/shop"',
      ],
    },
  },
  {
    id: 'go-mysql-dsn-password',
    title: 'Go MySQL DSN with password',
    severity: 'critical',
    description:
      "A go-sql-driver/mysql data source name with an inline password (user:password@tcp(host:3306)/db). It gives direct access to the database with that user's privileges.",
    remediation: rotateDatabasePassword('ALTER USER ... IDENTIFIED BY ...'),
    references: ['https://github.com/go-sql-driver/mysql#dsn-data-source-name'],
    keywords: ['@tcp(', '@unix('],
    pattern:
      /(?<![A-Za-z0-9_.-])(?<user>[A-Za-z0-9_.-]{1,64}):(?![$<{*]|%\(|\k<user>@)(?<secret>[^\s:@/"'`<>\\]{3,128})@(?:tcp|unix)\((?!\.\.\.|[*...])/,
    allowlists: [PLACEHOLDER_PASSWORDS],
    tags: ['database', 'mysql'],
    samples: {
      positive: [
        'db, err := sql.Open("mysql", "orders:Omx8X8bE6SR4DlFjUH@tcp(mysql.internal:3306)/orders?parseTime=true")',
        'MYSQL_DSN=app_rw:KKIKpffuToRrbcnmLbjM@tcp(10.0.4.12:3306)/shop',
      ],
      negative: [
        'db, err := sql.Open("mysql", "root:root@tcp(localhost:3306)/dev")',
        'dsn := fmt.Sprintf("%s:%s@tcp(%s)/%s", user, pass, host, name)',
        'MYSQL_DSN=app@tcp(10.0.4.12:3306)/shop',
      ],
    },
  },
  {
    id: 'mongodb-connection-string',
    title: 'MongoDB connection string with password',
    severity: 'critical',
    description:
      "A MongoDB connection string with an inline password (mongodb:// or mongodb+srv://user:password@host). It gives direct access to the cluster with that user's roles.",
    remediation: rotateDatabasePassword('Atlas > Database Access > edit the user > Edit password'),
    references: [
      'https://www.mongodb.com/docs/manual/reference/connection-string/',
      'https://www.mongodb.com/docs/atlas/security-add-mongodb-users/',
    ],
    afterKeyword: '@',
    keywords: ['mongodb'],
    pattern:
      /(?<![A-Za-z0-9+.-])mongodb[+a-z]{0,4}:\/\/(?<user>[^\s:@/?#"'`<>]{1,128}):(?![$<{*]|%\(|\k<user>@)(?<secret>[^\s:@/?#"'`<>\\]{3,256})@[A-Za-z0-9_.[-](?!\.\.\.|[*…])/i,
    allowlists: [PLACEHOLDER_PASSWORDS],
    tags: ['database'],
    samples: {
      positive: [
        'MONGODB_URI=mongodb+srv://api-svc:GtEemDlGMvVeoUEN@cluster0.o7l56.mongodb.net/prod?retryWrites=true&w=majority',
        'mongoose.connect("mongodb://admin:8wSugEK7IkaVLSDWw6YM@mongo-0.mongo:27017,mongo-1.mongo:27017/app?replicaSet=rs0");',
      ],
      negative: [
        'MONGODB_URI=mongodb+srv://cluster0.abcde.mongodb.net/prod',
        'MONGODB_URI=mongodb://${MONGO_USER}:${MONGO_PASS}@mongo:27017/app',
      ],
    },
  },
  {
    id: 'redis-connection-string',
    title: 'Redis connection string with password',
    severity: 'critical',
    description:
      'A Redis connection URL with an inline password (redis:// or rediss://[user]:password@host). It reads and writes every key, and on many deployments allows arbitrary commands.',
    remediation: rotateDatabasePassword('ACL SETUSER / requirepass'),
    references: [
      'https://redis.io/docs/latest/operate/oss_and_stack/management/security/acl/',
      'https://www.iana.org/assignments/uri-schemes/prov/redis',
    ],
    afterKeyword: '@',
    keywords: ['redis'],
    pattern:
      /(?<![A-Za-z0-9+.-])redis[a-z+]{0,10}:\/\/(?<user>[^\s:@/?#"'`<>]{0,128}):(?![$<{*]|%\(|\k<user>@)(?<secret>[^\s:@/?#"'`<>\\]{3,256})@[A-Za-z0-9_.[-](?!\.\.\.|[*…])/i,
    allowlists: [PLACEHOLDER_PASSWORDS],
    tags: ['database'],
    samples: {
      positive: [
        'REDIS_URL=rediss://default:p4wNZR92m8Wn1zxv5DEgrF77t9I3Bg1I@redis-12345.c1.eu-west-1-2.ec2.cloud.redislabs.com:12345',
        'CACHE_URL=redis://:l2ochyTGdFeKXR6SQ84d5stO@cache.internal:6379/0',
      ],
      negative: ['REDIS_URL=redis://localhost:6379/0', 'REDIS_URL=redis://:${REDIS_PASSWORD}@cache:6379'],
    },
  },
  {
    id: 'amqp-connection-string',
    title: 'AMQP (RabbitMQ) connection string with password',
    severity: 'critical',
    description:
      "An AMQP / RabbitMQ connection URL with an inline password (amqp://user:password@host). It publishes and consumes messages on the virtual host with that user's permissions.",
    remediation: rotateDatabasePassword('rabbitmqctl change_password'),
    references: ['https://www.rabbitmq.com/docs/uri-spec', 'https://www.rabbitmq.com/docs/passwords'],
    afterKeyword: '@',
    keywords: ['amqp'],
    pattern:
      /(?<![A-Za-z0-9+.-])amqps?:\/\/(?<user>[^\s:@/?#"'`<>]{1,128}):(?![$<{*]|%\(|\k<user>@)(?<secret>[^\s:@/?#"'`<>\\]{3,256})@[A-Za-z0-9_.[-](?!\.\.\.|[*…])/i,
    allowlists: [PLACEHOLDER_PASSWORDS],
    tags: ['database'],
    samples: {
      positive: [
        'CELERY_BROKER_URL=amqp://celery:H5wux7oGO0uYfL4cPb6g@rabbitmq.internal:5672/jobs',
        '  url: "amqps://orders-svc:2nPbpMlLPITEjCvBke@b-1234.mq.eu-west-1.amazonaws.com:5671"',
      ],
      negative: [
        'CELERY_BROKER_URL=amqp://guest@localhost//',
        'CELERY_BROKER_URL=amqp://celery:%(password)s@rabbitmq:5672/jobs',
      ],
    },
  },
  {
    id: 'mssql-connection-string',
    title: 'SQL Server connection URL with password',
    severity: 'critical',
    description:
      "A Microsoft SQL Server connection URL with an inline password (mssql:// or sqlserver://user:password@host). It gives direct access to the database with that login's privileges.",
    remediation: rotateDatabasePassword('ALTER LOGIN ... WITH PASSWORD ...'),
    references: [
      'https://learn.microsoft.com/en-us/sql/relational-databases/security/authentication-access/create-a-login',
    ],
    afterKeyword: '@',
    keywords: ['mssql', 'sqlserver'],
    pattern:
      /(?<![A-Za-z0-9+.-])(?:mssql|sqlserver)[a-z0-9+]{0,20}:\/\/(?<user>[^\s:@/?#"'`<>]{1,128}):(?![$<{*]|%\(|\k<user>@)(?<secret>[^\s:@/?#"'`<>\\]{3,256})@[A-Za-z0-9_.[-](?!\.\.\.|[*…])/i,
    allowlists: [PLACEHOLDER_PASSWORDS],
    tags: ['database'],
    samples: {
      positive: [
        'DATABASE_URL=mssql://sa:QqBWoi7HeQYz2B73TaVX@sql01.corp.acme.io:1433/Billing',
        'db_url: "mssql+pyodbc://reporter:wNV9pksY18Zuh03Y@sqlsrv.internal/reports?driver=ODBC+Driver+18+for+SQL+Server"',
      ],
      negative: [
        'DATABASE_URL=mssql://sql01.corp.acme.io:1433/Billing',
        'DATABASE_URL=mssql://sa:{{ sql_password }}@sql01:1433/Billing',
      ],
    },
  },
  {
    id: 'jdbc-connection-string-password',
    title: 'JDBC URL with password',
    severity: 'critical',
    description:
      'A JDBC connection URL with an inline password (password=... parameter, or Oracle thin user/password@host). It gives direct access to the database.',
    remediation:
      "Revoke or rotate the credential immediately (change the database user's password and end its sessions), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does. Build the URL from separate environment variables or a secret manager, never commit it.",
    references: [
      'https://docs.oracle.com/javase/tutorial/jdbc/basics/connecting.html',
      'https://jdbc.postgresql.org/documentation/use/#connection-parameters',
    ],
    keywords: ['jdbc:'],
    pattern:
      /jdbc:(?:oracle:thin:[A-Za-z0-9_$#]{1,64}\/|[a-z0-9]{2,20}:[^\s"'`<>]{1,300}?[?&;:](?:password|pwd)=)(?![$<{*]|%\()(?<secret>[^\s@&;"'`<>]{1,128})(?!\.\.\.|[*…])/i,
    allowlists: [PLACEHOLDER_PASSWORDS],
    tags: ['database', 'jdbc'],
    samples: {
      positive: [
        'spring.datasource.url=jdbc:mysql://db.internal:3306/shop?user=shop&password=4Yd7njYi3MJgwxXaME&useSSL=true',
        'url = "jdbc:sqlserver://sql01.corp:1433;databaseName=Billing;user=svc_billing;password=d3zWdrLXi92ufplX;encrypt=true"',
        'jdbc:oracle:thin:scott/mvAcatFlw2ectc@//ora.internal:1521/ORCLPDB1',
      ],
      negative: [
        'spring.datasource.url=jdbc:postgresql://db.internal:5432/shop',
        'url = "jdbc:mysql://db:3306/shop?user=shop&password=${DB_PASSWORD}"',
      ],
    },
  },
  {
    id: 'ado-net-connection-string-password',
    title: 'ADO.NET / ODBC connection string with password',
    severity: 'critical',
    description:
      'A key/value database connection string (Server=...;User Id=...;Password=...) with an inline password, as used by ADO.NET, ODBC and many ORMs. It gives direct access to the database.',
    remediation: rotateDatabasePassword('ALTER LOGIN ... WITH PASSWORD ...'),
    references: [
      'https://learn.microsoft.com/en-us/dotnet/framework/data/adonet/connection-string-syntax',
      'https://learn.microsoft.com/en-us/aspnet/core/security/app-secrets',
    ],
    keywords: ['password=', 'pwd='],
    pattern:
      /(?:Server|Data Source|Host|Addr|Address)[ \t]{0,2}=[^;"'`\r\n]{1,200};[^"'`\r\n]{0,300}?(?:Password|Pwd)[ \t]{0,2}=[ \t]{0,2}(?![$<{*]|%\()(?<secret>[^;"'`\s]{1,128})(?!\.\.\.|[*…])/i,
    allowlists: [PLACEHOLDER_PASSWORDS],
    tags: ['database'],
    samples: {
      positive: [
        '"DefaultConnection"": "Server=tcp:acme-sql.database.windows.net,1433;Initial Catalog=orders;User ID=orders_app;Password=meeMBTuG4wKoT8Dirxw7;Encrypt=True;"',
        'conn_str = "Driver={ODBC Driver 18 for SQL Server};Server=sql01;Database=hr;Uid=hr_ro;Pwd=UdrJDSaIXSI0PWbk;"',
      ],
      negative: [
        '"DefaultConnection": "Server=(localdb)\\\\mssqllocaldb;Database=orders;Trusted_Connection=True;"',
        '"DefaultConnection": "Server=sql01;Database=hr;User Id=hr;Password=${SQL_PASSWORD};"',
      ],
    },
  },
  {
    id: 'planetscale-api-token',
    title: 'PlanetScale service token',
    severity: 'high',
    description:
      'A PlanetScale service / API token (pscale_tkn_...). It manages databases, branches and deploy requests of the organization within its permissions.',
    remediation:
      'Revoke or rotate the credential immediately (PlanetScale > Organization settings > Service tokens > delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://planetscale.com/docs/concepts/service-tokens'],
    keywords: ['pscale_tkn_'],
    pattern: /(?<![A-Za-z0-9_+/-])pscale_tkn_[A-Za-z0-9_.-]{32,64}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['database', 'planetscale'],
    samples: {
      positive: [
        'PLANETSCALE_SERVICE_TOKEN=pscale_tkn_nQjE28iqnx2dUVo1ptslrL7b8A2LBlqAKf-nU1jH_fk',
        'token: "pscale_tkn_h7gAYWTis2kqeG249KipzqdUK18AcK6lasWowV8Thyc"',
      ],
      negative: ['PLANETSCALE_SERVICE_TOKEN=pscale_tkn_aKJO', 'PLANETSCALE_SERVICE_TOKEN_ID=abcd1234'],
    },
  },
  {
    id: 'planetscale-password',
    title: 'PlanetScale database password',
    severity: 'critical',
    description:
      'A PlanetScale database branch password (pscale_pw_...). With the username and host it connects to the database branch.',
    remediation:
      'Revoke or rotate the credential immediately (PlanetScale > the database > Settings > Passwords > delete the password), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://planetscale.com/docs/concepts/connection-strings'],
    keywords: ['pscale_pw_'],
    pattern: /(?<![A-Za-z0-9_+/-])pscale_pw_[A-Za-z0-9_.-]{32,64}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['database', 'planetscale'],
    samples: {
      positive: [
        'DATABASE_PASSWORD=pscale_pw_sV-nZjB2C5DrL74gUB-jmzlX50KFLwLu-66NcWWrZlW',
        '  password: "pscale_pw_ldHHZX-K_YJJvjAE03OUR3HczdL82wrXuucUjBvXp0R"',
      ],
      negative: ['DATABASE_PASSWORD=pscale_pw_DkpFoSAIFa', 'DATABASE_PASSWORD=pscale_pw_'],
    },
  },
  {
    id: 'planetscale-oauth-token',
    title: 'PlanetScale OAuth token',
    severity: 'high',
    description:
      'A PlanetScale OAuth access token (pscale_oauth_...). It calls the PlanetScale API on behalf of the user who authorized the application.',
    remediation:
      'Revoke or rotate the credential immediately (PlanetScale > Settings > OAuth applications > revoke the authorization), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://planetscale.com/docs/concepts/oauth'],
    keywords: ['pscale_oauth_'],
    pattern: /(?<![A-Za-z0-9_+/-])pscale_oauth_[A-Za-z0-9_.-]{32,64}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['database', 'planetscale'],
    samples: {
      positive: [
        'PSCALE_OAUTH_TOKEN=pscale_oauth_tF67LTm9r8JiITHdf4UJTTJ2CMsxjMa5vrwbyz86BFc',
        'access_token: "pscale_oauth_3Q27H_8bgpJKnDvRgTXBSdf0cFryIvQfarYoexcN9WN"',
      ],
      negative: ['PSCALE_OAUTH_TOKEN=pscale_oauth_Hi', 'PSCALE_OAUTH_TOKEN=pscale_oauth_'],
    },
  },
  {
    id: 'supabase-access-token',
    title: 'Supabase personal access token',
    severity: 'critical',
    description:
      "A Supabase management API personal access token (sbp_...). It manages every project of the user's organizations: database passwords, API keys, edge functions.",
    remediation:
      'Revoke or rotate the credential immediately (Supabase dashboard > Account > Access Tokens > Revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://supabase.com/docs/reference/api/introduction'],
    keywords: ['sbp_'],
    pattern: /(?<![A-Za-z0-9_+/-])sbp_[a-f0-9]{40}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3,
    tags: ['database', 'supabase'],
    samples: {
      positive: [
        'SUPABASE_ACCESS_TOKEN=sbp_b39f8273c83a1ff1987c75ebda41f13aaed56b66',
        'supabase login --token sbp_e896919b27da277056d3cc8b889a14b3d0ef6442',
      ],
      negative: ['SUPABASE_ACCESS_TOKEN=sbp_d7dd7e93', 'SUPABASE_ACCESS_TOKEN=sbp_'],
    },
  },
  {
    id: 'supabase-secret-key',
    title: 'Supabase secret API key',
    severity: 'critical',
    description:
      "A Supabase secret API key (sb_secret_...). It bypasses Row Level Security and has full access to the project's data and storage. Publishable keys (sb_publishable_) are public and not reported.",
    remediation:
      'Revoke or rotate the credential immediately (Supabase dashboard > Project settings > API Keys > delete the secret key and create a new one), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://supabase.com/docs/guides/api/api-keys'],
    keywords: ['sb_secret_'],
    pattern: /(?<![A-Za-z0-9_+/-])sb_secret_[A-Za-z0-9_-]{20,80}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['database', 'supabase'],
    samples: {
      positive: [
        'SUPABASE_SECRET_KEY=sb_secret_oF4eURQonv_0cv1feIZ4HtN980eHcGM',
        'const supabase = createClient(url, "sb_secret_MpovC5_sN_btsnYgHtXa22D3CUfbXBa");',
      ],
      negative: [
        'NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY=sb_publishable_jcjYUNSS1rKyohXW0C4xMzPgoUlc2MJ',
        'SUPABASE_SECRET_KEY=sb_secret_q5zZ',
      ],
    },
  },
  {
    id: 'firebase-cloud-messaging-server-key',
    title: 'Firebase Cloud Messaging server key',
    severity: 'high',
    description:
      'A legacy Firebase Cloud Messaging server key (AAAA...:APA91b...). It sends push notifications to every device of the app.',
    remediation:
      'Revoke or rotate the credential immediately (Firebase console > Project settings > Cloud Messaging > delete the legacy server key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does. Migrate to the HTTP v1 API with service-account OAuth.',
    references: ['https://firebase.google.com/docs/cloud-messaging/auth-server'],
    keywords: ['apa91b'],
    pattern: /(?<![A-Za-z0-9_+/-])AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['database', 'firebase'],
    samples: {
      positive: [
        'FCM_SERVER_KEY=AAAASA9J6fp:APA91bIdk1ix5rWPSlLJWpqsuCd9EqHiWhrW61hwGZB3FJtWEg2khqyUC4Q4aZpRx8lJ3bDtKolYY-A4qeVSIubScNJBYjm4QkN1FDgsS3w5xCyyNyqPCRpl_h3E8PGtnfndqFQ3GKvg',
        'headers: { Authorization: "key=AAAAZgrYoIL:APA91bfmAUSvWRCYXrDS_RXW8GVKkpoatbmrvjIrzUk0QPJK6zDWl9Ia6USnzHpbzd2vgnVGK587xkp57peeLvoWyBjO8DeE1PY4Sc5NiMdR50b6zIvE5-Tjv5MRvEcN0vhx7V_MK_f6" }',
      ],
      negative: [
        'FCM_SERVER_KEY=AAAATgwLCqu:APA91b6EFi2O8eyKwniU4NnkLbw91jRBX8PZRT05MgwNPQ',
        'FCM_SENDER_ID=577900632735',
      ],
    },
  },
  {
    id: 'mongodb-atlas-api-key',
    title: 'MongoDB Atlas API private key',
    severity: 'critical',
    description:
      'A MongoDB Atlas Administration API private key (UUID) assigned to an Atlas-named variable. With the public key it manages clusters, database users and network access of the organization or project.',
    remediation:
      'Revoke or rotate the credential immediately (Atlas > Organization (or Project) > Access Manager > API Keys > delete the key), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://www.mongodb.com/docs/atlas/configure-api-access/'],
    keywords: ['atlas', 'mongodb'],
    pattern:
      /atlas[\w.-]{0,20}private[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?![A-Za-z0-9_-])(?!\.\.\.|[*…])/i,
    entropy: 3,
    tags: ['database', 'mongodb'],
    samples: {
      positive: [
        'MONGODB_ATLAS_PRIVATE_KEY=d917282a-43c7-4cf3-b702-22b3b38d51c8',
        'atlas_private_key: "e59d6015-35af-4621-9ed9-11559f0ae7eb"',
      ],
      negative: ['MONGODB_ATLAS_PUBLIC_KEY=lsfgjqdc', 'MONGODB_ATLAS_PRIVATE_KEY=${ATLAS_PRIVATE_KEY}'],
    },
  },
  {
    id: 'neon-api-key',
    title: 'Neon API key',
    severity: 'high',
    description:
      'A Neon API key (napi_...). It manages projects, branches, roles and their passwords in the Neon account or organization.',
    remediation:
      'Revoke or rotate the credential immediately (Neon Console > Account settings (or Organization settings) > API keys > Revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://neon.com/docs/manage/api-keys'],
    keywords: ['napi_'],
    pattern: /(?<![A-Za-z0-9_+/-])napi_[a-z0-9]{64}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['database', 'neon'],
    samples: {
      positive: [
        'NEON_API_KEY=napi_y5iqnrgegspqtc449di5om3t3d68g87e3mbew6j8xqi67hhkk1i5jlut6ft8b955',
        'neon_api_key: "napi_1bfhjrjgn0jajarp0n4vjtizf61cxve87m3krjzvsfom5itmx2qd3veya4xmbhlt"',
      ],
      negative: ['NEON_API_KEY=napi_we0jmapr', 'NEON_API_KEY=napi_'],
    },
  },
  {
    id: 'upstash-token',
    title: 'Upstash Redis REST / QStash token',
    severity: 'high',
    description:
      'An Upstash Redis REST token or QStash token assigned to an Upstash/QStash-named variable. Redis tokens read and write every key; QStash tokens publish messages to your endpoints.',
    remediation:
      'Revoke or rotate the credential immediately (Upstash console > the database (or QStash) > Details > reset the token / rotate credentials), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: [
      'https://upstash.com/docs/redis/features/restapi',
      'https://upstash.com/docs/qstash/howto/roll-signing-keys',
    ],
    keywords: ['upstash', 'qstash'],
    pattern:
      /(?:upstash|qstash)[\w.-]{0,30}token[\w.-]{0,5}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[A-Za-z0-9+/_-]{40,200}={0,2})(?![A-Za-z0-9+/=_-])(?!\.\.\.|[*…])/i,
    entropy: 4,
    tags: ['database', 'upstash'],
    samples: {
      positive: [
        'UPSTASH_REDIS_REST_TOKEN=AXpQZU24qCIGfa4AyBqUUsVD7BNnR65rXOqOzIa2Rt1FITXxXwrBq3Nvp3D727Jf',
        'QSTASH_TOKEN=eyJVc2VySUQiOiI1NjFkNWExNy1mZDllLTQzZWItYmUwNS1kZjFkZmMzMGUwNzUiLCJQYXNzd29yZCI6Ijg3MjU0NTQwODM5M2Y1YjUxNjc0ODZmZDJlZjc2OWYxIn0=',
      ],
      negative: [
        'UPSTASH_REDIS_REST_TOKEN=${UPSTASH_TOKEN}',
        'UPSTASH_REDIS_REST_URL=https://eu1-happy-otter-31234.upstash.io',
      ],
    },
  },
  {
    id: 'airtable-pat',
    title: 'Airtable personal access token',
    severity: 'high',
    description:
      'An Airtable personal access token (pat.......). It reads and writes the bases it was granted, with the selected scopes.',
    remediation:
      'Revoke or rotate the credential immediately (Airtable > Builder hub > Personal access tokens > delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://airtable.com/developers/web/guides/personal-access-tokens'],
    keywords: ['pat'],
    pattern: /(?<![A-Za-z0-9_+/-])pat[A-Za-z0-9]{14}\.[a-f0-9]{64}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3.5,
    tags: ['database', 'airtable'],
    samples: {
      positive: [
        'AIRTABLE_TOKEN=patlxlRkNfZcHGnv7.d491fd9a15520f0985b4a7edd300d11b67c631304394dee5ad19c7bfd05fb488',
        'const base = new Airtable({ apiKey: "patyOV9vRinlZ1zbN.19715d172d6153482cd8e6e3f588474d997ea2e1337c2c8ac3590b2873898d47" }).base("appGjVZzeeLLAzP9j");',
      ],
      negative: ['AIRTABLE_TOKEN=patO4cVuTOzrB', 'AIRTABLE_BASE=app1SkaClXkZkxGku'],
    },
  },
  {
    id: 'airtable-api-key',
    title: 'Airtable API key (legacy)',
    severity: 'high',
    description:
      'A legacy Airtable API key (key...) assigned to an Airtable-named variable. It had the full access of the user to every base.',
    remediation:
      'Revoke or rotate the credential immediately (Airtable > Account > API > regenerate / migrate to personal access tokens), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://support.airtable.com/docs/airtable-api-key-deprecation-notice'],
    keywords: ['airtable'],
    pattern:
      /(?<![a-z])airtable[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>key[A-Za-z0-9]{14})(?![A-Za-z0-9])(?!\.\.\.|[*…])/i,
    entropy: 3.5,
    tags: ['database', 'airtable'],
    samples: {
      positive: ['AIRTABLE_API_KEY=keyrruk5RfnuOLT3p', 'airtable_key: "keyKBqpYn2BkClXf7"'],
      negative: ['AIRTABLE_BASE_ID=appsQgb6v27zK15Dw', 'AIRTABLE_API_KEY=${AIRTABLE_API_KEY}'],
    },
  },
  {
    id: 'databricks-token',
    title: 'Databricks personal access token',
    severity: 'high',
    description:
      'A Databricks personal access token (dapi...). It calls the workspace REST API as the user: notebooks, jobs, clusters and the data they can read.',
    remediation:
      'Revoke or rotate the credential immediately (Databricks workspace > Settings > Developer > Access tokens > Revoke), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.databricks.com/en/dev-tools/auth/pat.html'],
    keywords: ['dapi'],
    pattern: /(?<![A-Za-z0-9_+/-])dapi[a-f0-9]{32}(?:-[0-9])?(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 3,
    tags: ['database', 'databricks'],
    samples: {
      positive: [
        'DATABRICKS_TOKEN=dapi8c40b98988bc35f9d8477a1cdb6ac7ec',
        'token = "dapi373988ad15bc40a80551cdb7fa67b1cc-2"',
      ],
      negative: ['DATABRICKS_TOKEN=dapif3c6c889', 'DATABRICKS_HOST=https://adb-1234567890123456.7.azuredatabricks.net'],
    },
  },
  {
    id: 'snowflake-password',
    title: 'Snowflake password',
    severity: 'critical',
    description:
      "A Snowflake user password assigned to a Snowflake-named variable. With the account identifier and user it opens sessions with that user's roles.",
    remediation:
      'Revoke or rotate the credential immediately (Snowflake > ALTER USER ... SET PASSWORD = ...; review LOGIN_HISTORY), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does. Prefer key-pair authentication or OAuth for service users.',
    references: ['https://docs.snowflake.com/en/user-guide/admin-user-management#resetting-the-password-for-a-user'],
    keywords: ['snowflake'],
    pattern:
      /(?<![a-z])snowflake[\w.-]{0,30}(?:password|pwd)[\w.-]{0,5}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>(?![$<{*]|%\()[^\s"'`,;]{8,64})(?=[\s"'`,;]|$)(?!\.\.\.|[*…])/i,
    entropy: 3,
    allowlists: [PLACEHOLDER_PASSWORDS],
    tags: ['database', 'snowflake'],
    samples: {
      positive: ['SNOWFLAKE_PASSWORD=DbA59ghDLCBRvY!KRQgO', 'snowflake_password: "X5DHesZtCyPxiJs3rR"'],
      negative: ['SNOWFLAKE_PASSWORD=${SNOWFLAKE_PASSWORD}', 'SNOWFLAKE_ACCOUNT=xy12345.eu-central-1'],
    },
  },
  {
    id: 'fauna-secret',
    title: 'Fauna secret',
    severity: 'high',
    description:
      'A Fauna database key or secret (fn...) assigned to a Fauna-named variable. It reads and writes the database with the key role.',
    remediation:
      'Revoke or rotate the credential immediately (Fauna dashboard > the database > Keys > delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.fauna.com/fauna/current/learn/security/keys/'],
    keywords: ['fauna'],
    pattern:
      /(?<![a-z])fauna[\w.-]{0,25}(?:key|token|secret|auth|pass|pwd|credential|pat)[\w.-]{0,10}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>fn[A-Za-z0-9_-]{38})(?![A-Za-z0-9_-])(?!\.\.\.|[*…])/i,
    entropy: 4,
    tags: ['database', 'fauna'],
    samples: {
      positive: [
        'FAUNA_SECRET=fnTq-nVYmU9coiH9vllw_UP2jH8zKMYZe9RSM_E2',
        'faunadb_key: "fnBq2kbLZecdtJDYc_GuzKDuDUX_AGk2RCRhBgYb"',
      ],
      negative: ['FAUNA_SECRET=${FAUNA_SECRET}', 'FAUNA_SECRET=fn7k9hwFmMKi'],
    },
  },
  {
    id: 'influxdb-token',
    title: 'InfluxDB API token',
    severity: 'high',
    description:
      'An InfluxDB 2.x / Cloud API token assigned to an Influx-named variable. Depending on permissions it reads and writes buckets or administers the organization (operator token).',
    remediation:
      'Revoke or rotate the credential immediately (InfluxDB UI > Load Data > API Tokens > delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://docs.influxdata.com/influxdb/v2/admin/tokens/'],
    keywords: ['influx'],
    pattern:
      /(?<![a-z])influx(?:db)?[\w.-]{0,30}token[\w.-]{0,5}(?:["'`]?\]?[ \t]{0,5}(?:=>|:=|[:=,>(]|value=["'`])[ \t]{0,5}["'`]?|[ \t]{1,5}["'`]?)(?<secret>[A-Za-z0-9_-]{86}==)(?![A-Za-z0-9_=-])(?!\.\.\.|[*…])/i,
    entropy: 4,
    tags: ['database', 'influxdb'],
    samples: {
      positive: [
        'INFLUXDB_TOKEN=nPEf8dybaJXjHwgELXDZw4eoTFpLDuEg5vfON2G0gLqvlinBhnySf-DkzPocVaNIEaFOorMU3C37W4RYGdpbXk==',
        'influx_token: "UZq28GpLX2at2w0I3g90g87oyrP1RANL055zTHS1JyfmoFe-YxWK2rsu_zZD-SPw6ywdbh7abJJhyRkbBubaDg=="',
      ],
      negative: ['INFLUXDB_TOKEN=${INFLUX_TOKEN}', 'INFLUXDB_ORG=acme'],
    },
  },
  {
    id: 'xata-api-key',
    title: 'Xata API key',
    severity: 'high',
    description: 'A Xata API key (xau_...). It reads and writes the workspaces and databases the user can access.',
    remediation:
      'Revoke or rotate the credential immediately (Xata > Account settings > Personal API keys > delete), then store the replacement in a secret manager or CI secret store and load it from the environment at runtime. Remove the value from the code and purge it from git history (git filter-repo or BFG) - rewriting history does not make a leaked credential safe, revocation does.',
    references: ['https://xata.io/docs/concepts/api-keys'],
    keywords: ['xau_'],
    pattern: /(?<![A-Za-z0-9_+/-])xau_[A-Za-z0-9]{32,64}(?![A-Za-z0-9_+/=-])(?!\.\.\.|[*…])/,
    entropy: 4,
    tags: ['database', 'xata'],
    samples: {
      positive: [
        'XATA_API_KEY=xau_e2ZA6JcrBacIUKj7MMXtndPr6bEkdlLvJpD3',
        'apiKey: "xau_endqM6BK2o0E1FPA9o8yigAqrBvPD8gILbCW1mcO"',
      ],
      negative: ['XATA_API_KEY=xau_JMoJtV5eNC', 'XATA_BRANCH=main'],
    },
  },
];
