// The name this person uses for roles ("Take IC"). Kept per browser profile: the core knows the OS user
// of writes, but a person may want a display name such as "Alex (SRE)".
const key = 'oncall.incidents.myName';

export function loadMyName(fallback: string): string {
  try {
    return localStorage.getItem(key) ?? fallback;
  } catch {
    return fallback;
  }
}

export function saveMyName(name: string): void {
  try {
    localStorage.setItem(key, name);
  } catch {
    // Private windows may refuse storage; the name then lasts for this page only.
  }
}
