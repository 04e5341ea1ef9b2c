import cvss from 'ae-cvss-calculator';
import type { Severity } from '../../core/severity.js';

/** OSV `severity[]` entry: the type names the scoring system, `score` holds its vector. */
export interface OsvSeverity {
  type: string;
  score: string;
}

export interface ScoredSeverity {
  severity: Severity;
  /** CVSS base score, when a vector gave one. */
  score?: number;
  vector?: string;
}

/**
 * The severity of an advisory: the highest CVSS base score among its v4.0 and v3.x vectors (computed by
 * ae-cvss-calculator, rated on CVSS's qualitative scale), else the record's own label (GitHub's
 * `database_specific.severity`: LOW, MODERATE, HIGH, CRITICAL), else medium: unknown is not harmless.
 */
export function scoreSeverity(entries: readonly OsvSeverity[], label?: string): ScoredSeverity {
  let best: ScoredSeverity | undefined;
  for (const entry of entries) {
    const score = baseScore(entry);
    if (score !== undefined && (best?.score === undefined || score > best.score)) {
      best = { severity: rating(score), score, vector: entry.score };
    }
  }
  return best ?? { severity: fromLabel(label) ?? 'medium' };
}

/** Scores by vector: advisories repeat a handful of vectors, and computing one is not free. */
const scoreCache = new Map<string, number | undefined>();

function baseScore(entry: OsvSeverity): number | undefined {
  const key = `${entry.type} ${entry.score}`;
  if (scoreCache.has(key)) return scoreCache.get(key);
  const score = computeBaseScore(entry);
  if (scoreCache.size < 10_000) scoreCache.set(key, score);
  return score;
}

function computeBaseScore(entry: OsvSeverity): number | undefined {
  try {
    if (entry.type === 'CVSS_V4' && entry.score.startsWith('CVSS:4.0/')) {
      return new cvss.Cvss4P0(entry.score).calculateScores().base;
    }
    if (entry.type === 'CVSS_V3' && entry.score.startsWith('CVSS:3.1/')) {
      return new cvss.Cvss3P1(entry.score).calculateScores().base;
    }
    if (entry.type === 'CVSS_V3' && entry.score.startsWith('CVSS:3.0/')) {
      return new cvss.Cvss3P0(entry.score).calculateScores().base;
    }
  } catch {
    // A malformed vector: the next entry, or the label, decides.
  }
  return undefined;
}

/** CVSS v3/v4 qualitative rating. */
export function rating(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}

function fromLabel(label: string | undefined): Severity | undefined {
  switch (label?.toUpperCase()) {
    case 'CRITICAL':
      return 'critical';
    case 'HIGH':
      return 'high';
    case 'MODERATE':
    case 'MEDIUM':
      return 'medium';
    case 'LOW':
      return 'low';
    default:
      return undefined;
  }
}
