/** One progress line on stderr, rewritten in place on a terminal, printed every 10% otherwise. */
export class Progress {
  private lastDecile = -1;
  private readonly started = Date.now();

  constructor(
    private readonly label: string,
    private readonly total: number,
  ) {}

  update(done: number): void {
    const pct = this.total ? Math.floor((done / this.total) * 100) : 100;
    const secs = (Date.now() - this.started) / 1000;
    const rate = secs > 0 ? Math.round(done / secs) : 0;
    const line = `${this.label}: ${done}/${this.total} (${pct}%, ${rate}/s)`;
    if (process.stderr.isTTY) {
      process.stderr.write(`\r${line}   `);
      if (done >= this.total) process.stderr.write('\n');
    } else if (Math.floor(pct / 10) > this.lastDecile || done >= this.total) {
      this.lastDecile = Math.floor(pct / 10);
      process.stderr.write(`${line}\n`);
    }
  }
}
