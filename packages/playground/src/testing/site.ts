/**
 * The end-to-end test's machinery: builds the site with Vite into a temporary directory, serves it
 * from 127.0.0.1 on a free port (recording every request), and launches Debian's chromium through
 * playwright-core. A missing browser is an error, never a skip: CI installs chromium with apt
 * (.ci/run), and a test that cannot run must say so.
 */
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';

export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Builds the site (as `npm run build:playground` does) into a new temporary directory. */
export async function buildSite(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'mlgeo-playground-site-'));
  await build({
    configFile: join(PACKAGE_ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

/** A static server of `dir` on 127.0.0.1 (random free port); `requests` lists the paths asked. */
export async function serveSite(
  dir: string,
): Promise<{ url: string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The places looked at for chromium: $CHROMIUM_PATH, then Debian's paths. */
export const CHROMIUM_CANDIDATES = [
  process.env['CHROMIUM_PATH'],
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
].filter((p): p is string => p !== undefined && p !== '');

/** The first existing chromium of `candidates`; throws (never skips) when there is none. */
export function chromiumPath(candidates: readonly string[] = CHROMIUM_CANDIDATES): string {
  const found = candidates.find((p) => existsSync(p));
  if (found === undefined)
    throw new Error(
      `the playground's end-to-end test needs a chromium browser, none found at ${candidates.join(', ')}: ` +
        'install it (apt-get install -y chromium, as .ci/run does) or set CHROMIUM_PATH',
    );
  return found;
}

/** Launches the system chromium headless (no sandbox: the test may run as root). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}
