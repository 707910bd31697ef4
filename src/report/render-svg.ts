import { compile, type TopLevelSpec } from 'vega-lite';
import { parse, View } from 'vega';
import { existsSync } from 'node:fs';
import { renderAsync } from '@resvg/resvg-js';

/**
 * Charts to pictures without a browser: vega-lite compiles the spec, a headless vega View
 * renders it to an SVG string (text escaped by vega), and resvg rasterises that to PNG
 * (vega's own PNG path needs node-canvas, which this machine cannot build).
 */
export async function renderSvg(spec: TopLevelSpec, warnings: string[] = []): Promise<string> {
  const vgSpec = compile(spec, { logger: collectingLogger(warnings) }).spec;
  const view = new View(parse(vgSpec), { renderer: 'none', logLevel: 0 });
  view.logger(collectingLogger(warnings));
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Fonts the charts name (Arial, or its metric twin Liberation Sans), where this machine has them. */
const FONT_FILES = [
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  '/System/Library/Fonts/Supplemental/Arial.ttf',
  '/System/Library/Fonts/Supplemental/Arial Bold.ttf',
  '/Library/Fonts/Arial.ttf',
].filter((f) => existsSync(f));

/**
 * Rasterises an SVG for report.md (2× for sharpness; 1.5× for very large charts, whose many
 * translucent lines dominate report time), off the main thread so charts render in parallel.
 * Loads only the chart fonts when present; scanning every system font costs ~0.1 s per image.
 */
export async function svgToPng(svg: string): Promise<Uint8Array> {
  const image = await renderAsync(svg, {
    fitTo: { mode: 'zoom', value: svg.length > 100_000 ? 1.5 : 2 },
    background: 'white',
    font: FONT_FILES.length
      ? {
          loadSystemFonts: false,
          fontFiles: FONT_FILES,
          defaultFontFamily: 'Liberation Sans',
          sansSerifFamily: 'Liberation Sans',
        }
      : { loadSystemFonts: true, defaultFontFamily: 'Arial', sansSerifFamily: 'Arial' },
  });
  return image.asPng();
}

/** A vega/vega-lite logger that collects warnings instead of printing (no console outside cli/). */
export function collectingLogger(warnings: string[]) {
  let current = 2;
  const logger = {
    level(value?: number) {
      if (value === undefined) return current;
      current = value;
      return logger;
    },
    error: (...args: readonly unknown[]) => (warnings.push(`error: ${args.map(String).join(' ')}`), logger),
    warn: (...args: readonly unknown[]) => (warnings.push(args.map(String).join(' ')), logger),
    info: () => logger,
    debug: () => logger,
  };
  return logger as never;
}
