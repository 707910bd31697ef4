/**
 * How progress is drawn on this output: a redrawn, coloured block on a terminal, plain lines
 * otherwise (CI, pipes, Slurm logs), and no colour when NO_COLOR is set (https://no-color.org).
 */
export interface ProgressStyle {
  /** Redraw in place (a TTY). */
  live: boolean;
  color: boolean;
}

/** The style for a stream: live on a TTY; colour on a TTY unless NO_COLOR is set (to anything non-empty). */
export function progressStyle(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): ProgressStyle {
  const live = Boolean(stream.isTTY);
  const noColor = env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';
  return { live, color: live && !noColor };
}

const paint = (on: boolean, code: string, s: string) => (on && s !== '' ? `\x1b[${code}m${s}\x1b[0m` : s);

/**
 * A progress bar of `width` cells for a fraction in [0, 1]: `█████░░░░░` on a terminal (green
 * when coloured), `[#####.....]` in plain output, where block characters may not render.
 */
export function progressBar(fraction: number, width: number, style: ProgressStyle): string {
  const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  const full = Math.round(f * width);
  if (!style.live) return `[${'#'.repeat(full)}${'.'.repeat(width - full)}]`;
  return paint(style.color, '32', '█'.repeat(full)) + paint(style.color, '2', '░'.repeat(width - full));
}

/** A line drawn in the style's emphasis (bold when coloured). */
export function emphasis(s: string, style: ProgressStyle): string {
  return paint(style.color, '1', s);
}

/** Cuts a line to `width` visible characters, keeping colour codes whole (a wrapped live line breaks redraws). */
export function fitWidth(line: string, width: number): string {
  let out = '';
  let shown = 0;
  for (let i = 0; i < line.length; i++) {
    // eslint-disable-next-line no-control-regex
    const esc = /^\x1b\[[0-9;]*m/.exec(line.slice(i));
    if (esc) {
      out += esc[0];
      i += esc[0].length - 1;
      continue;
    }
    if (shown >= width) continue;
    out += line[i];
    shown++;
  }
  return out;
}
