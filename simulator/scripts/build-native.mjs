#!/usr/bin/env node
// Builds the AVX-512 kernel addon (simulator/native) from source at `npm install` / `npm ci`.
// It must never fail the install: the engine falls back to the TypeScript reference backend, so
// any problem (no compiler, no Node headers, a CPU without AVX-512) ends in a warning and exit 0.
// Set CAPSIM_SKIP_NATIVE=1 to skip the build.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const nativeDir = resolve(dirname(fileURLToPath(import.meta.url)), '../native');
const warn = (message) => console.warn(`capsim: native kernels not built (${message}); the engine will use the TypeScript reference backend.`);

function findNodeGyp() {
  const candidates = [];
  if (process.env.npm_config_node_gyp) candidates.push(process.env.npm_config_node_gyp);
  try {
    const npmCli = process.env.npm_execpath;
    if (npmCli) candidates.push(join(dirname(npmCli), '../node_modules/node-gyp/bin/node-gyp.js'));
  } catch { /* ignore */ }
  candidates.push(join(dirname(process.execPath), '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'));
  candidates.push('/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js', '/usr/local/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js');
  try {
    candidates.push(createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js'));
  } catch { /* not installed locally */ }
  return candidates.find((path) => existsSync(path));
}

function cpuHasFeatures() {
  try {
    const flags = readFileSync('/proc/cpuinfo', 'utf8');
    return ['avx512f', 'avx512bw', 'avx512vl', 'avx512_vnni', 'avx512_bf16', 'fma'].every((f) => new RegExp(`\\b${f}\\b`).test(flags));
  } catch {
    return false;
  }
}

function main() {
  if (process.env.CAPSIM_SKIP_NATIVE === '1') return warn('CAPSIM_SKIP_NATIVE=1');
  if (process.platform !== 'linux' || process.arch !== 'x64') return warn(`${process.platform}/${process.arch} is not linux/x64`);
  // Build anyway on a CPU without the features (the compiler only needs the flags); the loader
  // refuses to use it there. Just say so.
  if (!cpuHasFeatures()) console.warn('capsim: this CPU lacks AVX-512 VNNI/BF16; building the addon anyway, it will not be loaded here.');
  const nodeGyp = findNodeGyp();
  if (!nodeGyp) return warn('node-gyp not found next to npm');
  // --nodedir: use the installed headers (/usr/include/node); never download them.
  const nodeDir = existsSync(join(dirname(process.execPath), '../include/node/node_api.h')) ? resolve(dirname(process.execPath), '..') : '/usr';
  const result = spawnSync(process.execPath, [nodeGyp, 'rebuild', `--nodedir=${nodeDir}`, '--jobs=2'], {
    cwd: nativeDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (result.error) return warn(result.error.message);
  if (result.status !== 0) {
    process.stderr.write(result.stdout.slice(-4000));
    process.stderr.write(result.stderr.slice(-4000));
    return warn(`node-gyp exited with ${result.status}`);
  }
  console.log(`capsim: native kernels built: ${join(nativeDir, 'build/Release/capsim_kernels.node')}`);
}

try {
  main();
} catch (error) {
  warn(error instanceof Error ? error.message : String(error));
}
process.exit(0);
