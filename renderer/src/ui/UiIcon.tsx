/** Small line icons for toolbar buttons, drawn on a 20 × 20 grid. */
import { memo } from 'react';

const paths: Record<string, string> = {
  new: 'M5 3h6l4 4v10H5z M11 3v4h4 M10 9.5v5 M7.5 12h5',
  open: 'M3 6.5V15a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V8a1 1 0 0 0-1-1h-6L8.5 5H4a1 1 0 0 0-1 1.5z',
  save: 'M4 4h10l2 2v10H4z M7 4v4h6V4 M7 16v-5h6v5',
  undo: 'M7.5 5L4 8.5 7.5 12 M4 8.5h8a4 4 0 0 1 0 8H9',
  redo: 'M12.5 5L16 8.5 12.5 12 M16 8.5H8a4 4 0 0 0 0 8h3',
  run: 'M6.5 4.5v11l9-5.5z',
  stop: 'M5.5 5.5h9v9h-9z',
  layout: 'M3 5h4v4H3z M13 3h4v4h-4z M13 13h4v4h-4z M7 7h3v8h3 M10 5h3',
  fit: 'M3 7V3h4 M13 3h4v4 M17 13v4h-4 M7 17H3v-4',
  zoomIn: 'M9 4a5 5 0 1 0 0 10A5 5 0 0 0 9 4z M12.5 12.5L17 17 M9 7v4 M7 9h4',
  zoomOut: 'M9 4a5 5 0 1 0 0 10A5 5 0 0 0 9 4z M12.5 12.5L17 17 M7 9h4',
  export: 'M10 3v9 M6.5 6.5L10 3l3.5 3.5 M4 12v4h12v-4',
  import: 'M10 3v9 M6.5 8.5L10 12l3.5-3.5 M4 12v4h12v-4',
  globe: 'M10 3a7 7 0 1 0 0 14 7 7 0 0 0 0-14z M3 10h14 M10 3c2 2 2.8 4.5 2.8 7S12 15 10 17 M10 3C8 5 7.2 7.5 7.2 10S8 15 10 17',
  chevronDown: 'M6 8l4 4 4-4',
  chevronUp: 'M6 12l4-4 4 4',
  close: 'M5 5l10 10 M15 5L5 15',
  plus: 'M10 4v12 M4 10h12',
  trash: 'M4 6h12 M8 6V4h4v2 M6 6l1 10h6l1-10',
  keyboard: 'M3 6h14v9H3z M6 9h1 M9 9h1 M12 9h1 M6.5 12h7',
  up: 'M10 15V5 M6 9l4-4 4 4',
  down: 'M10 5v10 M6 11l4 4 4-4',
  warning: 'M10 3l8 14H2z M10 8v4 M10 14.5v.5',
  template: 'M3 3h6v6H3z M11 3h6v6h-6z M3 11h6v6H3z M11 11h6v6h-6z',
  sweep: 'M3 3v14h14 M6 13.5l3-4 3 2 4.5-6',
  pin: 'M7.5 3h5 M8.5 3v5L6 11h8l-2.5-3V3 M10 11v6',
  compare: 'M4 15V8 M8 15V4 M12 15V10 M16 15V6 M3 17h14',
  expand: 'M4 8V4h4 M16 8V4h-4 M4 12v4h4 M16 12v4h-4',
  shrink: 'M8 4v4H4 M12 4v4h4 M8 16v-4H4 M12 16v-4h4',
  recent: 'M10 3a7 7 0 1 0 0 14 7 7 0 0 0 0-14z M10 6.5V10l2.5 2',
};

export type UiIconName = keyof typeof paths;

export const UiIcon = memo(function UiIcon({ name, size = 16 }: { name: UiIconName; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={1.6} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d={paths[name]} fill={name === 'run' ? 'currentColor' : 'none'} />
    </svg>
  );
});
