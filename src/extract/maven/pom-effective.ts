import { type Interpolated, Interpolator } from './pom-interpolation.js';
import type { PomModel, RawDependency } from './pom-model.js';
import { coordinatesOf, type ParentChain } from './pom-parents.js';

/** What a POM and its local parents give for resolving the POM's own dependency declarations. */
export interface EffectiveModel {
  interpolator: Interpolator;
  /** Managed entries by identity key (see `identityKey`), nearest declaration winning. */
  managed: Map<string, RawDependency>;
  /** Coordinates of imported BOMs anywhere in the chain: their managed versions are unknown here. */
  importedBoms: string[];
  /** The parent that could not be read locally, when the chain stops early. */
  unavailableParent?: ParentChain['unavailable'];
}

/** The declarations of a POM that Maven applies by default: its own, plus `activeByDefault` profiles'. */
export interface ActiveParts {
  properties: Map<string, string>;
  dependencies: RawDependency[];
  managed: RawDependency[];
}

export function activeParts(pom: PomModel): ActiveParts {
  const parts: ActiveParts = {
    properties: new Map(pom.properties),
    dependencies: [...pom.dependencies],
    managed: [...pom.managed],
  };
  for (const profile of pom.profiles) {
    if (!profile.activeByDefault) continue;
    for (const [name, value] of profile.properties) parts.properties.set(name, value);
    parts.dependencies.push(...profile.dependencies);
    parts.managed.push(...profile.managed);
  }
  return parts;
}

/** Maven's model values that POMs refer to in versions (`pom.` and bare names are old spellings). */
const MODEL_FIELDS = ['groupId', 'artifactId', 'version'] as const;

/**
 * Merges properties and dependencyManagement from the farthest parent to the POM itself (the nearer
 * wins, as in Maven's inheritance). Values are interpolated afterwards in the POM's context, so a
 * parent's `${project.version}` means the child's version, as in Maven.
 */
export function effectiveModel(pom: PomModel, chain: ParentChain): EffectiveModel {
  const layers = [...chain.ancestors].reverse().concat(pom).map(activeParts);
  const properties = new Map<string, string>();
  for (const layer of layers) for (const [name, value] of layer.properties) properties.set(name, value);

  const modelValues = new Map<string, string | undefined>([
    ['project.groupId', pom.groupId ?? pom.parent?.groupId],
    ['project.artifactId', pom.artifactId],
    ['project.version', pom.version ?? pom.parent?.version],
    ['project.parent.groupId', pom.parent?.groupId],
    ['project.parent.artifactId', pom.parent?.artifactId],
    ['project.parent.version', pom.parent?.version],
  ]);
  const interpolator = new Interpolator((name) => {
    const modelName = name.startsWith('pom.') ? `project.${name.slice('pom.'.length)}` : name;
    const modelValue = modelValues.get(modelName);
    if (modelValue !== undefined) return modelValue;
    const property = properties.get(name);
    if (property !== undefined) return property;
    return (MODEL_FIELDS as readonly string[]).includes(name) ? modelValues.get(`project.${name}`) : undefined;
  });

  const managed = new Map<string, RawDependency>();
  const importedBoms: string[] = [];
  for (const layer of layers) {
    for (const entry of layer.managed) {
      if (isBomImport(entry, interpolator)) {
        importedBoms.push(displayCoordinates(entry, interpolator, true));
        continue;
      }
      const key = identityKey(entry, interpolator);
      if (key !== undefined) managed.set(key, entry);
    }
  }
  return { interpolator, managed, importedBoms, unavailableParent: chain.unavailable };
}

export function isBomImport(entry: RawDependency, interpolator: Interpolator): boolean {
  return entry.scope !== undefined && valueOrRaw(interpolator.interpolate(entry.scope), entry.scope) === 'import';
}

/**
 * Maven's key for a dependency: `groupId:artifactId:type:classifier` (type `jar` by default). A later
 * declaration with the same key replaces an earlier one; management applies by this key.
 */
export function identityKey(entry: RawDependency, interpolator: Interpolator): string | undefined {
  const parts = [entry.groupId, entry.artifactId, entry.type ?? 'jar', entry.classifier ?? ''].map((part) =>
    part === undefined ? undefined : interpolator.interpolate(part),
  );
  if (parts.some((part) => part === undefined || !('value' in part))) return undefined;
  return parts.map((part) => (part as { value: string }).value).join(':');
}

/** `group:artifact` (with `:version` when asked) as far as it interpolates, for messages. */
export function displayCoordinates(entry: RawDependency, interpolator: Interpolator, withVersion = false): string {
  const show = (raw: string | undefined) =>
    raw === undefined ? undefined : valueOrRaw(interpolator.interpolate(raw), raw);
  return coordinatesOf(show(entry.groupId), show(entry.artifactId), withVersion ? show(entry.version) : undefined);
}

function valueOrRaw(interpolated: Interpolated, raw: string): string {
  return 'value' in interpolated ? interpolated.value : raw;
}
