import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { describeWithTool } from '../../helpers/require-tool.js';
import { rRpact } from '../../helpers/r-rpact.js';
import { groupSequentialDesign } from '../../../src/statistics/sequential/design.js';
import { lookBoundary } from '../../../src/statistics/sequential/look-boundary.js';
import { stagewiseAdjustedP, stagewiseEstimate } from '../../../src/statistics/sequential/stagewise-inference.js';
import { binomialCharacteristics, binomialDesign } from '../../../src/statistics/sequential/binomial-design.js';
import { sequentialBinomialInterval } from '../../../src/statistics/sequential/binomial-interval.js';
import { futilityDesign } from '../../../src/statistics/sequential/futility-bounds.js';

/** Run an R expression and parse the numbers it cats (space separated). */
function r(code: string): number[] {
  return execFileSync('Rscript', ['-e', code], { encoding: 'utf8', timeout: 60_000 }).trim().split(/\s+/).map(Number);
}
const fmt = (x: number) => x.toPrecision(17);

describeWithTool(rRpact, 'sequential inference and recomputed boundaries against R', () => {
  const design = groupSequentialDesign({
    informationRates: [0.25, 0.5, 0.75, 1],
    alpha: 0.05,
    sided: 2,
    spending: { kind: 'obrien-fleming' },
  });

  it('recomputes look 2 from its actual information as rpact does for those rates', () => {
    // A seed failed: look 2 had 45% of the planned information instead of 50%.
    // rpact: getDesignGroupSequential(kMax = 4, alpha = 0.05, sided = 2, typeOfDesign = "asOF",
    //   informationRates = c(0.25, 0.45, 0.75, 1))$criticalValues[2] (a boundary depends only on the looks so far)
    const b = lookBoundary(design, [0.25, 0.45], false);
    const [c2] = r(
      'suppressMessages(library(rpact)); cat(sprintf("%.15g", getDesignGroupSequential(kMax = 4, alpha = 0.05, sided = 2, ' +
        'typeOfDesign = "asOF", informationRates = c(0.25, 0.45, 0.75, 1))$criticalValues[2]))',
    );
    expect(b.recomputed).toBe(true);
    expect(Math.abs(b.efficacyZ - c2!)).toBeLessThan(1e-6);
  });

  // Two looks at t = 0.5, 1: the stage-wise probability of an outcome above (look 2, z) is
  //   P(Z1 ≥ c1) + P(|Z1| < c1, Z2 ≥ z), with Corr(Z1, Z2) = √0.5, integrated by R's QUADPACK:
  //   pnorm(c1 - d*sqrt(t1), lower.tail = FALSE) +
  //   integrate(function(x) dnorm(x - d*sqrt(t1)) * pnorm((z - d - rho*(x - d*sqrt(t1)))/sqrt(1 - rho^2),
  //     lower.tail = FALSE), -c1, c1)$value
  const two = groupSequentialDesign({
    informationRates: [0.5, 1],
    alpha: 0.05,
    sided: 2,
    spending: { kind: 'obrien-fleming' },
  });
  const c1 = two.criticalValues[0]!;
  const c2 = two.criticalValues[1]!;
  const rUpper = (z: number, drift: number) =>
    r(
      `c1 <- ${fmt(c1)}; z <- ${fmt(z)}; d <- ${fmt(drift)}; t1 <- 0.5; rho <- sqrt(0.5); ` +
        'p <- pnorm(c1 - d*sqrt(t1), lower.tail = FALSE) + integrate(function(x) dnorm(x - d*sqrt(t1)) * ' +
        'pnorm((z - d - rho*(x - d*sqrt(t1)))/sqrt(1 - rho^2), lower.tail = FALSE), -c1, c1, rel.tol = 1e-12)$value; ' +
        'cat(sprintf("%.15g", p))',
    )[0]!;

  it('adjusted p after reaching the last look equals the bivariate-normal integral', () => {
    const s = { efficacyZ: [c1, c2], fractions: [0.5, 1], z: 2.3 };
    expect(Math.abs(stagewiseAdjustedP(s) - 2 * rUpper(2.3, 0))).toBeLessThan(1e-6);
    // A negative difference gives the same two-sided p.
    expect(Math.abs(stagewiseAdjustedP({ ...s, z: -2.3 }) - 2 * rUpper(2.3, 0))).toBeLessThan(1e-6);
  });

  it('adjusted p after stopping at look 1 is the first look’s own tail (R: 2 * pnorm(3.1, lower.tail = FALSE))', () => {
    const [p] = r('cat(sprintf("%.15g", 2 * pnorm(3.1, lower.tail = FALSE)))');
    expect(Math.abs(stagewiseAdjustedP({ efficacyZ: [c1], fractions: [0.5], z: 3.1 }) - p!)).toBeLessThan(1e-9);
  });

  it('the median-unbiased estimate and interval put 0.5 and 0.025/0.975 of the ordering above the outcome', () => {
    const s = { efficacyZ: [c1, c2], fractions: [0.5, 1], z: 2.3 };
    const se = 0.05;
    const est = stagewiseEstimate(s, { diff: 2.3 * se, se, df: Infinity });
    // Difference → drift: θ = diff / (se·√t_k), t_k = 1.
    expect(Math.abs(rUpper(2.3, est.estimate / se) - 0.5)).toBeLessThan(1e-6);
    expect(Math.abs(rUpper(2.3, est.interval.low / se) - 0.025)).toBeLessThan(1e-6);
    expect(Math.abs(rUpper(2.3, est.interval.high / se) - 0.975)).toBeLessThan(1e-6);
  });
});

describeWithTool(rRpact, 'binomial reproduce designs against exact enumeration in R (dbinom)', () => {
  const looks = [2, 4, 6, 8, 10, 12, 14, 16, 18, 20];
  const design = binomialDesign({ looks, p0: 0.5, p1: 0.1, alpha: 0.05, beta: 0.05 });
  const bounds = design.looks;
  const rLooks = `n <- c(${bounds.map((l) => l.runs).join(',')}); lo <- c(${bounds
    .map((l) => l.notReproducibleAtMost)
    .join(',')}); hi <- c(${bounds.map((l) => l.reproducibleAtLeast).join(',')}); `;
  // R enumerates every path of hit counts look by look with dbinom(increment, runs in the look, q):
  const rEnumerate =
    'enumerate <- function(q) { d <- c(1); prev <- 0; nr <- 0; rep <- 0; en <- 0; ' +
    'for (k in seq_along(n)) { m <- n[k] - prev; nd <- numeric(n[k] + 1); ' +
    'for (s in seq_along(d) - 1) for (j in 0:m) nd[s + j + 1] <- nd[s + j + 1] + d[s + 1] * dbinom(j, m, q); ' +
    'x <- 0:n[k]; a <- sum(nd[x <= lo[k]]); b <- sum(nd[x >= hi[k]]); nr <- nr + a; rep <- rep + b; ' +
    'en <- en + (a + b) * n[k]; nd[x <= lo[k] | x >= hi[k]] <- 0; d <- nd; prev <- n[k] }; c(nr, rep, en) }; ';

  it('error rates and expected runs equal the enumeration at q = 0, 0.1, 0.3, 0.5', () => {
    const qs = [0, 0.1, 0.3, 0.5];
    const out = r(rLooks + rEnumerate + `cat(sprintf("%.15g", unlist(lapply(c(${qs.join(',')}), enumerate))))`);
    qs.forEach((q, i) => {
      const c = binomialCharacteristics(bounds, q);
      expect(Math.abs(c.notReproducible - out[3 * i]!)).toBeLessThan(1e-12);
      expect(Math.abs(c.reproducible - out[3 * i + 1]!)).toBeLessThan(1e-12);
      expect(Math.abs(c.expectedRuns - out[3 * i + 2]!)).toBeLessThan(1e-10);
    });
    expect(design.alphaAttained).toBeLessThanOrEqual(0.05);
    expect(design.betaAttained).toBeLessThanOrEqual(0.05);
    expect(Math.abs(design.alphaAttained - out[3 * 3]!)).toBeLessThan(1e-12);
  });

  it('the design-adjusted interval after an early stop inverts the stage-wise ordering (R enumeration + uniroot)', () => {
    // Stopped "not reproducible" at the 8-run look with 1 hit. R computes, for each q, the probability of an outcome
    // at least as high under stage-wise ordering by enumerating the looks with dbinom, and solves
    // uniroot(function(q) P(q) - 0.025, c(1e-9, 1 - 1e-9), tol = 1e-12) (and 0.975 for the upper limit, via ≤).
    const k = bounds.findIndex((l) => l.runs === 8);
    expect(bounds[k]!.notReproducibleAtMost).toBeGreaterThanOrEqual(1);
    const ci = sequentialBinomialInterval(bounds, k, 1);
    const code =
      rLooks +
      `K <- ${k + 1}; obs <- 1; ` +
      'atLeast <- function(q) { d <- c(1); prev <- 0; p <- 0; ' +
      'for (j in 1:K) { m <- n[j] - prev; nd <- numeric(n[j] + 1); ' +
      'for (s in seq_along(d) - 1) for (i in 0:m) nd[s + i + 1] <- nd[s + i + 1] + d[s + 1] * dbinom(i, m, q); ' +
      'x <- 0:n[j]; if (j < K) { p <- p + sum(nd[x >= hi[j]]); nd[x <= lo[j] | x >= hi[j]] <- 0 } ' +
      'else { stop <- x <= lo[j] | x >= hi[j]; p <- p + sum(nd[stop & x >= obs]) + sum(nd[!stop]) }; ' +
      'd <- nd; prev <- n[j] }; p }; ' +
      'atMost <- function(q) { d <- c(1); prev <- 0; for (j in 1:K) { m <- n[j] - prev; nd <- numeric(n[j] + 1); ' +
      'for (s in seq_along(d) - 1) for (i in 0:m) nd[s + i + 1] <- nd[s + i + 1] + d[s + 1] * dbinom(i, m, q); ' +
      'x <- 0:n[j]; if (j < K) nd[x <= lo[j] | x >= hi[j]] <- 0; d <- nd; prev <- n[j] }; 1 - atLeast(q) + d[obs + 1] }; ' +
      'lo95 <- uniroot(function(q) atLeast(q) - 0.025, c(1e-9, 1 - 1e-9), tol = 1e-12)$root; ' +
      'hi95 <- uniroot(function(q) atMost(q) - 0.025, c(1e-9, 1 - 1e-9), tol = 1e-12)$root; ' +
      'cat(sprintf("%.15g", c(lo95, hi95)))';
    const [lo, hi] = r(code);
    expect(Math.abs(ci.low - lo!)).toBeLessThan(1e-6);
    expect(Math.abs(ci.high - hi!)).toBeLessThan(1e-6);
  });

  it('with one look the interval is Clopper–Pearson (R: qbeta(0.025, 7, 14), qbeta(0.975, 8, 13))', () => {
    const ci = sequentialBinomialInterval([{ runs: 20, notReproducibleAtMost: -1, reproducibleAtLeast: 0 }], 0, 7);
    const [lo, hi] = r('cat(sprintf("%.15g", c(qbeta(0.025, 7, 14), qbeta(0.975, 8, 13))))');
    expect(Math.abs(ci.low - lo!)).toBeLessThan(1e-8);
    expect(Math.abs(ci.high - hi!)).toBeLessThan(1e-8);
  });
});

describeWithTool(rRpact, 'one-sided β-spending futility against rpact', () => {
  it('futility bounds, β spent and drift equal rpact sided = 1 for the same efficacy boundaries', () => {
    // rpact: d <- getDesignGroupSequential(kMax = 4, alpha = 0.025, beta = 0.1, sided = 1, typeOfDesign = "asOF",
    //   typeBetaSpending = "bsOF", bindingFutility = FALSE); d$criticalValues, d$futilityBounds, d$betaSpent
    const out = r(
      'suppressMessages(library(rpact)); d <- suppressWarnings(getDesignGroupSequential(kMax = 4, alpha = 0.025, ' +
        'beta = 0.1, sided = 1, typeOfDesign = "asOF", typeBetaSpending = "bsOF", bindingFutility = FALSE)); ' +
        'cat(sprintf("%.15g", c(d$criticalValues, d$futilityBounds, d$betaSpent)))',
    );
    const c = out.slice(0, 4);
    const t = [0.25, 0.5, 0.75, 1];
    const fut = futilityDesign(t, c, { beta: 0.1, spending: { kind: 'obrien-fleming' } }, 1);
    fut.futilityBounds.slice(0, 3).forEach((f, i) => expect(Math.abs(f - out[4 + i]!)).toBeLessThan(1e-6));
    fut.betaSpent.forEach((b, i) => expect(Math.abs(b - out[7 + i]!)).toBeLessThan(1e-6));
  });
});
