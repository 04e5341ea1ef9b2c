import parseSpdxExpression from 'spdx-expression-parse';

/**
 * What a license string from a lockfile is, in SBOM terms: one SPDX license identifier, a compound SPDX
 * expression (`MIT OR Apache-2.0`, `GPL-2.0+`, `LicenseRef-x`), or free text that only names a license.
 */
export type LicenseKind =
  | { kind: 'id'; id: string }
  | { kind: 'expression'; expression: string }
  | { kind: 'name'; name: string };

export function classifyLicense(text: string): LicenseKind {
  const trimmed = text.trim();
  const tree = parse(trimmed);
  if (!tree) return { kind: 'name', name: trimmed };
  if ('license' in tree && !tree.plus && !tree.exception && !isLicenseRef(tree.license)) {
    return { kind: 'id', id: tree.license };
  }
  return { kind: 'expression', expression: trimmed };
}

/**
 * One SPDX expression for a component's licenses, or undefined when they cannot be stated as one without
 * inventing something: free text, or a `LicenseRef-` that the document would have to define. Several
 * licenses are joined with AND: the list does not say whether they are alternatives, and AND is the reading
 * that never under-states the obligations.
 */
export function spdxExpressionOf(licenses: readonly string[]): string | undefined {
  const parts: string[] = [];
  for (const license of licenses) {
    const trimmed = license.trim();
    const tree = parse(trimmed);
    if (!tree || mentionsLicenseRef(tree)) return undefined;
    parts.push(trimmed);
  }
  return parts.length === 0 ? undefined : andExpression(parts);
}

/** Valid SPDX expressions joined with AND (each compound one in parentheses); one is returned as it is. */
export function andExpression(expressions: readonly string[]): string {
  const parts = expressions.map((expression) => expression.trim());
  if (parts.length === 1) return parts[0] as string;
  return parts.map((part) => (isCompound(part) ? `(${part})` : part)).join(' AND ');
}

function parse(text: string): parseSpdxExpression.Node | undefined {
  if (text === '') return undefined;
  try {
    return parseSpdxExpression(text);
  } catch {
    return undefined;
  }
}

function isLicenseRef(license: string): boolean {
  return license.startsWith('LicenseRef-') || license.startsWith('DocumentRef-');
}

function mentionsLicenseRef(tree: parseSpdxExpression.Node): boolean {
  if ('license' in tree) return isLicenseRef(tree.license);
  return mentionsLicenseRef(tree.left) || mentionsLicenseRef(tree.right);
}

/** Whether an expression needs parentheses to be one operand of AND (it has a top-level operator). */
function isCompound(expression: string): boolean {
  const tree = parse(expression);
  return tree !== undefined && 'conjunction' in tree;
}
