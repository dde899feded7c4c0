/**
 * A growable byte buffer for building JSON responses without intermediate strings. Feed pages of
 * 5000 items are written straight into it: the hot generators (merchant_metrics) write digits and
 * pre-encoded constant pieces, so serving a page allocates almost nothing but the final copy.
 */
export class ByteWriter {
  private buf: Buffer;
  private readonly spare: Buffer[] = [];
  pos = 0;

  constructor(initialSize = 1 << 20) {
    this.buf = Buffer.allocUnsafe(initialSize);
  }

  reset(): void {
    this.pos = 0;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** Pre-encoded bytes (constant pieces of JSON). */
  bytes(b: Uint8Array): void {
    const n = b.length;
    this.ensure(n);
    if (n > 48) {
      this.buf.set(b, this.pos);
      this.pos += n;
      return;
    }
    const buf = this.buf; // short pieces: a plain loop beats TypedArray.set's call overhead
    let at = this.pos;
    for (let i = 0; i < n; i++) buf[at++] = b[i] as number;
    this.pos = at;
  }

  /** Any string, UTF-8 encoded. */
  utf8(s: string): void {
    this.ensure(s.length * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /** A non-negative or negative safe integer in decimal. */
  int(n: number): void {
    this.ensure(17);
    const buf = this.buf;
    if (n < 0) {
      buf[this.pos++] = 45; // '-'
      n = -n;
    }
    if (n < 10) {
      buf[this.pos++] = 48 + n;
      return;
    }
    let digits = 1;
    for (let t = n; t >= 10; t = Math.floor(t / 10)) digits++;
    let at = this.pos + digits - 1;
    this.pos += digits;
    while (n >= 10) {
      const q = Math.floor(n / 10);
      buf[at--] = 48 + (n - q * 10);
      n = q;
    }
    buf[at] = 48 + n;
  }

  /** An integer left-padded with zeros to `width` digits (ids like mer_0000042). */
  padded(n: number, width: number): void {
    this.ensure(width);
    const buf = this.buf;
    for (let at = this.pos + width - 1; at >= this.pos; at--) {
      const q = Math.floor(n / 10);
      buf[at] = 48 + (n - q * 10);
      n = q;
    }
    this.pos += width;
  }

  /**
   * A number with at most two decimals (k / 100), printed the way JSON.stringify prints it:
   * 4.5, 4.05, 5 (the shortest decimal of k / 100 has at most two decimals).
   */
  cents(x: number): void {
    const k = Math.round(x * 100);
    const whole = Math.floor(k / 100);
    const frac = k - whole * 100;
    this.int(whole);
    if (frac === 0) return;
    this.ensure(3);
    const buf = this.buf;
    buf[this.pos++] = 46; // '.'
    const tens = Math.floor(frac / 10);
    buf[this.pos++] = 48 + tens;
    if (frac - tens * 10 !== 0) buf[this.pos++] = 48 + (frac - tens * 10);
  }

  /** A single ASCII byte. */
  byte(c: number): void {
    this.ensure(1);
    this.buf[this.pos++] = c;
  }

  /** Repeats bytes already written (start..end) at the end. */
  repeat(start: number, end: number): void {
    this.ensure(end - start);
    this.buf.copy(this.buf, this.pos, start, end);
    this.pos += end - start;
  }

  /**
   * Hands over what was written without copying (a copy of 2 MB costs more than building the
   * page on a busy machine): the writer moves on to a spare buffer. Give the result back with
   * release() once it has been sent, so buffers are reused instead of faulted in afresh.
   */
  detach(): Buffer {
    const out = this.buf.subarray(0, this.pos);
    this.buf = this.spare.pop() ?? Buffer.allocUnsafe(this.buf.length);
    this.pos = 0;
    return out;
  }

  release(detached: Buffer): void {
    if (this.spare.length >= 4 || detached.byteOffset !== 0) return;
    const whole = Buffer.from(detached.buffer);
    if (whole.length >= this.buf.length) this.spare.push(whole);
  }

  /** A copy of what was written (the writer can be reused at once). */
  take(): Buffer {
    const out = Buffer.allocUnsafe(this.pos);
    this.buf.copy(out, 0, 0, this.pos);
    return out;
  }
}

export function ascii(text: string): Uint8Array {
  return Buffer.from(text, 'utf8');
}
