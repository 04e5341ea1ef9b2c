/** A dependency mix.exs declares, by app name; `devOnly` when its `only:` leaves out `:prod`. */
export interface DeclaredDependency {
  name: string;
  devOnly: boolean;
}

/** `{:name,` — how a dependency tuple starts in a deps list. */
const DEPENDENCY_TUPLE = /\{\s*:([a-z_][A-Za-z0-9_]*)\s*,/g;

/**
 * The dependencies a mix.exs declares. Approximate: mix.exs is Elixir code and is not evaluated; every
 * `{:name, ...}` tuple after `defp deps` (or in the whole file when there is no such function) is taken
 * for a dependency, and its `only:` option is read from the tuple's text. Deps built by code (a
 * variable, a conditional) can be missed.
 */
export function declaredDependencies(mixExs: string): Map<string, DeclaredDependency> {
  const start = /\bdefp?\s+deps\b/.exec(mixExs)?.index ?? 0;
  const declared = new Map<string, DeclaredDependency>();
  DEPENDENCY_TUPLE.lastIndex = start;
  for (let match = DEPENDENCY_TUPLE.exec(mixExs); match; match = DEPENDENCY_TUPLE.exec(mixExs)) {
    const name = match[1] as string;
    const tuple = mixExs.slice(match.index, closingBrace(mixExs, match.index));
    const devOnly = isDevOnly(tuple);
    // Declared twice (per environment): it is runtime if either declaration is.
    const seen = declared.get(name);
    declared.set(name, { name, devOnly: devOnly && (seen?.devOnly ?? true) });
  }
  return declared;
}

/** `only: :test` or `only: [:dev, :test]` without `:prod`. */
function isDevOnly(tuple: string): boolean {
  const only = /\bonly:\s*(\[[^\]]*\]|:\w+)/.exec(tuple);
  return only !== null && !/:prod\b/.test(only[1] as string);
}

/** Offset just past the `}` that closes the `{` at `open` (or the end of the text). */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let at = open; at < text.length; at++) {
    const char = text[at];
    if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) return at + 1;
    }
  }
  return text.length;
}
