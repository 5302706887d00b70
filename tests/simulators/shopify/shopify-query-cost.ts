/**
 * Query costs computed by Shopify's published rules: a scalar or enum costs
 * 0, an object 1, and a connection 2 plus `first` times the cost of one
 * node. An interface or union costs the largest of its inline fragments.
 * NOTE: lists without a `first` argument (taxLines, discountAllocations) are
 * counted as one object, a plain list with `first` (refunds) like a
 * connection, and `pageInfo` as free; Shopify does not publish these
 * figures, so its own numbers may be somewhat higher.
 */

/** One field or inline fragment of a query, as far as cost and the simulator's responses need it. */
export type Selection = {
  name: string;
  /** The alias the response uses for the field, or null when it has none. */
  alias: string | null;
  /** The argument list as written, brackets included, or "" when there is none. */
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
        selections.push({ name: typeName, alias: null, args: "", children: this.readSet(), isFragment: true });
        continue;
      }
      let name = this.readName();
      let alias: string | null = null;
      this.skipSpace();
      if (this.text[this.position] === ":") {
        this.position++;
        alias = name;
        name = this.readName();
        this.skipSpace();
      }
      const args = this.text[this.position] === "(" ? this.readArgs() : "";
      this.skipSpace();
      const children = this.text[this.position] === "{" ? this.readSet() : null;
      selections.push({ name, alias, args, children, isFragment: false });
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
  return 2 + first * (1 + setCost(nodeSelections(selection), variables));
}

// The connector sends the same few documents again and again; parsing each once keeps long listings fast.
const parsedDocuments = new Map<string, Selection[]>();

/** Returns the top-level selections of a GraphQL document. */
export function readSelections(query: string): Selection[] {
  let selections = parsedDocuments.get(query);
  if (!selections) {
    selections = new SelectionReader(query).readDocument();
    if (parsedDocuments.size > 100) parsedDocuments.clear();
    parsedDocuments.set(query, selections);
  }
  return selections;
}

/** Returns the requested cost of a GraphQL document, as Shopify computes it before running the query. */
export function requestedQueryCost(query: string, variables: Record<string, unknown>): number {
  return setCost(readSelections(query), variables);
}

/** Returns the selections inside the nodes of a connection, or the field's own ones for an object or a plain list. */
export function nodeSelections(selection: Selection): Selection[] {
  const children = selection.children ?? [];
  const nodes = children.find((child) => child.name === "nodes");
  const edgeNode = children.find((child) => child.name === "edges")?.children?.find((child) => child.name === "node");
  return (nodes ?? edgeNode)?.children ?? children;
}

type Json = Record<string, unknown>;

function returnedCost(selections: Selection[], value: Json): number {
  let fields = 0;
  let largestFragment = 0;
  for (const selection of selections) {
    if (selection.isFragment) {
      largestFragment = Math.max(largestFragment, returnedCost(selection.children ?? [], value));
    } else if (selection.children && selection.name !== "pageInfo") {
      fields += returnedFieldCost(selection, value[selection.alias ?? selection.name]);
    }
  }
  return fields + largestFragment;
}

function returnedFieldCost(selection: Selection, value: unknown): number {
  if (!value || typeof value !== "object") return 0;
  const inner = nodeSelections(selection);
  if (Array.isArray(value)) return value.reduce((sum: number, item: Json) => sum + 1 + returnedCost(inner, item), 0);
  const nodes = (value as { nodes?: unknown }).nodes;
  if (Array.isArray(nodes)) return 2 + nodes.reduce((sum: number, item: Json) => sum + 1 + returnedCost(inner, item), 0);
  return 1 + returnedCost(selection.children ?? [], value as Json);
}

/**
 * Returns the cost of what a response contains: the same rules applied to the
 * selected objects actually returned, so that fields the simulator sends
 * beyond the selection cost nothing. Shopify charges this after the query
 * and refunds the rest of the requested cost.
 */
export function actualQueryCost(query: string, data: Json): number {
  return returnedCost(readSelections(query), data);
}
