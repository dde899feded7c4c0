import { fileURLToPath } from 'node:url';
import path from 'node:path';

/**
 * The repository's `resources/` folder, found relative to this file (electron/core/sentiment),
 * so it works under tsx and vitest. The packaged Electron app passes its own folder instead.
 */
export function defaultResourcesDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, '..', '..', '..', 'resources');
}
