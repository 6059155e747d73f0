// Builds the documentation site and checks every link and anchor; exits non-zero on the first dead one.
//   1. installs the pinned VitePress and remark (npm ci, skipped when node_modules matches package-lock.json);
//   2. stages the repository's Markdown pages under target/src (VitePress resolves its Vue from here);
//   3. builds them with VitePress, which fails on a link to a page that does not exist;
//   4. runs remark-validate-links over the same pages in place, which fails on a missing file or heading anchor.
// Maven runs it in the verify phase of the root project; `node tools/docs-site/build.mjs` runs it alone.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const target = join(here, 'target');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The pages a user reads: the top-level documents, each module's README, and everything under docs/. */
const PAGES = ['README.md', 'SECURITY.md', 'CONTRIBUTING.md', 'CHANGELOG.md', 'cli/README.md', 'infra/README.md',
  'sender/README.md', 'attach/README.md', 'bench/README.md', 'bench/NOTEBOOK.md', 'docs'];

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error(`docs-site: ${command} ${args.join(' ')} failed (${result.error ?? 'exit ' + result.status})`);
    process.exit(1);
  }
}

const stamp = join(here, 'node_modules', '.otp-lock-sha256');
const lock = createHash('sha256').update(readFileSync(join(here, 'package-lock.json'))).digest('hex');
if (!(existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === lock)) {
  run(npm, ['ci', '--no-audit', '--no-fund'], here);
  writeFileSync(stamp, lock + '\n');
}

rmSync(target, { recursive: true, force: true });
const src = join(target, 'src');
for (const page of PAGES.filter((p) => existsSync(join(root, p)))) {
  cpSync(join(root, page), join(src, page), { recursive: true });
}
mkdirSync(join(src, '.vitepress'), { recursive: true });
cpSync(join(here, 'config.mjs'), join(src, '.vitepress', 'config.mjs'));
run(join(here, 'node_modules', '.bin', 'vitepress'), ['build', relative(here, src)], here);

const files = PAGES.filter((p) => existsSync(join(root, p)));
run(join(here, 'node_modules', '.bin', 'remark'),
  ['--no-config', '--no-stdout', '--quiet', '--frail', '--use', `${join(here, 'node_modules', 'remark-validate-links', 'index.js')}=repository:false`, ...files],
  root);
console.log(`docs-site: built ${relative(root, join(target, 'site'))}, every link and anchor resolves`);
