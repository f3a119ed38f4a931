/**
 * The fingerprint Prometheus and Alertmanager give a label set (FNV-1a 64 over the sorted
 * name/value pairs, each followed by the 0xff separator), so local alerts and alerts read from a
 * server deduplicate by the same key.
 */
const offset64 = 0xcbf29ce484222325n;
const prime64 = 0x100000001b3n;
const mask64 = 0xffffffffffffffffn;
const encoder = new TextEncoder();

export function fingerprint(labels: Record<string, string>): string {
  let hash = offset64;
  const add = (bytes: Uint8Array) => {
    for (const byte of bytes) hash = ((hash ^ BigInt(byte)) * prime64) & mask64;
  };
  const separator = new Uint8Array([0xff]);
  for (const name of Object.keys(labels).sort()) {
    add(encoder.encode(name));
    add(separator);
    add(encoder.encode(labels[name] ?? ''));
    add(separator);
  }
  return hash.toString(16).padStart(16, '0');
}
