import type { EntityManager } from 'typeorm';

type Queryable = Pick<EntityManager, 'query'>;

/** Counts behind the Prometheus metrics, grouped by their labels. */
export class MetricsRepository {
  async eventsByTopic(m: Queryable): Promise<{ topic: string; n: number }[]> {
    return m.query(`select topic, count(*)::int as n from raw_events group by topic`);
  }

  async rejectionsByTopicAndReason(m: Queryable): Promise<{ topic: string; reason: string; n: number }[]> {
    return m.query(`select topic, reason, count(*)::int as n from quarantine group by topic, reason`);
  }

  async leadsByModelAndStatus(m: Queryable): Promise<{ modelId: string; status: string; n: number }[]> {
    return m.query(`select model_id as "modelId", status, count(*)::int as n from leads group by 1, 2`);
  }
}
