#!/usr/bin/env node
// Bench: do the sequential designs keep their promises on seed-study-like data? (issue 18)
// 20,000 simulated two-arm studies per scenario, per-seed scores = the mean of 27 prompts scored
// 0/0.5/1 (two sub-checks, each passed with the seed's p), looks at 5/10/15/20 seeds per arm,
// group-sequential Welch test with O'Brien–Fleming α-spending, two-sided α = 0.05, with and without
// a non-binding β-spending futility bound. Scenarios: "gaussian" (p_seed ~ N(0.6, 0.1)) and "bimodal"
// (a run works, p = 0.8, with probability π, else p = 0.4; π = 0.5 under no effect).
// The design effect d is the one for which 20 seeds per arm give the planned 90% power (normal
// theory); under it arm A's mean is shifted by d·σ (σ: the simulated per-seed sd; for bimodal π_A is
// raised until the mean difference over the pooled sd is d).
// Targets: type-I error ≤ 5.5%; power within 3 points of the plan; expected seeds ≤ 0.80× the fixed
// Welch design of the same planned power under the design effect, ≤ 0.65× under no effect with the
// default (one-sided: "A is not ahead") futility bound; the two-sided futility variant is reported.
// Reproduce (exact, and checked by 20,000 simulated studies): expected runs ≤ 10 when no run reaches
// the claim and when half do. Imports dist/ (run-all builds it; alone: `npx tsc -p tsconfig.build.json`).
// Prints JSON lines {"bench","metric","value","unit","target","pass"} on stdout.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const need = join(root, 'dist/statistics/sequential/compare-plan.js');
if (!existsSync(need)) {
  console.error('bench sequential: dist/ is missing; run `npx tsc -p tsconfig.build.json` first');
  process.exit(1);
}
const { comparePlan } = await import(need);
const { designCharacteristics } = await import(join(root, 'dist/statistics/sequential/design-characteristics.js'));
const { groupSequentialDesign } = await import(join(root, 'dist/statistics/sequential/design.js'));
const { welchLook } = await import(join(root, 'dist/statistics/sequential/welch-look.js'));
const { binomialCharacteristics } = await import(join(root, 'dist/statistics/sequential/binomial-design.js'));
const { reproducePlan } = await import(join(root, 'dist/statistics/sequential/reproduce-plan.js'));
const { seededRandom } = await import(join(root, 'dist/statistics/rng.js'));

const REPS = Number(process.env.SEQUENTIAL_BENCH_REPS ?? 20000);
const LOOKS = [5, 10, 15, 20];
const PROMPTS = 27;
const ALPHA = 0.05;
const POWER = 0.9;
const OBF = { kind: 'obrien-fleming' };
const rnd = seededRandom(18);

function gauss() {
  const u = 1 - rnd();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
}
/** One seed's score: mean of 27 prompts, each 0/0.5/1 as two sub-checks passed with probability p. */
function seedScore(p) {
  const q = Math.min(1, Math.max(0, p));
  let s = 0;
  for (let i = 0; i < PROMPTS; i++) s += ((rnd() < q) + (rnd() < q)) / 2;
  return s / PROMPTS;
}
const scenarios = {
  gaussian: (shift) => () => seedScore(0.6 + 0.1 * gauss() + shift),
  bimodal: (pi) => () => seedScore(rnd() < pi ? 0.8 : 0.4),
};
function moments(draw, n = 40000) {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    s += x;
    s2 += x * x;
  }
  return { mean: s / n, variance: (s2 - (s * s) / n) / (n - 1) };
}

// The design effect: 20 seeds per arm give 90% power (shift = drift² at 90% power for these looks).
const efficacyOnly = groupSequentialDesign({
  informationRates: LOOKS.map((n) => n / 20),
  alpha: ALPHA,
  sided: 2,
  spending: OBF,
});
const d = Math.sqrt(designCharacteristics(efficacyOnly, 1 - POWER).shift / 10);
const plans = {
  obf: comparePlan({ looks: LOOKS, alpha: ALPHA, spending: OBF, power: POWER, effectD: d }),
  'obf+futility': comparePlan({ looks: LOOKS, alpha: ALPHA, spending: OBF, power: POWER, effectD: d, futility: OBF }),
  'obf+two-sided-futility': comparePlan({
    looks: LOOKS,
    alpha: ALPHA,
    spending: OBF,
    power: POWER,
    effectD: d,
    futility: OBF,
    futilitySides: 2,
  }),
};
const fixedSeeds = plans.obf.effect.fixedSeedsPerArm;
console.error(`design effect d = ${d.toFixed(4)}; fixed Welch design of 90% power: ${fixedSeeds} seeds per arm`);

/** Simulate REPS studies of arms A and B and run every design (and naive peeking) on the same data. */
function simulate(drawA, drawB) {
  const out = Object.fromEntries([...Object.keys(plans), 'naive'].map((k) => [k, { reject: 0, seeds: 0 }]));
  for (let r = 0; r < REPS; r++) {
    const a = Array.from({ length: 20 }, drawA);
    const b = Array.from({ length: 20 }, drawB);
    const looks = LOOKS.map((n) => welchLook(a.slice(0, n), b.slice(0, n)));
    for (const [name, plan] of Object.entries(plans)) {
      let stopped = false;
      for (const [k, look] of plan.looks.entries()) {
        const w = looks[k];
        const z = w.status === 'ok' ? w.z : 0;
        const last = k === plan.looks.length - 1;
        const futile =
          look.futilityZ !== null &&
          (plan.design.futilitySides === 1 ? z < look.futilityZ : Math.abs(z) < look.futilityZ);
        if (Math.abs(z) >= look.efficacyZ) {
          out[name].reject += z > 0 ? 1 : 0;
          out[name].rejectAny = (out[name].rejectAny ?? 0) + 1;
        } else if (!last && !futile) continue;
        out[name].seeds += look.seedsPerArm;
        stopped = true;
        break;
      }
      if (!stopped) throw new Error('a study never stopped');
    }
    const naiveStop = looks.findIndex((w) => w.status === 'ok' && w.p <= ALPHA);
    if (naiveStop >= 0) out.naive.rejectAny = (out.naive.rejectAny ?? 0) + 1;
    out.naive.seeds += naiveStop >= 0 ? LOOKS[naiveStop] : 20;
  }
  return Object.fromEntries(
    Object.entries(out).map(([k, v]) => [
      k,
      { rejectUp: v.reject / REPS, rejectAny: (v.rejectAny ?? 0) / REPS, seeds: v.seeds / REPS },
    ]),
  );
}

const results = [];
function emit(metric, value, unit, target, pass, extra = {}) {
  const line = { bench: 'sequential', metric, value: Number(value.toFixed(4)), unit, target, pass, ...extra };
  results.push(line);
  console.log(JSON.stringify(line));
}

const started = Date.now();
for (const scenario of ['gaussian', 'bimodal']) {
  const null0 = scenario === 'gaussian' ? scenarios.gaussian(0) : scenarios.bimodal(0.5);
  const m0 = moments(null0);
  let effectDraw;
  if (scenario === 'gaussian') {
    effectDraw = scenarios.gaussian(d * Math.sqrt(m0.variance));
  } else {
    // Raise π_A until (mean_A − mean_B) / pooled sd = d.
    let lo = 0.5;
    let hi = 1;
    for (let i = 0; i < 30; i++) {
      const pi = (lo + hi) / 2;
      const diff = 0.4 * (pi - 0.5);
      const varA = 0.16 * pi * (1 - pi) + (m0.variance - 0.16 * 0.25);
      if (diff / Math.sqrt((varA + m0.variance) / 2) < d) lo = pi;
      else hi = pi;
    }
    console.error(`bimodal: π_A = ${lo.toFixed(3)} against π_B = 0.5`);
    effectDraw = scenarios.bimodal(lo);
  }
  const h0 = simulate(null0, null0);
  const h1 = simulate(effectDraw, null0);
  console.error(`${scenario}: σ = ${Math.sqrt(m0.variance).toFixed(4)}`, JSON.stringify({ h0, h1 }));
  for (const [name, plan] of Object.entries(plans)) {
    emit(`${scenario} ${name}: type-I error`, 100 * h0[name].rejectAny, '%', '≤ 5.5', h0[name].rejectAny <= 0.055);
    const gap = 100 * (h1[name].rejectUp - plan.effect.power);
    emit(`${scenario} ${name}: power − plan`, gap, 'points', '|·| ≤ 3', Math.abs(gap) <= 3, {
      power: Number((100 * h1[name].rejectUp).toFixed(2)),
      plan: Number((100 * plan.effect.power).toFixed(2)),
    });
    const ratio1 = h1[name].seeds / fixedSeeds;
    emit(`${scenario} ${name}: expected seeds at the design effect / fixed`, ratio1, '×', '≤ 0.80', ratio1 <= 0.8, {
      expectedSeeds: Number(h1[name].seeds.toFixed(2)),
      planned: Number(plan.effect.expectedSeedsDesignEffect.toFixed(2)),
      fixedSeeds,
    });
    const ratio0 = h0[name].seeds / fixedSeeds;
    // The ≤ 0.65 target is for the default (one-sided) futility bound; the two-sided one is reported.
    const withFutility = name === 'obf+futility';
    emit(
      `${scenario} ${name}: expected seeds with no effect / fixed`,
      ratio0,
      '×',
      withFutility ? '≤ 0.65' : 'report',
      withFutility ? ratio0 <= 0.65 : true,
      {
        expectedSeeds: Number(h0[name].seeds.toFixed(2)),
        planned: Number(plan.effect.expectedSeedsNoEffect.toFixed(2)),
      },
    );
  }
  emit(`${scenario} naive peeking (p ≤ 0.05 at any look): type-I error`, 100 * h0.naive.rejectAny, '%', 'report', true);
}

// Reproduce: p0 = 0.5 vs p1 = 0.1, α = β = 0.05, a look every 2 runs up to 20.
const rp = reproducePlan({ looks: [2, 4, 6, 8, 10, 12, 14, 16, 18, 20], p0: 0.5, p1: 0.1, alpha: 0.05, beta: 0.05 });
for (const q of [0, 0.5]) {
  const exact = binomialCharacteristics(rp.design.looks, q).expectedRuns;
  let runs = 0;
  for (let r = 0; r < REPS; r++) {
    let hits = 0;
    let done = 0;
    for (const look of rp.design.looks) {
      for (; done < look.runs; done++) hits += rnd() < q ? 1 : 0;
      if (hits <= look.notReproducibleAtMost || hits >= look.reproducibleAtLeast) break;
    }
    runs += done;
  }
  emit(`reproduce: expected runs when ${q * 100}% reach the claim (exact)`, exact, 'runs', '≤ 10', exact <= 10, {
    simulated: Number((runs / REPS).toFixed(2)),
    fixed: 20,
  });
}
emit('reproduce: exact α at p0 = 0.5', 100 * rp.design.alphaAttained, '%', '≤ 5', rp.design.alphaAttained <= 0.05);
emit('reproduce: exact β at p1 = 0.1', 100 * rp.design.betaAttained, '%', '≤ 5', rp.design.betaAttained <= 0.05);
console.error(`bench sequential: ${((Date.now() - started) / 1000).toFixed(1)} s for ${REPS} studies per scenario`);
