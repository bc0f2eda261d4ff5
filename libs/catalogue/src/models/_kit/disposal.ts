import type { AssetRef } from '@zhijian/contracts';
import { cstStartOfDay } from '@zhijian/domain';
import { dateOf, type Deadlines } from './index';

/**
 * Helpers shared by the disposal models (group B). Kept in the group's folder: the framework
 * (kit.ts) has no notion of an asset's identity or of exact ratio comparisons.
 */

const KIND_TEXT: Record<AssetRef['kind'], string> = {
  realestate: '不动产',
  bank_account: '账户',
  vehicle: '车辆',
  equity: '股权',
  other: '财产',
};

/** Identity of an asset across events: kind and canonical id. */
export const assetKey = (ref: AssetRef | undefined): string => (ref ? `${ref.kind}:${ref.id}` : '');

/** 不动产单元号X, 车辆X, … for statements. */
export const assetText = (ref: AssetRef): string =>
  ref.kind === 'realestate' ? `不动产（单元号${ref.id}）` : `${KIND_TEXT[ref.kind] ?? '财产'}（${ref.id}）`;

const SCALE = 10_000;

/**
 * Whether `amountFen` < `ratio` × `baseFen`, exactly: the ratio is taken to 1/10,000 and the
 * products are compared as big integers (no float trap at exactly 70%, 80%, 50%).
 */
export function belowRatio(amountFen: number, baseFen: number, ratio: number): boolean {
  const r = BigInt(Math.round(ratio * SCALE));
  return BigInt(Math.round(amountFen)) * BigInt(SCALE) < BigInt(Math.round(baseFen)) * r;
}

/** A ratio as a percentage for statements: 0.7 → 70%. */
export const percentText = (ratio: number): string => `${Math.round(ratio * 10_000) / 100}%`;

/** `part` / `whole` as a percentage with two decimals, for statements and evidence facts. */
export const shareText = (partFen: number, wholeFen: number): string =>
  wholeFen > 0 ? `${(Math.floor((partFen * 10_000) / wholeFen) / 100).toFixed(2)}%` : '—';

/**
 * Whether an act dated `on` has happened as of the deadlines' instant; when it lies ahead
 * (business time behind the event's date), asks to be woken at the start of its day.
 */
export function hasHappened(deadlines: Deadlines, on: string): boolean {
  if (on <= dateOf(deadlines.asOf)) return true;
  deadlines.wakeAt(cstStartOfDay(on));
  return false;
}

/**
 * Events in business-date order, ties broken by their feed reference rather than by arrival:
 * statements and evidence do not depend on the order events came in.
 */
export function inOrder<T extends { fact: { on: string; ref: { source: string; eventId: string } } }>(
  items: T[],
): T[] {
  const key = (t: T) => `${t.fact.on}\u0000${t.fact.ref.source}\u0000${t.fact.ref.eventId}`;
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
