// Which Chromium the browser tests drive: CHROMIUM_PATH if set; else Debian's /usr/bin/chromium
// where it is installed (CI installs it); else the build that `npm install` brings inside
// @sparticuz/chromium, so `npm install` + `npm test` pass on a machine with nothing but Node.
// TAYORI_NO_SYSTEM_CHROMIUM=1 looks past Debian's, to check the bare-machine path on a full one.
//
// The package ships the binary brotli-compressed. Its own executablePath() unpacks it to
// /tmp/chromium and from then on returns whatever file is at that path (another package
// version's, or one a concurrent run is still writing), so we unpack it ourselves: once per
// package version under node_modules/.cache, renamed into place only when complete.
// With --disable-gpu it needs nothing else from the package but a font: on a machine with no
// font at all it aborts (Skia: "Not implemented") at the first text it has to match, so it also
// gets the package's Open Sans on top of the machine's fontconfig. Japanese comes from the
// Noto Sans JP that the renderer ships.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { brotliDecompressSync, createBrotliDecompress } from 'node:zlib';
import { ROOT } from './renderer-build';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export interface ChromiumTarget {
  executablePath: string;
  /** The browser's environment, when it needs more than the test process's own. */
  env?: Record<string, string | undefined>;
}

export async function chromiumTarget(): Promise<ChromiumTarget> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return { executablePath: fromEnv };
  if (process.env.TAYORI_NO_SYSTEM_CHROMIUM !== '1' && existsSync(DEBIAN_CHROMIUM)) return { executablePath: DEBIAN_CHROMIUM };
  return npmChromium();
}

async function npmChromium(): Promise<ChromiumTarget> {
  // The package exports only its entry point (build/index.js); bin/ sits beside build/.
  const pkgDir = join(createRequire(import.meta.url).resolve('@sparticuz/chromium'), '..', '..');
  const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string };
  const dir = join(ROOT, 'node_modules', '.cache', `sparticuz-chromium-${version}`);
  mkdirSync(join(dir, 'fonts'), { recursive: true });

  const executablePath = join(dir, 'chromium');
  await writeOnce(executablePath, (partial) =>
    pipeline(createReadStream(join(pkgDir, 'bin', 'chromium.br')), createBrotliDecompress(), createWriteStream(partial, { mode: 0o755 })),
  );
  for (const [name, data] of ttfFilesOfTar(brotliDecompressSync(readFileSync(join(pkgDir, 'bin', 'fonts.tar.br'))))) {
    await writeOnce(join(dir, 'fonts', name), (partial) => writeFileSync(partial, data));
  }
  // The machine's fontconfig (or the one the caller chose), plus the directory above.
  const base = process.env.FONTCONFIG_FILE ?? '/etc/fonts/fonts.conf';
  const conf = join(dir, `fonts-${createHash('sha256').update(base).digest('hex').slice(0, 12)}.conf`);
  await writeOnce(conf, (partial) =>
    writeFileSync(
      partial,
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
        `  <include ignore_missing="yes">${base}</include>\n  <dir>${join(dir, 'fonts')}</dir>\n` +
        `  <cachedir>${join(dir, 'fontconfig-cache')}</cachedir>\n</fontconfig>\n`,
    ),
  );
  return { executablePath, env: { ...process.env, FONTCONFIG_FILE: conf } };
}

/** Writes `path` once, under a temporary name renamed into place, so no reader sees half a file. */
async function writeOnce(path: string, write: (partial: string) => Promise<void> | void): Promise<void> {
  if (existsSync(path)) return;
  const partial = `${path}.${process.pid}.partial`;
  try {
    await write(partial);
    renameSync(partial, path);
  } finally {
    rmSync(partial, { force: true });
  }
}

/** The .ttf files in a ustar archive (fonts.tar.br holds fonts.conf and fonts/Open_Sans/*.ttf). */
function ttfFilesOfTar(tar: Buffer): Array<[string, Buffer]> {
  const files: Array<[string, Buffer]> = [];
  for (let at = 0; at + 512 <= tar.length && tar[at] !== 0; ) {
    const name = tar.toString('utf8', at, at + 100).replace(/\0.*$/s, '');
    const size = Number.parseInt(tar.toString('ascii', at + 124, at + 136).replace(/\0.*$/s, '').trim() || '0', 8);
    if (name.endsWith('.ttf')) files.push([basename(name), tar.subarray(at + 512, at + 512 + size)]);
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}
