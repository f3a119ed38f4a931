import { z } from 'zod';
import { method } from './define';

/** One member on call in one layer for [start, end). */
export interface Shift {
  layer: string;
  member: string;
  start: number;
  end: number;
  /** Where it came from: the layer's turn order, an override, or an iCalendar feed. */
  source: 'rotation' | 'override' | 'feed';
}

export interface LayerOnCall {
  layer: string;
  /** Usually one; a feed may have several people on call at once, and a gap has none. */
  now: Shift[];
  /** The next shift that starts after now and brings someone else (or anyone, after a gap). */
  next: Shift | null;
}

export interface WhoReport {
  at: number;
  timeZone: string;
  /** This console's user as the rotation names them. */
  me: string;
  /** Whether `me` is on call in any layer now. */
  meOnCall: boolean;
  layers: LayerOnCall[];
  /** Feeds that could not be read or refreshed (the rest of the answer still stands). */
  problems: string[];
}

export const rotationMethods = {
  /** Null when config.yml has no rotation. */
  'rotation:who': method<WhoReport | null>()(z.object({}).strict().optional()),
};

export interface RotationEvents {
  /** Who is on call changed (a handoff, an override, a feed refresh, config.yml). */
  'rotation:changed': WhoReport | null;
}
