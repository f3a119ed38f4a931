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

/** The end-of-shift report the console drafts from the journal and the alert history. */
export interface HandoffReport {
  /** The shift it covers: the outgoing member's current shift, or the hours asked for. */
  from: number;
  to: number;
  outgoing: string;
  /** Who takes over (the next member of the outgoing member's layer), when the rotation knows. */
  incoming: string | null;
  timeZone: string;
  openIncidents: { id: string; title: string; severity: string; status: string; commander: string | null; lastDecision: { text: string; at: number } | null }[];
  /** Alerts that paged (delivered firing notifications) during the shift, and which were acknowledged. */
  alertsFired: { title: string; fingerprints: string[]; at: number }[];
  alertsAcknowledged: { fingerprint: string; at: number; by: string | null }[];
  /** The alerts that notified most often, most first (at most five). */
  noisiest: { title: string; notifications: number }[];
  /** Local silences that end during the next shift (as long as this one): they may start paging. */
  silencesExpiring: { id: string; matchers: string; endsAt: number; comment: string }[];
  runbookRuns: { id: string; title: string; status: string; incidentId: string | null; startedAt: number }[];
  /** Open action items due by the end of the next shift. */
  actionItemsDue: { id: string; title: string; owner: string | null; dueDate: string; incidentId: string }[];
  fatigue: {
    pages: number;
    /** Pages between 22:00 and 08:00 in the rotation's zone. */
    nightPages: number;
    medianAckMs: number | null;
    /** Share (0..1) of paged alerts that are attached to an incident (or its action items); null without pages. */
    ledToIncident: number | null;
  };
}

export interface Handoff {
  id: string;
  report: HandoffReport;
  notes: string;
  createdAt: number;
  receivedBy: string | null;
  receivedAt: number | null;
}

const window = z.object({ since: z.number().int().optional(), until: z.number().int().optional() }).strict();

export const rotationMethods = {
  /** Null when config.yml has no rotation. */
  'rotation:who': method<WhoReport | null>()(z.object({}).strict().optional()),
  'handoff:draft': method<HandoffReport>()(window.optional()),
  'handoff:send': method<Handoff>()(window.extend({ notes: z.string().max(65_536).default('') })),
  'handoff:receive': method<Handoff>()(z.object({ id: z.string().min(1).max(64).optional() }).strict()),
  'handoff:list': method<Handoff[]>()(z.object({ limit: z.number().int().min(1).max(200).default(20) }).strict().optional()),
};

export interface RotationEvents {
  /** Who is on call changed (a handoff, an override, a feed refresh, config.yml). */
  'rotation:changed': WhoReport | null;
  /** A handoff was handed over or received (on this console or by the CLI). */
  'handoff:changed': Handoff;
}
