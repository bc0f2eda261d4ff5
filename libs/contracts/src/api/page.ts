/** A page of a list the API answers: its items, where it starts and how many it may hold. */
export interface Page<T> {
  items: T[];
  /** How many match the filters in all (the list as a whole, not this page). */
  total: number;
  limit: number;
  offset: number;
}

/** A page of a list that is not counted (GET /v1/leads, /v1/inbox). */
export type UncountedPage<T> = Omit<Page<T>, 'total'>;
