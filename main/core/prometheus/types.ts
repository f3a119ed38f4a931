/** Shapes of the Prometheus HTTP API (v1) that the console reads. Times are ms since epoch. */

export interface Sample {
  labels: Record<string, string>;
  value: number;
  /** Evaluation time of the sample, ms since epoch. */
  time: number;
}

export interface RangeSeries {
  labels: Record<string, string>;
  points: { time: number; value: number }[];
}

export type InstantResult =
  | { type: 'vector'; samples: Sample[] }
  | { type: 'scalar'; value: number; time: number }
  | { type: 'string'; value: string; time: number }
  | { type: 'matrix'; series: RangeSeries[] };

/** One alert as GET /api/v1/alerts reports it. */
export interface ServerAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: 'pending' | 'firing';
  activeAt: string;
  value: string;
  keepFiringSince?: string;
}

export interface ServerRuleGroup {
  name: string;
  file: string;
  interval: number;
  rules: {
    type: 'alerting' | 'recording';
    name: string;
    query: string;
    health: string;
    lastError?: string;
    state?: string;
    alerts?: ServerAlert[];
  }[];
}
