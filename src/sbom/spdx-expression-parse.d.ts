// The package ships no types; this declares the part paved uses (see its README for the tree shape).
declare module 'spdx-expression-parse' {
  namespace parseSpdxExpression {
    interface LicenseNode {
      license: string;
      plus?: true;
      exception?: string;
    }
    interface ConjunctionNode {
      left: Node;
      conjunction: 'and' | 'or';
      right: Node;
    }
    type Node = LicenseNode | ConjunctionNode;
  }
  /** Parses an SPDX license expression; throws on anything that is not one. */
  function parseSpdxExpression(source: string): parseSpdxExpression.Node;
  export = parseSpdxExpression;
}
