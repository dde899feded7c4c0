import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { OpenedDatabase } from '../../../db/open';
import { settings as settingsTable } from '../../../db/schema';
import { ApiError, type PlatformInfo, type SyncProgress } from '../api';
import { startSyncThread, type SyncHandle, type SyncThreadHandle } from './sync-thread';
import { PlatformClient, PlatformError } from '../sync/platform-client';
import { commandRegistry } from '../domains';
import type { HostServices } from './host-services';
import type { Logger } from './logger';

/** Which platform to sync with: decided by the host's flags, else by the user's settings, else the demo. */
export type PlatformChoice =
  | { kind: 'auto' }
  | { kind: 'none' }
  | { kind: 'demo' }
  | { kind: 'remote'; url: string; token: string };

interface Target {
  kind: 'demo' | 'remote';
  url: string;
  token: string;
}

const PLATFORM_SETTING_KEY = 'platform';
const storedPlatformSchema = z.object({ url: z.url() });

export interface PlatformConnectionOptions {
  opened: OpenedDatabase;
  host: HostServices;
  logger: Logger;
  choice: PlatformChoice;
  pollIntervalMs?: number;
  /** The sync thread's entry (the bundled sync-worker.js under Electron); defaults to the .ts beside sync-thread.ts. */
  syncWorkerFile?: string;
  /** Run the domains' work on the sync thread (scoring what synced); default true. */
  domainWork?: boolean;
  nativeBinding?: string;
  /** Resources to sync (benchmarks); defaults to all. */
  syncResources?: readonly string[];
  /** Sync state changed; `progress` is passed when the engine already built it. */
  onChange(progress?: SyncProgress): void;
}

/**
 * Owns the sync engine's life: picks the platform, starts the engine, and swaps it when the user
 * points the cockpit somewhere else. The token never leaves the host's secret store except here.
 */
export class PlatformConnection {
  private target: Target | null = null;
  private engine: SyncThreadHandle | null = null;
  /** Set by stop(): a connection still being resolved must not start an engine after it. */
  private stopped = false;

  constructor(private readonly options: PlatformConnectionOptions) {}

  async start(): Promise<void> {
    await this.connect(await this.resolve(this.options.choice));
  }

  info(): PlatformInfo {
    return { kind: this.target?.kind ?? 'none', url: this.target?.url ?? null };
  }

  current(): SyncHandle | null {
    return this.engine;
  }

  /** The person behind the token (`/v1/me`), once the platform has answered; null otherwise. */
  operatorId(): string | null {
    return this.engine?.operatorId() ?? null;
  }

  /** Checks the URL and token against `/v1/me` before keeping them, so a typo is caught at once. */
  async configure(url: string, token: string): Promise<PlatformInfo> {
    const me = await verifyPlatform(url, token);
    this.options.logger.info({ url, operator: me.id }, 'platform configured');
    await this.options.host.saveSecret('platform-token', token);
    this.writeStoredUrl(url);
    await this.connect({ kind: 'remote', url, token });
    return this.info();
  }

  async useDemo(): Promise<PlatformInfo> {
    await this.options.host.saveSecret('platform-token', null);
    this.options.opened.db.delete(settingsTable).where(eq(settingsTable.key, PLATFORM_SETTING_KEY)).run();
    await this.connect(await this.resolve({ kind: 'demo' }));
    return this.info();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.stopEngine();
  }

  private async stopEngine(): Promise<void> {
    const engine = this.engine;
    this.engine = null;
    await engine?.stop();
  }

  private async resolve(choice: PlatformChoice): Promise<Target | null> {
    if (choice.kind === 'none') return null;
    if (choice.kind === 'remote') return { kind: 'remote', url: choice.url, token: choice.token };
    if (choice.kind === 'auto') {
      const url = this.readStoredUrl();
      const token = url ? await this.options.host.loadSecret('platform-token') : null;
      if (url && token) return { kind: 'remote', url, token };
    }
    const demo = await this.options.host.startDemoPlatform();
    return demo ? { kind: 'demo', ...demo } : null;
  }

  private async connect(target: Target | null): Promise<void> {
    await this.stopEngine();
    if (this.stopped) return;
    this.target = target;
    if (target) {
      const engine = await startSyncThread({
        sqlite: this.options.opened.sqlite,
        dbFile: this.options.opened.file,
        nativeBinding: this.options.nativeBinding,
        workerFile: this.options.syncWorkerFile,
        logger: this.options.logger,
        platform: { url: target.url, token: target.token },
        commands: commandRegistry,
        pollIntervalMs: this.options.pollIntervalMs,
        resources: this.options.syncResources,
        domainWork: this.options.domainWork,
        onProgress: (progress) => this.options.onChange(progress),
        onStatus: () => this.options.onChange(),
      });
      // stop() while the thread was starting: it must not outlive the connection.
      if (this.stopped) return engine.stop();
      this.engine = engine;
    }
    this.options.onChange();
  }

  private readStoredUrl(): string | null {
    const row = this.options.opened.db.select().from(settingsTable).where(eq(settingsTable.key, PLATFORM_SETTING_KEY)).get();
    const parsed = storedPlatformSchema.safeParse(row?.value);
    return parsed.success ? parsed.data.url : null;
  }

  private writeStoredUrl(url: string): void {
    const value = { url };
    const updatedAt = new Date().toISOString();
    this.options.opened.db
      .insert(settingsTable)
      .values({ key: PLATFORM_SETTING_KEY, value, updatedAt })
      .onConflictDoUpdate({ target: settingsTable.key, set: { value, updatedAt } })
      .run();
  }
}

/** `/v1/me` through the sync's own client: the same URL rule (a path prefix kept) and the same byte cap. */
async function verifyPlatform(url: string, token: string): Promise<{ id: string }> {
  try {
    return await new PlatformClient({ url, token, requestTimeoutMs: 8000 }).me();
  } catch (error) {
    if (!(error instanceof PlatformError)) throw error;
    if (error.kind === 'unauthorized') throw new ApiError('invalid_input', 'The platform refused this token (401)');
    if (error.status === null) throw new ApiError('unavailable', `The platform at ${url} cannot be reached: ${error.message}`);
    if (error.status >= 200 && error.status < 300) throw new ApiError('unavailable', `The platform answered /v1/me with an unexpected body: ${error.message}`);
    throw new ApiError('unavailable', `The platform answered HTTP ${error.status}`);
  }
}
