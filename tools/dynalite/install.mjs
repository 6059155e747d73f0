// Installs the pinned dynalite for the ledger tests (Maven runs this before the sender's tests), and does nothing when
// node_modules already matches package-lock.json: a stamp holds the lock's SHA-256 of the last successful `npm ci`.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const stamp = join(here, 'node_modules', '.otp-lock-sha256');
const lock = createHash('sha256').update(readFileSync(join(here, 'package-lock.json'))).digest('hex');

if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === lock
    && existsSync(join(here, 'node_modules', 'dynalite', 'cli.js'))) {
  console.log('dynalite: node_modules is up to date');
  process.exit(0);
}
// --ignore-scripts: nothing is compiled; LevelDB's binding ships prebuilt and dynalite runs in memory anyway.
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: here, stdio: 'inherit',
  shell: process.platform === 'win32' });
if (result.status !== 0) {
  console.error(`dynalite: npm ci failed (${result.error ?? 'exit ' + result.status})`);
  process.exit(1);
}
writeFileSync(stamp, lock + '\n');
