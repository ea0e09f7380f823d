// Abandoned calls: the Predictive dialer's settings as the editor shows them, and the abandon rates
// (fractions of live-answered calls) the stats and the dashboard compare with a campaign's target.
// See docs/predictive-dialing.md.

/** The US rule's cap, and the target of every campaign that does not set one of its own. */
export const defaultTarget = 0.03;

/** The API's defaults for a Predictive campaign's settings (a null "predictive" means these). */
export const predictiveDefaults = Object.freeze({
  targetAbandonRate: defaultTarget,
  evaluationWindowMinutes: 15,
  maxRatio: 5,
  minAgents: 3,
  warmUpAttempts: 30,
});

// Percent ↔ fraction without binary noise: 0.035 * 100 is 3.5000000000000004, 3.3 / 100 must be 0.033.
const clean = (value) => Number.parseFloat(value.toPrecision(12));
export const toPercent = (fraction) => (fraction == null ? null : clean(fraction * 100));
export const toFraction = (percentValue) => (percentValue == null ? null : clean(percentValue / 100));

/** The target a campaign's definition aims under: its own when Predictive and set, else 3 %. */
export function targetOf(definition) {
  if (definition?.dialerType !== 'Predictive') return defaultTarget;
  return definition.predictive?.targetAbandonRate ?? defaultTarget;
}

/** A target as set: 0.025 → "2.5 %", 0.03 → "3 %". */
export const targetText = (target) => `${toPercent(target)} %`;

/** 0.021 → "2.1 %"; a missing rate (an older server) → "—". */
export function ratePercent(fraction, digits = 1) {
  return fraction == null ? '—' : `${(fraction * 100).toFixed(digits)} %`;
}

/** Whether a rate runs over the target (equal is within it, as "at most 3 %" reads). */
export const overTarget = (fraction, target) => fraction != null && fraction > target;
