/** Symbols and terms that must not appear in a verdict's first sentence. */
export const STATISTICAL =
  /\bp\s*[=<>≤≥]|\bp-value|\bCI\b|\bPI\b|σ|μ|α|ρ|±|\bSD\b|\bSE\b|\bsd\b|\bd\s*=|\bt\s*=|\br\s*=|\bdf\b|Welch|Holm|Hedges|Mann|Whitney|Spearman|Pearson|McNemar|Clopper|bootstrap|percentile|interval|significan|confidence|P\(|95%|null hypothesis|quantile/i;
