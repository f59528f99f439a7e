/**
 * The configuration: defaults for a local start, and refusals with a clear message for settings that
 * would leave the bot unsafe or unable to authenticate.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const APP_ID = '5f0b7a52-3c1d-4e8f-9a6b-2d4c8e1f0a39';
const TENANT_ID = '11111111-2222-4333-8444-555555555555';

/** The error loadConfig throws for `env`, or a failure when it does not throw. */
const refusalOf = (env: Record<string, string>): ConfigError => {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
};

describe('loadConfig', () => {
  describe('commerce backend', () => {
    const PC = {
      COMMERCE_BACKEND: 'partner-center',
      PARTNER_CENTER_TENANT_ID: TENANT_ID,
      PARTNER_CENTER_CLIENT_ID: APP_ID,
      PARTNER_CENTER_CLIENT_SECRET: 'client-secret-value-1',
      PARTNER_CENTER_REFRESH_TOKEN: 'refresh-token-value-1',
    };

    it('is the simulated record by default, so a fresh clone needs no Partner Center account', () => {
      expect(loadConfig({}).commerce).toEqual({ backend: 'simulated' });
    });

    it('reads the Partner Center settings, with the public URLs as defaults', () => {
      const config = loadConfig(PC);
      expect(config.commerce).toMatchObject({
        backend: 'partner-center',
        apiUrl: 'https://api.partnercenter.microsoft.com',
        authorityUrl: 'https://login.microsoftonline.com',
        tenantId: TENANT_ID,
        clientId: APP_ID,
      });
    });

    it('takes local URLs for the local Partner Center, without a trailing slash', () => {
      const config = loadConfig({
        ...PC,
        PARTNER_CENTER_API_URL: 'http://127.0.0.1:4780/',
        PARTNER_CENTER_AUTHORITY_URL: 'http://127.0.0.1:4780/login/',
      });
      expect(config.commerce).toMatchObject({
        apiUrl: 'http://127.0.0.1:4780',
        authorityUrl: 'http://127.0.0.1:4780/login',
      });
    });

    it('refuses partner-center mode without its credentials, naming each missing variable', () => {
      const message = refusalOf({ COMMERCE_BACKEND: 'partner-center' }).message;
      for (const name of [
        'PARTNER_CENTER_TENANT_ID',
        'PARTNER_CENTER_CLIENT_ID',
        'PARTNER_CENTER_CLIENT_SECRET',
        'PARTNER_CENTER_REFRESH_TOKEN',
      ]) {
        expect(message).toContain(name);
      }
    });

    it('refuses malformed values and an unknown backend, and never repeats a secret', () => {
      expect(refusalOf({ ...PC, PARTNER_CENTER_CLIENT_ID: 'not-a-guid' }).message).toContain(
        'PARTNER_CENTER_CLIENT_ID',
      );
      expect(refusalOf({ ...PC, PARTNER_CENTER_API_URL: 'nowhere' }).message).toContain(
        'PARTNER_CENTER_API_URL',
      );
      expect(refusalOf({ ...PC, COMMERCE_BACKEND: 'dynamics' }).message).toContain('COMMERCE_BACKEND');
      const refused = refusalOf({ ...PC, PARTNER_CENTER_WEBHOOK_TRUSTED_ROOTS: 'not a pem' }).message;
      expect(refused).toContain('PARTNER_CENTER_WEBHOOK_TRUSTED_ROOTS');
      expect(refused).not.toContain('client-secret-value-1');
      expect(refused).not.toContain('refresh-token-value-1');
    });

    it('refreshes the customer index every 15 minutes by default, at the interval given, or never with 0', () => {
      expect(loadConfig(PC).commerce).toMatchObject({ syncIntervalMs: 15 * 60_000 });
      expect(loadConfig({ ...PC, PARTNER_CENTER_SYNC_MINUTES: '5' }).commerce).toMatchObject({
        syncIntervalMs: 5 * 60_000,
      });
      expect(loadConfig({ ...PC, PARTNER_CENTER_SYNC_MINUTES: '0' }).commerce).toMatchObject({
        syncIntervalMs: 0,
      });
      for (const bad of ['-1', '1.5', 'often'])
        expect(refusalOf({ ...PC, PARTNER_CENTER_SYNC_MINUTES: bad }).message).toContain(
          'PARTNER_CENTER_SYNC_MINUTES',
        );
    });

    it('reads the webhook certificate hosts as a list', () => {
      const config = loadConfig({
        ...PC,
        PARTNER_CENTER_WEBHOOK_CERT_HOSTS: ' a.example.com, B.example.com ,',
      });
      expect(config.commerce).toMatchObject({
        webhook: { certificateHosts: ['a.example.com', 'b.example.com'] },
      });
    });
  });

  it('starts locally with port 3978, the embedded database in ./data, auth off and English', () => {
    const config = loadConfig({});

    expect(config.port).toBe(3978);
    expect(config.host).toBe('0.0.0.0');
    expect(config.database).toEqual({ kind: 'embedded', dataDir: './data' });
    expect(config.auth.appId).toBe('');
    expect(config.auth.appPassword).toBe('');
    expect(config.defaultLocale).toBe('en');
    expect(config.env).toBe('development');
    expect(config.logLevel).toBe('info');
    expect(config.seedDemoData).toBe(true);
    expect(config.bootstrapGlobalAdmin).toBeUndefined();
  });

  it('treats empty values as unset, the way an .env file with blanks is read', () => {
    const config = loadConfig({
      PORT: '',
      DATABASE_URL: ' ',
      DATA_DIR: '',
      MicrosoftAppId: '',
      DEFAULT_LOCALE: '',
    });

    expect(config.port).toBe(3978);
    expect(config.database).toEqual({ kind: 'embedded', dataDir: './data' });
    expect(config.auth.appId).toBe('');
    expect(config.defaultLocale).toBe('en');
  });

  it('uses PostgreSQL for a postgresql:// DATABASE_URL', () => {
    const url = 'postgresql://bot@db.internal:5432/csp';

    expect(loadConfig({ DATABASE_URL: url }).database).toEqual({ kind: 'postgres', url });
  });

  it.each(['mysql://bot@db.internal/csp', 'db.internal:5432/csp', './data/pglite'])(
    'refuses DATABASE_URL=%s with a message asking for a postgresql:// URL',
    (url) => {
      expect(refusalOf({ DATABASE_URL: url }).message).toContain('DATABASE_URL must be a postgresql:// URL');
    },
  );

  it('refuses production with an empty MicrosoftAppId, since the bot would accept unauthenticated requests', () => {
    const message = refusalOf({ NODE_ENV: 'production', MicrosoftAppId: '' }).message;

    expect(message).toContain('MicrosoftAppId is empty in production');
    expect(message).toContain('unauthenticated');
  });

  it('accepts production with an app id, password and encryption key, and then seeds no demo data by default', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'secret',
      KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      ALLOWED_TENANT_IDS: TENANT_ID,
    });

    expect(config.auth).toMatchObject({ appId: APP_ID, appPassword: 'secret', appType: 'MultiTenant' });
    expect(config.seedDemoData).toBe(false);
  });

  it('R-ID-1: refuses production without ALLOWED_TENANT_IDS, and reads the list in lower case', () => {
    const production = {
      NODE_ENV: 'production',
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'secret',
      KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    };
    expect(refusalOf(production).message).toContain('ALLOWED_TENANT_IDS is empty in production');
    const other = 'AAAAAAAA-0000-4000-8000-000000000001';
    expect(
      loadConfig({ ...production, ALLOWED_TENANT_IDS: ` ${TENANT_ID}, ${other} ` }).allowedTenantIds,
    ).toEqual([TENANT_ID, other.toLowerCase()]);
    expect(refusalOf({ ALLOWED_TENANT_IDS: 'contoso.com' }).message).toContain('GUIDs');
    expect(loadConfig({}).allowedTenantIds).toBeUndefined();
  });

  it('R-KEY-2: refuses production without a key to seal product keys and links at rest', () => {
    const refusal = refusalOf({
      NODE_ENV: 'production',
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'secret',
    });
    expect(refusal.message).toContain('KEY_ENCRYPTION_KEY');
    expect(refusalOf({ KEY_ENCRYPTION_KEY: 'c2hvcnQ=' }).message).toContain('32 bytes');
  });

  it('refuses an app id without a password (except for a managed identity)', () => {
    expect(refusalOf({ MicrosoftAppId: APP_ID }).message).toContain(
      'MicrosoftAppPassword is required when MicrosoftAppId is set',
    );
    expect(loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI' }).auth.appId).toBe(
      APP_ID,
    );
  });

  it('refuses SingleTenant without a tenant id', () => {
    const env = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppType: 'SingleTenant' };

    expect(refusalOf(env).message).toContain(
      'MicrosoftAppTenantId is required for MicrosoftAppType=SingleTenant',
    );
    expect(loadConfig({ ...env, MicrosoftAppTenantId: TENANT_ID }).auth.tenantId).toBe(TENANT_ID);
  });

  it('R-ROLE-8: BOOTSTRAP_GLOBAL_ADMIN must be an Entra object id (GUID), kept in lower case', () => {
    expect(refusalOf({ BOOTSTRAP_GLOBAL_ADMIN: 'grace.kim@partner.example' }).message).toContain(
      'BOOTSTRAP_GLOBAL_ADMIN must be an Entra object id (GUID)',
    );

    const config = loadConfig({
      BOOTSTRAP_GLOBAL_ADMIN: APP_ID.toUpperCase(),
      BOOTSTRAP_GLOBAL_ADMIN_NAME: 'Boot Admin',
    });
    expect(config.bootstrapGlobalAdmin).toEqual({ aadObjectId: APP_ID, displayName: 'Boot Admin' });
  });

  it('names every problem at once', () => {
    const message = refusalOf({ PORT: 'eighty', DEFAULT_LOCALE: 'fr' }).message;

    expect(message).toMatch(/^Invalid configuration:/);
    expect(message).toContain('PORT');
    expect(message).toContain('DEFAULT_LOCALE');
  });
});

describe('npm start with a bad configuration', () => {
  it('exits non-zero in production without MicrosoftAppId, saying why on stderr without a stack trace', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csp-config-'));
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', DATA_DIR: dataDir, PORT: '0' };
    for (const key of [
      'DATABASE_URL',
      'MicrosoftAppId',
      'MicrosoftAppPassword',
      'MicrosoftAppType',
      'MicrosoftAppTenantId',
    ]) {
      delete env[key];
    }
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));

    try {
      expect(code, stdout + stderr).not.toBe(0);
      expect(code).not.toBeNull();
      expect(stderr).toContain('MicrosoftAppId is empty in production');
      expect(stderr).not.toMatch(/^\s+at /m);
      expect(stdout).not.toContain('bot listening');
      expect(fs.readdirSync(dataDir)).toEqual([]);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
