/**
 * Login attempts counted per address and per account (fixed one-minute windows), always on: a guess of
 * passwords for one account from many addresses, or for many accounts from one address, is slowed either way.
 * Per process; several processes each keep their own count.
 */
/**
 * `TRADECTL_LOGIN_LIMIT=<per address>,<per account>` attempts per minute (default 30,10). Always on: both must be
 * whole numbers of at least 1.
 */
export function loginLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): [number, number] {
  const v = env.TRADECTL_LOGIN_LIMIT;
  if (v === undefined || v === "") return [30, 10];
  const m = /^\s*(\d+)\s*,\s*(\d+)\s*$/.exec(v);
  const a = Number(m?.[1]);
  const b = Number(m?.[2]);
  if (!m || a < 1 || b < 1)
    throw new Error(
      `TRADECTL_LOGIN_LIMIT must be "<per address>,<per account>", each at least 1 (got "${v}")`,
    );
  return [a, b];
}

export class LoginLimiter {
  private readonly windows = new Map<string, { start: number; n: number }>();
  constructor(
    private readonly perAddress = loginLimitsFromEnv()[0],
    private readonly perAccount = loginLimitsFromEnv()[1],
    private readonly windowMs = 60_000,
  ) {}

  /** Count one attempt; the seconds to wait when over a limit, else 0. */
  take(address: string, account: string, now = Date.now()): number {
    if (this.windows.size > 100_000) this.windows.clear();
    let wait = 0;
    for (const [key, max] of [
      [`ip:${address}`, this.perAddress],
      [`account:${account.trim().toLowerCase()}`, this.perAccount],
    ] as const) {
      let w = this.windows.get(key);
      if (!w || now - w.start >= this.windowMs) this.windows.set(key, (w = { start: now, n: 0 }));
      w.n++;
      if (w.n > max) wait = Math.max(wait, Math.ceil((w.start + this.windowMs - now) / 1000));
    }
    return wait;
  }
}
