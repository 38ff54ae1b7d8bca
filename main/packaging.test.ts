import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

interface BuilderConfig {
  appId: string;
  productName: string;
  asar: boolean;
  npmRebuild: boolean;
  publish: null;
  files: (string | { filter: string[] })[];
  directories: { buildResources: string };
  electronFuses: Record<string, boolean>;
  fileAssociations: { ext: string; name: string; role: string; mimeType: string }[];
  linux: { target: string[]; category: string };
  mac: { target: string[]; hardenedRuntime: boolean };
  win: { target: string[] };
  nsis: { oneClick: boolean; perMachine: boolean };
}

async function loadBuilderConfig(): Promise<BuilderConfig> {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config');
  const { DebugLogger } = require('builder-util');
  const config = await getConfig(root, join(root, 'electron-builder.yml'), null);
  await validateConfiguration(config, new DebugLogger(false));
  return config as BuilderConfig;
}

describe('the Electron version', () => {
  // Electron supports its three latest stable majors; 45 was the newest on 2026-12-06,
  // so 43 is the oldest that still gets security fixes. Raise this with each upgrade.
  const oldestSupportedMajor = 43;

  it('is pinned exactly, to a major that still gets security fixes', async () => {
    const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    const pinned = manifest.devDependencies.electron;
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Number(pinned!.split('.')[0])).toBeGreaterThanOrEqual(oldestSupportedMajor);
  });
});

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema and keeps the security settings', async () => {
    const config = await loadBuilderConfig();
    expect(config).toMatchObject({ appId: 'dev.headroom.app', productName: 'Headroom', asar: true, npmRebuild: false, publish: null });
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // getConfig normalizes the list into { filter } groups.
    const files = config.files.flatMap((entry) => (typeof entry === 'string' ? [entry] : entry.filter));
    expect(files).toEqual(['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json']);
    expect(config.directories.buildResources).toBe('assets/build');
  });

  it('associates .headroom.json and targets every desktop OS', async () => {
    const config = await loadBuilderConfig();
    expect(config.fileAssociations).toEqual([
      expect.objectContaining({ ext: 'headroom.json', name: 'Headroom scenario', role: 'Editor', mimeType: 'application/x-headroom+json' }),
    ]);
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'], category: 'Development' });
    expect(config.mac).toMatchObject({ target: ['dmg', 'zip'], hardenedRuntime: true });
    expect(config.win.target).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true });
  });
});

describe('the Linux MIME type of .headroom.json', () => {
  it('is Headroom’s own, registered by the shared-mime-info file electron-builder writes, so plain JSON files are not offered to Headroom', async () => {
    const config = await loadBuilderConfig();
    const dir = await mkdtemp(join(tmpdir(), 'headroom-mime-'));
    try {
      const { LinuxTargetHelper } = require('app-builder-lib/out/targets/LinuxTargetHelper');
      // The method the deb and AppImage targets call, on just the packager fields it reads.
      const file: string = await LinuxTargetHelper.prototype.computeMimeTypeFiles.call({
        packager: { fileAssociations: config.fileAssociations, getTempFile: async (suffix: string) => join(dir, `mime${suffix}`) },
      });
      const xml = await readFile(file, 'utf8');
      expect(xml).toContain('<mime-type type="application/x-headroom+json">');
      expect(xml).toContain('<glob pattern="*.headroom.json"/>');
      expect(xml).not.toMatch(/type="application\/json"|pattern="\*\.json"/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('electron.vite.config.ts', () => {
  it('bundles the preload as one CommonJS file', async () => {
    const { default: config } = (await import('../electron.vite.config')) as {
      default: { preload: { build: { lib: { formats: string[]; fileName: () => string }; externalizeDeps: boolean } } };
    };
    expect(config.preload.build.lib.formats).toEqual(['cjs']);
    expect(config.preload.build.lib.fileName()).toBe('index.cjs');
    expect(config.preload.build.externalizeDeps).toBe(false);
  });
});
