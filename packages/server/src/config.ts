import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().optional(),
  TIDELINE_DATA_DIR: z.string().default('./data'),
  TIDELINE_SQLITE_PATH: z.string().optional(),
  TIDELINE_PG_POOL: z.coerce.number().int().min(1).max(200).default(10),
  TIDELINE_SESSION_HOURS: z.coerce
    .number()
    .positive()
    .default(24 * 14),
  TIDELINE_BODY_LIMIT: z.coerce.number().int().positive().default(1_048_576),
  TIDELINE_COOKIE_SECURE: z.enum(['true', 'false', 'auto']).default('auto'),
  TIDELINE_LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  TIDELINE_LOGIN_LOCK_MINUTES: z.coerce.number().positive().default(15),
  TIDELINE_LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  /** Trust X-Forwarded-For only behind a proxy you run; otherwise clients could fake their address. */
  TIDELINE_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465; unset = mail is not configured. */
  TIDELINE_SMTP_URL: z.string().optional(),
  TIDELINE_MAIL_FROM: z.string().default('Tideline <no-reply@tideline.local>'),
  /** Let webhooks and robots call loopback/private addresses (an intranet install, or tests). */
  TIDELINE_ALLOW_PRIVATE_WEBHOOKS: z.enum(['0', '1', 'true', 'false']).default('0'),
  /** Run the automation worker inside `serve` (1); set 0 where `tideline worker` processes run instead. */
  TIDELINE_WORKER: z.enum(['0', '1', 'true', 'false']).default('1'),
  /** Journeys only: a movable clock and POST /api/v1/test/clock (core/test-clock.ts). Never in production. */
  TIDELINE_TEST_CLOCK: z.enum(['0', '1', 'true', 'false']).default('0'),
  /** Largest file an import may upload (bytes; default 200 MB). */
  TIDELINE_IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(200 * 1024 * 1024),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  sqlitePath: string;
  pgPoolSize: number;
  sessionHours: number;
  bodyLimit: number;
  cookieSecure: 'true' | 'false' | 'auto';
  loginMaxFailures: number;
  loginLockMinutes: number;
  /** Login attempts one IP may make per minute. */
  loginRateLimit: number;
  logLevel: string;
  trustProxy: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  allowPrivateWebhooks: boolean;
  /** Whether `serve` also runs the automation worker. */
  inProcessWorker: boolean;
  /** Where uploaded import files are kept (shared by the server and its workers). */
  importDir: string;
  importMaxBytes: number;
  /** TIDELINE_TEST_CLOCK: journeys move time with POST /api/v1/test/clock; off unless set. */
  testClock?: boolean;
}

/** Configuration comes from environment variables only (see README). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = envSchema.parse(env);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL || undefined,
    sqlitePath: e.TIDELINE_SQLITE_PATH ?? `${e.TIDELINE_DATA_DIR}/tideline.db`,
    pgPoolSize: e.TIDELINE_PG_POOL,
    sessionHours: e.TIDELINE_SESSION_HOURS,
    bodyLimit: e.TIDELINE_BODY_LIMIT,
    cookieSecure: e.TIDELINE_COOKIE_SECURE,
    loginMaxFailures: e.TIDELINE_LOGIN_MAX_FAILURES,
    loginLockMinutes: e.TIDELINE_LOGIN_LOCK_MINUTES,
    loginRateLimit: e.TIDELINE_LOGIN_RATE_LIMIT,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TIDELINE_TRUST_PROXY === 'true',
    smtpUrl: e.TIDELINE_SMTP_URL || undefined,
    mailFrom: e.TIDELINE_MAIL_FROM,
    allowPrivateWebhooks: ['1', 'true'].includes(e.TIDELINE_ALLOW_PRIVATE_WEBHOOKS),
    inProcessWorker: ['1', 'true'].includes(e.TIDELINE_WORKER),
    importDir: `${e.TIDELINE_DATA_DIR}/imports`,
    importMaxBytes: e.TIDELINE_IMPORT_MAX_BYTES,
    testClock: ['1', 'true'].includes(e.TIDELINE_TEST_CLOCK),
  };
}
