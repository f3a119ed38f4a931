import type { GoMap, GoSlice, GoStruct, GoValue } from '../../rules/template';
import type { NotificationAlert, NotificationData } from '../message';
import { goTime } from './go-time';

/**
 * Alertmanager's template.Data as Go values, with the methods its templates call:
 * Alerts.Firing/.Resolved, KV.SortedPairs/.Names/.Values/.Remove, Pairs.Names/.Values.
 */

/** KV.SortedPairs: keys sorted, except that `alertname` always comes first. */
function sortedKeys(map: Record<string, string>): string[] {
  const keys = Object.keys(map).filter((k) => k !== 'alertname').sort();
  return Object.hasOwn(map, 'alertname') ? ['alertname', ...keys] : keys;
}

const strings = (items: string[]): GoSlice => ({ kind: 'slice', type: '[]string', items });

function pairs(map: Record<string, string>): GoSlice {
  const keys = sortedKeys(map);
  return {
    kind: 'slice',
    type: 'template.Pairs',
    items: keys.map((k): GoStruct => ({ kind: 'struct', type: 'template.Pair', fields: { Name: k, Value: map[k] ?? '' } })),
    methods: {
      Names: { arity: 0, call: () => strings(keys) },
      Values: { arity: 0, call: () => strings(keys.map((k) => map[k] ?? '')) },
    },
  };
}

export function kv(map: Record<string, string>): GoMap {
  return {
    kind: 'map',
    type: 'template.KV',
    entries: { ...map },
    zero: '',
    methods: {
      SortedPairs: { arity: 0, call: () => pairs(map) },
      Names: { arity: 0, call: () => strings(sortedKeys(map)) },
      Values: { arity: 0, call: () => strings(sortedKeys(map).map((k) => map[k] ?? '')) },
      Remove: {
        arity: 1,
        call: ([keys]: GoValue[]) => {
          const drop = new Set(stringItems(keys));
          return kv(Object.fromEntries(Object.entries(map).filter(([k]) => !drop.has(k))));
        },
      },
    },
  };
}

function stringItems(v: GoValue): string[] {
  if (typeof v === 'object' && v !== null && v.kind === 'slice') return v.items.map((i) => (typeof i === 'string' ? i : ''));
  throw new Error('wrong type for value; expected []string');
}

function alert(a: NotificationAlert): GoStruct {
  return {
    kind: 'struct',
    type: 'template.Alert',
    fields: {
      Status: a.status,
      Labels: kv(a.labels),
      Annotations: kv(a.annotations),
      StartsAt: goTime(a.startsAt),
      EndsAt: goTime(a.endsAt),
      GeneratorURL: a.generatorURL,
      Fingerprint: a.fingerprint,
    },
  };
}

export function alertList(list: NotificationAlert[]): GoSlice {
  return {
    kind: 'slice',
    type: 'template.Alerts',
    items: list.map(alert),
    methods: {
      Firing: { arity: 0, call: () => alertList(list.filter((a) => a.status === 'firing')) },
      Resolved: { arity: 0, call: () => alertList(list.filter((a) => a.status === 'resolved')) },
    },
  };
}

/** Go's regexp.QuoteMeta: Alertmanager puts the receiver's name into the data quoted this way. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

export function templateData(d: NotificationData): GoStruct {
  return {
    kind: 'struct',
    type: '*template.Data',
    fields: {
      Receiver: quoteMeta(d.receiver),
      Status: d.status,
      Alerts: alertList(d.alerts),
      GroupLabels: kv(d.groupLabels),
      CommonLabels: kv(d.commonLabels),
      CommonAnnotations: kv(d.commonAnnotations),
      ExternalURL: d.externalURL,
    },
  };
}
