import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../testing/temp-dir';
import { fileSecrets } from './file-secrets';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => (temp = makeTempDir('cockpit-secrets-')));
afterEach(() => temp.cleanup());

const modeOf = (file: string): string => (fs.statSync(file).mode & 0o777).toString(8);

describe('browser-mode secrets file', () => {
  it('writes the token 0600 in a 0700 folder', async () => {
    const secrets = fileSecrets(temp.dir);
    await secrets.saveSecret('platform-token', 'tok-1');
    expect(await secrets.loadSecret('platform-token')).toBe('tok-1');
    expect(modeOf(path.join(temp.dir, 'secrets'))).toBe('700');
    expect(modeOf(path.join(temp.dir, 'secrets', 'platform-token'))).toBe('600');
  });

  it('tightens a token file and folder that already existed with wider modes', async () => {
    const dir = path.join(temp.dir, 'secrets');
    fs.mkdirSync(dir);
    fs.chmodSync(dir, 0o755);
    fs.writeFileSync(path.join(dir, 'platform-token'), 'old');
    fs.chmodSync(path.join(dir, 'platform-token'), 0o644);
    fs.writeFileSync(path.join(dir, 'platform-token.tmp'), 'left over');
    fs.chmodSync(path.join(dir, 'platform-token.tmp'), 0o666);
    const secrets = fileSecrets(temp.dir);

    // Reading an old, too-open file already tightens it.
    expect(await secrets.loadSecret('platform-token')).toBe('old');
    expect(modeOf(dir)).toBe('700');
    expect(modeOf(path.join(dir, 'platform-token'))).toBe('600');

    fs.chmodSync(dir, 0o755);
    fs.chmodSync(path.join(dir, 'platform-token'), 0o644);
    await secrets.saveSecret('platform-token', 'new');
    expect(fs.readFileSync(path.join(dir, 'platform-token'), 'utf8')).toBe('new');
    expect(modeOf(dir)).toBe('700');
    expect(modeOf(path.join(dir, 'platform-token'))).toBe('600');
  });
});
