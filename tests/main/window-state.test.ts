// The window reopens where the user left it, and never out of sight when a screen is gone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, MIN_SIZE, placeWindow, readWindowState, STATE_FILE, writeWindowState } from '../../src/main/window-state';

const laptop = { x: 0, y: 0, width: 1920, height: 1040 };
const external = { x: 1920, y: 0, width: 2560, height: 1400 };
const small = { x: 0, y: 0, width: 1024, height: 700 };

describe('window placement', () => {
  it('reopens at the saved place and size', () => {
    expect(placeWindow({ bounds: { x: 100, y: 80, width: 1200, height: 800 }, maximized: false }, [laptop])).toEqual({ x: 100, y: 80, width: 1200, height: 800, maximized: false });
    expect(placeWindow({ bounds: { x: 2000, y: 50, width: 1600, height: 900 }, maximized: true }, [laptop, external])).toEqual({ x: 2000, y: 50, width: 1600, height: 900, maximized: true });
  });

  it('centres the window at the default size with nothing saved or a damaged file', () => {
    for (const saved of [undefined, null, 'x', {}, { bounds: { x: 'a' } }, { bounds: { x: 1, y: 1, width: 0, height: 10 } }, { bounds: { x: NaN, y: 1, width: 900, height: 700 } }, { bounds: { x: 1e12, y: 1, width: 900, height: 700 } }]) {
      expect(placeWindow(saved, [laptop]), JSON.stringify(saved)).toEqual({ ...DEFAULT_SIZE, maximized: false });
    }
  });

  it('brings back a window whose screen was unplugged, keeping its size', () => {
    const p = placeWindow({ bounds: { x: 2200, y: 100, width: 1400, height: 900 }, maximized: false }, [laptop]);
    expect(p).toEqual({ width: 1400, height: 900, maximized: false });
  });

  it('pulls a window half off the screen fully onto it', () => {
    expect(placeWindow({ bounds: { x: 1500, y: 900, width: 1000, height: 700 }, maximized: false }, [laptop])).toEqual({ x: 920, y: 340, width: 1000, height: 700, maximized: false });
    expect(placeWindow({ bounds: { x: -300, y: -50, width: 1000, height: 700 }, maximized: false }, [laptop])).toMatchObject({ x: 0, y: 0 });
  });

  it('shrinks a window larger than the screen, but not below the minimum', () => {
    expect(placeWindow({ bounds: { x: 0, y: 0, width: 3000, height: 2000 }, maximized: false }, [small])).toEqual({ x: 0, y: 0, width: 1024, height: 700, maximized: false });
    expect(placeWindow({ bounds: { x: 10, y: 10, width: 200, height: 100 }, maximized: false }, [laptop])).toMatchObject({ width: MIN_SIZE.width, height: MIN_SIZE.height });
  });
});

describe('the window state file', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const dir = () => (dirs.push(fs.mkdtempSync(path.join(os.tmpdir(), 'mieux-ws-'))), dirs.at(-1)!);

  it('round-trips what the window saved on closing', () => {
    const d = path.join(dir(), 'not-yet-created');
    expect(readWindowState(d)).toBeUndefined();
    writeWindowState(d, { bounds: { x: 10, y: 20, width: 1100, height: 700 }, maximized: true });
    expect(placeWindow(readWindowState(d), [laptop])).toEqual({ x: 10, y: 20, width: 1100, height: 700, maximized: true });
    expect(fs.readdirSync(d)).toEqual([STATE_FILE]);
  });

  it('treats a truncated file as no file', () => {
    const d = dir();
    fs.writeFileSync(path.join(d, STATE_FILE), '{"bounds":{"x":1');
    expect(readWindowState(d)).toBeUndefined();
  });
});
