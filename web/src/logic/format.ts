//! Formatting shared by the views: durations, token amounts, short account names.

/** A duration as people read it: `1h 02m`, `3m 05s`, `42s`. */
export function duration(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return `${h}h ${two(m)}m`;
  if (m > 0) return `${m}m ${two(s)}s`;
  return `${s}s`;
}

/** A token amount in whole tokens; `decimals` from the token's metadata. */
export function amount(units: bigint, decimals: number, symbol = ''): string {
  const scale = 10n ** BigInt(decimals);
  const whole = units / scale;
  const rest = units % scale;
  const fraction = decimals > 0 && rest > 0n ? '.' + rest.toString().padStart(decimals, '0').replace(/0+$/, '') : '';
  return `${whole}${fraction}${symbol ? ' ' + symbol : ''}`;
}

/** The first and last characters of an address, or its known name. */
export function who(address: string | null | undefined, names: Map<string, string> = new Map()): string {
  if (!address) return 'nobody';
  return names.get(address) ?? `${address.slice(0, 6)}…${address.slice(-4)}`;
}

/** A number from what `toJSON` gives for an integer: a number, a decimal or a `0x` string. */
export function big(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return BigInt(value);
  if (typeof value === 'string') return BigInt(value);
  throw new Error(`not an integer: ${JSON.stringify(value)}`);
}

/** `big` as a JavaScript number (timestamps, ids: far below 2^53). */
export function num(value: unknown): number {
  return Number(big(value));
}
