import type { BandKind } from '../report/band.js';

/**
 * The words for the band around the mean in the curve charts (report/band.ts), for titles,
 * captions and tooltips, so every chart names its band the same way.
 */
export function bandLabel(band: BandKind): string {
  return { minmax: 'min–max over seeds', sd: 'mean ± 1 sd of the seeds', se: 'mean ± 1 standard error' }[band];
}

/** The caption sentence for the band: what the shaded area shows. */
export function bandCaption(band: BandKind): string {
  return {
    minmax: 'Shaded band: lowest to highest seed at each step.',
    sd: 'Shaded band: mean ± one standard deviation of the seeds at each step (where a typical seed lies).',
    se: 'Shaded band: mean ± one standard error of the mean at each step (how precisely the mean is known).',
  }[band];
}
