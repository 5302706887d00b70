/**
 * Query costs computed by Shopify's published rules: a scalar or enum costs
 * 0, an object 1, and a connection 2 plus `first` times the cost of one
 * node. An interface or union costs the largest of its inline fragments.
 * NOTE: lists without a `first` argument (taxLines, discountAllocations) are
 * counted as one object, and `pageInfo` as free; Shopify does not publish
 * either figure, so its own numbers may be somewhat higher.
 */

type Selection = {
  name: string;
  args: string;
  children: Selection[] | null;
  isFragment: boolean;
};

class SelectionReader {
  private position = 0;

  constructor(private readonly text: string) {}

  /** Reads the operation's top-level selection set, skipping the header and its variable list. */
  readDocument(): Selection[] {
    let depth = 0;
    while (this.position < this.text.length) {
      const char = this.text[this.position];
      if (char === "(") depth++;
      if (char === ")") depth--;
      if (char === "{" && depth === 0) return this.readSet();
      this.position++;
    }
    return [];
  }

  private skipSpace(): void {
    while (this.position < this.text.length && /[\s,]/.test(this.text[this.position]!)) this.position++;
  }

  private readName(): string {
    this.skipSpace();
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.position));
    if (!match) throw new Error(`The cost reader expected a name at ${this.position}`);
    this.position += match[0].length;
    return match[0];
  }

  private readArgs(): string {
    const start = this.position;
    let depth = 0;
    do {
      if (this.text[this.position] === "(") depth++;
      if (this.text[this.position] === ")") depth--;
      this.position++;
    } while (depth > 0 && this.position < this.text.length);
    return this.text.slice(start, this.position);
  }

  private readSet(): Selection[] {
    this.position++; // the opening brace
    const selections: Selection[] = [];
    for (;;) {
      this.skipSpace();
      if (this.position >= this.text.length) return selections;
      if (this.text[this.position] === "}") {
        this.position++;
        return selections;
      }
      if (this.text.startsWith("...", this.position)) {
        this.position += 3;
        this.readName(); // "on"
        const typeName = this.readName();
        this.skipSpace();
        selections.push({ name: typeName, args: "", children: this.readSet(), isFragment: true });
        continue;
      }
      let name = this.readName();
      this.skipSpace();
      if (this.text[this.position] === ":") {
        this.position++;
        name = this.readName();
        this.skipSpace();
      }
      const args = this.text[this.position] === "(" ? this.readArgs() : "";
      this.skipSpace();
      const children = this.text[this.position] === "{" ? this.readSet() : null;
      selections.push({ name, args, children, isFragment: false });
    }
  }
}

function firstArgument(args: string, variables: Record<string, unknown>): number | null {
  const match = /\bfirst\s*:\s*(\$\w+|\d+)/.exec(args);
  if (!match) return null;
  const value = match[1]!.startsWith("$") ? variables[match[1]!.slice(1)] : match[1];
  const count = Number(value);
  return Number.isFinite(count) ? count : null;
}

function setCost(selections: Selection[], variables: Record<string, unknown>): number {
  let fields = 0;
  let largestFragment = 0;
  for (const selection of selections) {
    if (selection.isFragment) {
      largestFragment = Math.max(largestFragment, setCost(selection.children ?? [], variables));
    } else {
      fields += fieldCost(selection, variables);
    }
  }
  return fields + largestFragment;
}

function fieldCost(selection: Selection, variables: Record<string, unknown>): number {
  if (!selection.children || selection.name === "pageInfo") return 0;
  const first = firstArgument(selection.args, variables);
  if (first === null) return 1 + setCost(selection.children, variables);

  const nodes = selection.children.find((child) => child.name === "nodes");
  const edgeNode = selection.children.find((child) => child.name === "edges")?.children?.find((child) => child.name === "node");
  const node = nodes ?? edgeNode;
  const perNode = 1 + setCost(node ? (node.children ?? []) : selection.children, variables);
  return 2 + first * perNode;
}

/** Returns the requested cost of a GraphQL document, as Shopify computes it before running the query. */
export function requestedQueryCost(query: string, variables: Record<string, unknown>): number {
  return setCost(new SelectionReader(query).readDocument(), variables);
}

/**
 * Returns the cost of what a response holds, by the same rules applied to
 * the objects actually returned: Shopify charges this after the query and
 * refunds the rest of the requested cost.
 */
export function actualQueryCost(data: unknown): number {
  if (Array.isArray(data)) return data.reduce((sum: number, item) => sum + actualQueryCost(item), 0);
  if (!data || typeof data !== "object") return 0;
  const entries = Object.entries(data as Record<string, unknown>).filter(([key]) => key !== "pageInfo");
  const children = entries.reduce((sum, [, value]) => sum + actualQueryCost(value), 0);
  const isConnection = "nodes" in data || "pageInfo" in data;
  return (isConnection ? 2 : 1) + children;
}
