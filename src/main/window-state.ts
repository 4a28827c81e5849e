// The main window opens where it was closed: size, position and maximized, kept in a small JSON
// file in the user data folder. A saved position on a screen that is gone is not restored, so
// the window never opens out of sight.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}
/** What BrowserWindow is given: no x/y means "centre it". */
export interface WindowPlacement {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1280, height: 820 };
export const MIN_SIZE = { width: 800, height: 560 };
export const STATE_FILE = 'window-state.json';

const Int = z.number().int().min(-100_000).max(100_000);
const Saved = z.object({
  bounds: z.object({ x: Int, y: Int, width: Int.min(1), height: Int.min(1) }),
  maximized: z.boolean().default(false),
});

/** Where to open the window, given what was saved and the work areas of the screens now attached. */
export function placeWindow(saved: unknown, workAreas: readonly Rect[]): WindowPlacement {
  const parsed = Saved.safeParse(saved);
  const largest = workAreas.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a), workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE });
  const fit = (w: number, h: number, area: Rect) => ({
    width: Math.max(Math.min(w, area.width), Math.min(MIN_SIZE.width, area.width)),
    height: Math.max(Math.min(h, area.height), Math.min(MIN_SIZE.height, area.height)),
  });
  if (!parsed.success) return { ...fit(DEFAULT_SIZE.width, DEFAULT_SIZE.height, largest), maximized: false };
  const { bounds, maximized } = parsed.data;
  const area = workAreas.map((a) => ({ a, overlap: overlap(a, bounds) })).sort((p, q) => q.overlap - p.overlap)[0];
  // Less than a title bar's worth on any screen: the screen it was on is gone. Keep the size only.
  if (!area || area.overlap < 48 * 48) return { ...fit(bounds.width, bounds.height, largest), maximized };
  const size = fit(bounds.width, bounds.height, area.a);
  const x = clamp(bounds.x, area.a.x, area.a.x + area.a.width - size.width);
  const y = clamp(bounds.y, area.a.y, area.a.y + area.a.height - size.height);
  return { x, y, ...size, maximized };
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(v, hi));

/** The saved state, or undefined when there is none or it is unreadable (the window then opens centred). */
export function readWindowState(dir: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, STATE_FILE), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Written to a temporary file then renamed, so a crash mid-write never leaves half a file. */
export function writeWindowState(dir: string, state: WindowState): void {
  const file = path.join(dir, STATE_FILE);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(state));
  fs.renameSync(`${file}.tmp`, file);
}
