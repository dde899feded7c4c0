import fs from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import type { SecretName } from '../core/runtime/host-services';

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
      if (!safeStorage.isEncryptionAvailable()) throw new Error('The OS keychain is not available to protect the token');
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      fs.writeFileSync(fileOf(name), safeStorage.encryptString(value), { mode: 0o600 });
    },
  };
}
