const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

const RFC_2822 =
  /^(?:[A-Z][a-z]{2}, )?(\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2})(?::(\d{2}))? ([+-])(\d{2})(\d{2})$/;

/** Formats an instant as RFC 2822 in UTC, such as "Fri, 03 May 2024 08:15:22 +0000". */
export function formatRfc2822(instantMs: number): string {
  const date = new Date(instantMs);
  const pad = (value: number) => String(value).padStart(2, "0");
  const day = DAYS[date.getUTCDay()]!;
  const month = MONTHS[date.getUTCMonth()]!;
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return `${day}, ${pad(date.getUTCDate())} ${month} ${date.getUTCFullYear()} ${time} +0000`;
}

/**
 * Parses an RFC 2822 date with a numeric offset, as BigCommerce V2 writes
 * every date, to a UTC ISO instant. Returns null for an empty or unreadable
 * value; BigCommerce sends "" for dates that never happened.
 */
export function parseRfc2822(text: string | null | undefined): string | null {
  const match = RFC_2822.exec(text?.trim() ?? "");
  if (!match) return null;
  const [, day, monthName, year, hour, minute, second = "00", sign, offsetHours, offsetMinutes] = match;
  const month = MONTHS.indexOf(monthName!);
  if (month < 0) return null;
  const asIfUtc = Date.UTC(Number(year), month, Number(day), Number(hour), Number(minute), Number(second));
  const offsetMs = (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000;
  return new Date(sign === "+" ? asIfUtc - offsetMs : asIfUtc + offsetMs).toISOString();
}
