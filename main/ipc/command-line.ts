import { resolve } from "node:path";

/**
 * Returns the value of `--name value` or `--name=value` in argv, or null
 * when the option is absent.
 */
export function optionValue(
  argv: readonly string[],
  name: string,
): string | null {
  const flag = `--${name}`;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] ?? "";
    if (argument.startsWith(`${flag}=`)) {
      return requireValue(flag, argument.slice(flag.length + 1));
    }
    if (argument === flag) {
      return requireValue(flag, argv[index + 1] ?? "");
    }
  }
  return null;
}

/**
 * Returns the data folder: the absolute form of --data-dir when it is given,
 * else `defaultDir`.
 */
export function resolveDataDir(
  argv: readonly string[],
  defaultDir: string,
): string {
  const dataDirOption = optionValue(argv, "data-dir");
  return dataDirOption === null ? defaultDir : resolve(dataDirOption);
}

function requireValue(flag: string, value: string): string {
  if (value === "" || value.startsWith("--")) {
    throw new Error(
      `The option ${flag} needs a value, for example ${flag}=VALUE.`,
    );
  }
  return value;
}
