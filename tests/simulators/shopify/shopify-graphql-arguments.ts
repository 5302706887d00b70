/** A GraphQL request body. */
export type GraphqlRequest = { query: string; variables: Record<string, unknown> };

export function parseGraphqlBody(body: string): GraphqlRequest | null {
  try {
    const parsed = JSON.parse(body) as { query?: unknown; variables?: unknown };
    if (typeof parsed.query !== "string") return null;
    const variables = parsed.variables && typeof parsed.variables === "object" ? parsed.variables : {};
    return { query: parsed.query, variables: variables as Record<string, unknown> };
  } catch {
    return null;
  }
}

const ARGUMENT = /(\w+)\s*:\s*(\$\w+|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|\w+)/g;

function literal(text: string, variables: Record<string, unknown>): unknown {
  if (text.startsWith("$")) return variables[text.slice(1)];
  if (text.startsWith('"')) return JSON.parse(text) as string;
  if (/^-?\d/.test(text)) return Number(text);
  if (text === "true" || text === "false") return text === "true";
  if (text === "null") return null;
  return text;
}

/** Reads an argument list as written in a query, resolving variables. Enough GraphQL for the simulator: flat arguments only. */
export function parseArguments(text: string, variables: Record<string, unknown>): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [, name, value] of text.matchAll(ARGUMENT)) {
    if (name && value !== undefined) args[name] = literal(value, variables);
  }
  return args;
}

/** Reads the arguments of the first selection of `field`, resolving variables. */
export function readArguments(request: GraphqlRequest, field: string): Record<string, unknown> {
  const start = new RegExp(`\\b${field}\\s*\\(`).exec(request.query);
  if (!start) return {};
  const open = start.index + start[0].length;
  const close = request.query.indexOf(")", open);
  return parseArguments(request.query.slice(open, close < 0 ? undefined : close), request.variables);
}
