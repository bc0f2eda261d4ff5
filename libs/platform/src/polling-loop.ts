import type { LoggerService, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';

/**
 * Runs `tick` until stopped: again at once while it finds work, after `idleMs` when it
 * finds none, and with a growing pause after errors (a database restart must not spin).
 */
export class PollingLoop {
  private running = false;
  private done: Promise<void> = Promise.resolve();
  private wake: (() => void) | null = null;

  constructor(
    private readonly name: string,
    private readonly tick: () => Promise<number>,
    private readonly idleMs: number,
    private readonly logger: LoggerService,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.done = this.run();
  }

  /** Ends the wait of an idle loop so that new work is picked up at once. */
  nudge(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.nudge();
    await this.done;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      let pause = this.idleMs;
      try {
        const found = await this.tick();
        failures = 0;
        if (found > 0) pause = 0;
      } catch (e) {
        failures++;
        pause = Math.min(30_000, this.idleMs * 2 ** Math.min(failures, 8));
        this.logger.error(
          `${this.name} failed (${failures}x), retrying in ${pause} ms: ${(e as Error).message}`,
        );
      }
      if (pause > 0 && this.running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pause);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = null;
      }
    }
  }
}

/**
 * A Nest provider whose work is a PollingLoop: started when the application has
 * bootstrapped, stopped (the current tick finishing) when it shuts down.
 */
export abstract class PollingService implements OnApplicationBootstrap, OnModuleDestroy {
  private loop: PollingLoop | null = null;

  protected constructor(
    private readonly loopName: string,
    private readonly idleMs: number,
    private readonly loopLogger: LoggerService,
  ) {}

  /** One round of work; returns how much it found (0 = idle). */
  protected abstract tick(): Promise<number>;

  onApplicationBootstrap(): void {
    this.loop = new PollingLoop(this.loopName, () => this.tick(), this.idleMs, this.loopLogger);
    this.loop.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop?.stop();
  }
}
