/**
 * ANSI escape sequences (CSI such as SGR colours, and OSC such as hyperlinks). mlx-lm 0.32's rich
 * console forces truecolor output even into a pipe, so every log line is stripped before parsing.
 */
// eslint-disable-next-line no-control-regex -- ESC and BEL are exactly what the pattern must match
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

/** Removes ANSI escape sequences so the log parsers see the plain text mlx-lm meant to print. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}
