/** Why a declarative model or its predicate is refused; the message is Chinese, for the prosecutor who wrote it. */
export type RefusalCode =
  | 'schema'
  | 'parse'
  | 'not_select'
  | 'write'
  | 'table'
  | 'function'
  | 'parameter'
  | 'columns'
  | 'timeout'
  | 'row_limit'
  | 'permission'
  | 'runtime';

export class ModelRefusal extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'ModelRefusal';
  }
}
