/** A value with every `${...}` replaced, or the property that could not be resolved. */
export type Interpolated = { value: string } | { unresolved: string; cycle: boolean };

const REFERENCE = /\$\{([^}]*)\}/g;

/**
 * Maven's `${name}` interpolation over one effective set of values. `lookup` gives a property's raw value
 * (which may itself refer to other properties); resolved properties are remembered, and a property that
 * refers back to itself is reported as a cycle instead of looping.
 */
export class Interpolator {
  private readonly resolved = new Map<string, Interpolated>();
  private readonly resolving = new Set<string>();

  constructor(private readonly lookup: (name: string) => string | undefined) {}

  interpolate(raw: string): Interpolated {
    if (!raw.includes('${')) return { value: raw };
    let failure: Interpolated | undefined;
    const value = raw.replace(REFERENCE, (reference, name: string) => {
      if (failure) return reference;
      const property = this.property(name);
      if ('value' in property) return property.value;
      failure = property;
      return reference;
    });
    return failure ?? { value };
  }

  private property(name: string): Interpolated {
    const known = this.resolved.get(name);
    if (known) return known;
    if (this.resolving.has(name)) return { unresolved: name, cycle: true };
    const raw = this.lookup(name);
    if (raw === undefined) return { unresolved: name, cycle: false };
    this.resolving.add(name);
    const result = this.interpolate(raw);
    this.resolving.delete(name);
    this.resolved.set(name, result);
    return result;
  }
}
