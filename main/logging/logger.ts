import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";

export type LogLevel = "info" | "warn" | "error";

export type Logger = {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
};

type LogSink = (line: string, level: LogLevel) => void;

const knownSecrets = new Set<string>();
const SECRET_PATTERNS = [
  /shp(at|ca|pa|ss)_[A-Za-z0-9]+/g,
  /\b(ck|cs)_[A-Za-z0-9]{8,}/g,
  /(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi,
  /(access_token|client_secret|consumer_secret|ws_key|password)=([^&\s"]+)/gi,
];

let sink: LogSink = (line, level) => {
  if (process.env.CART_CUTOVER_QUIET === "1") return;
  (level === "info" ? process.stdout : process.stderr).write(`${line}\n`);
};

/** Registers a secret so that the logger replaces it wherever it appears. */
export function registerSecret(secret: string | null | undefined): void {
  if (secret && secret.length >= 6) knownSecrets.add(secret);
}

/** Replaces every registered secret and every token-shaped value with a mask. */
export function redact(text: string): string {
  let result = text;
  for (const secret of knownSecrets) result = result.split(secret).join("[redacted]");
  for (const pattern of SECRET_PATTERNS) {
    result = result.replace(pattern, (match, first: string) =>
      match.includes("=") ? `${first}=[redacted]` : "[redacted]",
    );
  }
  return result;
}

/** Sends every log line to stderr, so that stdout carries only a command's results. */
export function logToStderr(): void {
  sink = (line) => {
    if (process.env.CART_CUTOVER_QUIET === "1") return;
    process.stderr.write(`${line}\n`);
  };
}

/** Sends log lines to stderr and a daily file in the data folder as well. */
export function logToFolder(folder: string): void {
  mkdirSync(folder, { recursive: true });
  const console = sink;
  sink = (line, level) => {
    console(line, level);
    const day = new Date().toISOString().slice(0, 10);
    appendFileSync(join(folder, `cart-cutover-${day}.log`), `${line}\n`);
  };
}

/** Replaces the sink, for tests that read what was logged. */
export function setLogSink(next: LogSink): void {
  sink = next;
}

function formatFields(fields: Record<string, unknown> | undefined): string {
  if (!fields) return "";
  return Object.entries(fields)
    .map(([key, value]) => ` ${key}=${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join("");
}

/** Creates the logger of one subsystem; every line carries its "[name]" prefix. */
export function createLogger(subsystem: string): Logger {
  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    const line = `${new Date().toISOString()} ${level.toUpperCase()} [${subsystem}] ${message}${formatFields(fields)}`;
    sink(redact(line), level);
  };
  return {
    info: (message, fields) => write("info", message, fields),
    warn: (message, fields) => write("warn", message, fields),
    error: (message, fields) => write("error", message, fields),
  };
}
