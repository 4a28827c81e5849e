// Checkpoints out of the way of saves. SQLite's automatic checkpoint runs inside the commit that
// brings the WAL to 1,000 pages, and copying those pages into the file made one save in about
// fifteen take 10–15 ms at 100k records instead of 2–3. The WAL is folded in once writes pause
// instead; the automatic checkpoint stays, at a larger size, for writes that never pause.
import type { Db } from './open';

/** How long writes must pause before the WAL is folded into the file. */
export const IDLE_CHECKPOINT_MS = 1_000;
/** The automatic checkpoint's threshold in pages: 64 MiB of 4 KiB pages. */
export const BACKSTOP_PAGES = 16_384;

export interface CheckpointScheduler {
  /** Call after every write: (re)starts the wait for a pause. */
  wrote(): void;
  /** Call before closing: no checkpoint runs after this. */
  stop(): void;
}

export function checkpointWhenIdle(db: Db, idleMs = IDLE_CHECKPOINT_MS): CheckpointScheduler {
  db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  let timer: NodeJS.Timeout | null = null;
  return {
    wrote() {
      if (timer) {
        timer.refresh();
        return;
      }
      timer = setTimeout(() => {
        timer = null;
        // PASSIVE: never waits for readers, so a long read elsewhere only makes this one shorter.
        if (db.open && !db.readonly) db.pragma('wal_checkpoint(PASSIVE)');
      }, idleMs);
      // A process that has nothing else to do exits; closing checkpoints anyway.
      timer.unref();
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
