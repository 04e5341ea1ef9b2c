import { InvalidArgumentError } from 'commander';
import { SCANNERS, type ScannerName } from '../scan/pipeline.js';

const SIZE = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?$/i;
const UNITS: Record<string, number> = {
  b: 1,
  k: 1024,
  kb: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
};

/** "10MB", "512k", "2g" or a plain byte count. */
export function parseSize(value: string): number {
  const match = SIZE.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected a size such as 10MB, 512KB or 1GB');
  return Math.round(Number(match[1]) * (UNITS[(match[2] ?? 'b').toLowerCase()] ?? 1));
}

export function parseScanners(value: string): ScannerName[] {
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(SCANNERS as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0) {
    throw new InvalidArgumentError(`unknown scanner "${unknown.join(', ')}"; available: ${SCANNERS.join(', ')}`);
  }
  return names as ScannerName[];
}

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}
