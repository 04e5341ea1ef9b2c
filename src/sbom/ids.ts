import { createHash, randomUUID } from 'node:crypto';

/** paved's own UUID namespace for name-based (version 5) UUIDs; fixed forever so derived ids stay stable. */
const PAVED_UUID_NAMESPACE = '54ed79e7-d29d-4773-ad3d-66d6cb57198e';

/**
 * An RFC 4122 version 5 UUID of `content`: the same content always gives the same UUID, different
 * content (practically) never does. Reproducible SBOMs use it where a random serial would break identity.
 */
export function contentUuid(content: string): string {
  const namespace = Buffer.from(PAVED_UUID_NAMESPACE.replaceAll('-', ''), 'hex');
  const digest = createHash('sha1').update(namespace).update(content, 'utf8').digest();
  digest[6] = ((digest[6] as number) & 0x0f) | 0x50;
  digest[8] = ((digest[8] as number) & 0x3f) | 0x80;
  const hex = digest.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A random (version 4) UUID: a new one for every SBOM that is not reproducible. */
export function randomUuid(): string {
  return randomUUID();
}

/** ISO 8601 in whole seconds, UTC (`2024-05-01T12:00:00Z`): the form SPDX requires and CycloneDX accepts. */
export function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
