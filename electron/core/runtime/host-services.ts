/**
 * What the core needs from whoever hosts it, and cannot do itself without knowing about Electron:
 * keeping secrets (Electron's safeStorage, or a user-only file in browser mode) and starting the
 * demo platform. Under a worker thread these calls travel as messages to the host thread.
 */
export type SecretName = 'platform-token';

export interface DemoPlatform {
  url: string;
  token: string;
}

export interface HostServices {
  loadSecret(name: SecretName): Promise<string | null>;
  saveSecret(name: SecretName, value: string | null): Promise<void>;
  /** Starts (once) the reference platform on a random loopback port; null where the host has none. */
  startDemoPlatform(): Promise<DemoPlatform | null>;
}

export type HostOperation = keyof HostServices;

/** For tests and tools that need no secrets and no demo platform. */
export function inMemoryHostServices(demo: DemoPlatform | null = null): HostServices {
  const secrets = new Map<SecretName, string>();
  return {
    loadSecret: async (name) => secrets.get(name) ?? null,
    saveSecret: async (name, value) => void (value === null ? secrets.delete(name) : secrets.set(name, value)),
    startDemoPlatform: async () => demo,
  };
}
