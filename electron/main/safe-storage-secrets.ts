import fs from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../../db/private-files';
import type { SecretName } from '../core/runtime/host-services';
import { refuseWeakSafeStorage } from './security';

/** Secrets encrypted with the OS keychain (Electron safeStorage), stored as user-only files. */
export function safeStorageSecrets(userDataDir: string) {
  const dir = path.join(userDataDir, 'secrets');
  const fileOf = (name: SecretName): string => path.join(dir, `${name}.enc`);
  return {
    async loadSecret(name: SecretName): Promise<string | null> {
      if (!fs.existsSync(fileOf(name))) return null;
      return safeStorage.decryptString(fs.readFileSync(fileOf(name)));
    },
    async saveSecret(name: SecretName, value: string | null): Promise<void> {
      if (value === null) return fs.rmSync(fileOf(name), { force: true });
      const refusal = refuseWeakSafeStorage(safeStorage);
      if (refusal) throw new Error(refusal);
      ensurePrivateDir(dir, true);
      const temp = `${fileOf(name)}.tmp`;
      fs.rmSync(temp, { force: true });
      fs.writeFileSync(temp, safeStorage.encryptString(value), { mode: PRIVATE_FILE_MODE, flag: 'wx' });
      fs.renameSync(temp, fileOf(name));
    },
  };
}
