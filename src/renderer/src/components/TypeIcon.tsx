// Small inline icons (no icon font: the CSP allows nothing from outside the bundle).
import type { SearchType } from '../../../shared/api';

const PATHS: Record<SearchType, string> = {
  // a folder: an Action's file
  action: 'M3 6.5A1.5 1.5 0 0 1 4.5 5h4l2 2h9A1.5 1.5 0 0 1 21 8.5v9a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 17.5z',
  // a light bulb: a lesson
  lesson: 'M12 3a6 6 0 0 0-3.5 10.9V16h7v-2.1A6 6 0 0 0 12 3zm-2.5 14.5h5V19a1 1 0 0 1-1 1h-3a1 1 0 0 1-1-1z',
  // a person: an expert
  expert: 'M12 4a4 4 0 1 1 0 8 4 4 0 0 1 0-8zm0 10c4.4 0 8 2 8 4.5V20H4v-1.5C4 16 7.6 14 12 14z',
};

export function TypeIcon({ type }: { type: SearchType }) {
  return (
    <svg className={`type-icon type-${type}`} viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path d={PATHS[type]} fill="currentColor" />
    </svg>
  );
}
