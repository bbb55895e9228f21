/** Where a `pay` command prints: its standard output and standard error, a line at a time (the tests collect them). */
export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}
