import type { EntityManager } from 'typeorm';
import { lockKeys } from '@zhijian/persistence';

/**
 * The cases that control these assets (asset_controls, by kind and normalized id). A registry
 * fact about an asset concerns them even when its owner is no party of theirs: a flat sealed in
 * a case and registered to a stranger is a third party's property (third_party_property_seized),
 * which the case's screening sees only once the registry fact is stored. Queued with the fact,
 * the case is judged again whichever arrived first; otherwise the lead depended on the registry's
 * partition being read before the court's (with several ingest processes, or after a restart,
 * it was sometimes not).
 */
export async function casesControllingAssets(
  m: EntityManager,
  kind: 'realestate' | 'vehicle',
  assetIds: string[],
): Promise<string[]> {
  if (!assetIds.length) return [];
  const rows: { caseNo: string }[] = await m.query(
    `select distinct case_no as "caseNo" from asset_controls where asset_kind = $1 and asset_id = any($2::text[])`,
    [kind, assetIds],
  );
  return rows.map((r) => r.caseNo);
}

/**
 * Takes the registry projections' advisory locks (namespaces `realestate`, `vehicle`, see
 * lockKeys) on the assets a court batch controls, before storing the controls: a registry batch
 * of the same asset committing meanwhile then either sees the control (and queues the case) or
 * has committed before the case's batch, whose screening then sees its fact. Without it, both in
 * flight at once could each miss the other.
 */
export async function lockControlledAssets(
  m: EntityManager,
  controls: { assetKind: string; assetId: string }[],
): Promise<void> {
  const of = (kind: string) => [
    ...new Set(controls.filter((c) => c.assetKind === kind).map((c) => c.assetId)),
  ];
  await lockKeys(m, 'realestate', of('realestate'));
  await lockKeys(m, 'vehicle', of('vehicle'));
}
