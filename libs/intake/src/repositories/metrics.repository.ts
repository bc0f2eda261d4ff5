import type { EntityManager } from 'typeorm';

type Queryable = Pick<EntityManager, 'query'>;

/** Counts behind /metrics and /v1/status, grouped by their labels: intake's read model of what was stored. */
export class MetricsRepository {
  async eventsByTopic(m: Queryable): Promise<{ topic: string; n: number }[]> {
    return m.query(`select topic, count(*)::int as n from raw_events group by topic order by topic`);
  }

  async rejectionsByReason(m: Queryable): Promise<{ reason: string; n: number }[]> {
    return m.query(`select reason, count(*)::int as n from quarantine group by reason order by reason`);
  }

  async rejectionsByTopicAndReason(m: Queryable): Promise<{ topic: string; reason: string; n: number }[]> {
    return m.query(`select topic, reason, count(*)::int as n from quarantine group by topic, reason`);
  }

  async leadsByModelAndStatus(m: Queryable): Promise<{ modelId: string; status: string; n: number }[]> {
    return m.query(`select model_id as "modelId", status, count(*)::int as n from leads group by 1, 2`);
  }
}
