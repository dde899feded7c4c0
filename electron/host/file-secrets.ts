import fs from 'node:fs';
import path from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE, tightenMode } from '../../db/private-files';
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
        // A token file left too open (by an older version, a copy, a restore) is closed on first use.
        if (fs.existsSync(fileOf(name))) {
          tightenMode(dir, 0o700);
          tightenMode(fileOf(name), PRIVATE_FILE_MODE);
        }
        return fs.readFileSync(fileOf(name), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async saveSecret(name: SecretName, value: string | null): Promise<void> {
      if (value === null) return fs.rmSync(fileOf(name), { force: true });
      ensurePrivateDir(dir, true);
      const temp = `${fileOf(name)}.tmp`;
      // writeFileSync's mode applies only to a new file: a leftover temp file keeps its own.
      fs.rmSync(temp, { force: true });
      fs.writeFileSync(temp, value, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
      tightenMode(temp, PRIVATE_FILE_MODE);
      fs.renameSync(temp, fileOf(name));
    },
  };
}
