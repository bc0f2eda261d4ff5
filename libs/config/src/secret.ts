import { inspect } from 'node:util';

/**
 * A secret value (a key) in the configuration: it never shows in logs, `JSON.stringify`,
 * `console.log` or util.inspect; only `reveal()` gives its bytes, at the place that uses them.
 */
export class Secret {
  readonly #value: Buffer;

  constructor(value: Buffer) {
    this.#value = Buffer.from(value);
  }

  reveal(): Buffer {
    return this.#value;
  }

  toString(): string {
    return '[secret]';
  }

  toJSON(): string {
    return '[secret]';
  }

  [inspect.custom](): string {
    return '[secret]';
  }
}
