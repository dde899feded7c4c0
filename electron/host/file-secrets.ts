import fs from 'node:fs';
import path from 'node:path';
import type { SecretName } from '../core/runtime/host-services';

/**
 * Browser mode has no OS keychain to reach, so secrets live in a file only the user can read
 * (mode 0600 in a 0700 folder). `COCKPIT_PLATFORM_TOKEN` overrides the stored token, so a token
 * never has to touch the disk at all.
 */
export function fileSecrets(dataDir: string) {
  const dir = path.join(dataDir, 'secrets');
  const fileOf = (name: SecretName): string => path.join(dir, name);
  return {
    async loadSecret(name: SecretName): Promise<string | null> {
      if (name === 'platform-token' && process.env.COCKPIT_PLATFORM_TOKEN) return process.env.COCKPIT_PLATFORM_TOKEN;
      try {
        return fs.readFileSync(fileOf(name), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async saveSecret(name: SecretName, value: string | null): Promise<void> {
      if (value === null) return fs.rmSync(fileOf(name), { force: true });
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const temp = `${fileOf(name)}.tmp`;
      fs.writeFileSync(temp, value, { mode: 0o600 });
      fs.renameSync(temp, fileOf(name));
    },
  };
}
