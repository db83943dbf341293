import { describe, expect, it } from 'vitest';
import { PlatformError } from './errors';
import * as browser from './files.browser';
import * as node from './files.node.js';

describe('files (browser build)', () => {
  it('has the same exports as the Node module', () => {
    expect(Object.keys(browser).sort()).toEqual(Object.keys(node).sort());
  });

  it('rejects every file-system call with a PlatformError naming it', async () => {
    const calls: [string, () => Promise<unknown>][] = [
      ['readFileBytes("m/w.bin")', () => browser.readFileBytes('m/w.bin')],
      ['readFileText("m.json")', () => browser.readFileText('m.json')],
      ['writeFileBytes("out.png")', () => browser.writeFileBytes('out.png', new Uint8Array(1))],
      ['makeDirectory("out")', () => browser.makeDirectory('out')],
      ['listDirectory("data")', () => browser.listDirectory('data')],
      ['pathExists("data")', () => browser.pathExists('data')],
    ];
    for (const [name, call] of calls) {
      const error = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(PlatformError);
      expect((error as PlatformError).call).toBe(name);
      expect((error as Error).message).toBe(`${name} needs a file system (Node.js, Deno or Bun), and this is the browser build of @oversample/core`);
    }
  });

  it('joins and splits /-separated paths', () => {
    expect(browser.joinPath('models', 'deep/', '/codes.bin')).toBe('models/deep/codes.bin');
    expect(browser.joinPath('', '')).toBe('.');
    expect(browser.parentPath('a/b/c.png')).toBe('a/b');
    expect(browser.parentPath('a/b/')).toBe('a');
    expect(browser.parentPath('c.png')).toBe('.');
    expect(browser.parentPath('/c.png')).toBe('/');
  });
});
