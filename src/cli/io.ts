/** How CLI commands talk to the terminal: injected so that tests capture output and feed standard input. */
export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdin: () => string;
}
