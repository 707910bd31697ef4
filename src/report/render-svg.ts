import { compile, type TopLevelSpec } from 'vega-lite';
import { parse, View } from 'vega';
import { Resvg } from '@resvg/resvg-js';

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

/** Rasterises an SVG at 2× for sharp images in pull requests and notebooks. */
export function svgToPng(svg: string): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: 2 },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans', sansSerifFamily: 'Liberation Sans' },
  });
  return resvg.render().asPng();
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
