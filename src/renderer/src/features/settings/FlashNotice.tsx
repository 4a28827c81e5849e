// The notice a step leaves for the page it ends on (an erasure on the roster, a restore where it
// started); it goes when the user moves to another page or closes it.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { useServices } from '../../app/context';
import type { Flash } from './safetyStore';

export function FlashNotice({ path }: { path: string }) {
  const { t } = useTranslation();
  const { safety } = useServices();
  const flash = useStore(safety, (s) => s.flash);
  const shown = useRef<Flash | null>(null);
  useEffect(() => {
    if (!flash) return;
    if (flash.path === path) shown.current = flash;
    else if (shown.current === flash) safety.getState().showFlash(null);
  }, [flash, path, safety]);
  if (!flash || flash.path !== path) return null;
  return (
    <div role="status" className="flash">
      <p>{flash.message}</p>
      <button type="button" className="icon-button" aria-label={t('common.close')} onClick={() => safety.getState().showFlash(null)}>
        ×
      </button>
    </div>
  );
}
