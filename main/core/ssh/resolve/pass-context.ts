// What one pass over ssh_config files is given. Kept apart from readconf.ts because match.ts needs
// it too, and readconf.ts imports match.ts: a type import back would make the two one circle.

/** The machine as ssh sees it; passed in so tests and Windows can supply their own. */
export interface LocalSystem {
  /** From the password database (getpwuid), not $HOME: ssh uses it for `~` and %d. */
  localUser: { name: string; home: string; uid: number };
  /** gethostname() */
  localHost: string;
  env: Readonly<Record<string, string | undefined>>;
  /** `Match exec`: true when the command exits 0. */
  exec(command: string): boolean;
  /** File text, or null when it does not exist. Throws a message when it may not be used (permissions). */
  readConfig(path: string): string | null;
  /** Sorted paths matching a glob (`~` already expanded). */
  glob(pattern: string): string[];
}

export interface PassContext {
  sys: LocalSystem;
  /** What `Host` lines match: the name as given on the first pass, the resolved one on the second. */
  host: string;
  originalHost: string;
  finalPass: boolean;
  wantFinal: { value: boolean };
}
