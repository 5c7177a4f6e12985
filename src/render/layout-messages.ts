import type { LoadedFont } from '../config/fonts.ts';
import type { Layout } from './layout.ts';
import type { SatoriElement } from './template.ts';

/** A font as sent to the layout thread: its bytes a view of memory both threads share. */
export type SharedFont = Omit<LoadedFont, 'data'> & { data: Uint8Array };

/** What the main thread sends the layout thread. */
export type LayoutRequest =
  | { kind: 'fonts'; set: number; fonts: SharedFont[] }
  | { kind: 'forget'; set: number }
  | { kind: 'card'; job: number; set: number; element: SatoriElement; width: number; height: number };

/** The layout thread's answer to one card: its layout, or satori's error message. */
export type LayoutReply = { job: number; layout: Layout } | { job: number; error: string };
