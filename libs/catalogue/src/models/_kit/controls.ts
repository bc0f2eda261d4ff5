import type { CaseEventFact } from '@zhijian/domain';
import { eventsOf, type Typed } from './index';

/**
 * Group A helper (not in the kit): the life of each asset control of a case — the control, its
 * renewals and releases by controlId — and the periods in which it is in force.
 */
export interface ControlTrack {
  control: Typed<'asset.controlled'>;
  /** Renewals in business-date order. */
  renewals: Typed<'asset.renewed'>[];
  /** Releases in business-date order (normally one). */
  releases: Typed<'asset.released'>[];
}

/** A stretch of days (inclusive) in which a control binds, absent a release. */
export interface ForcePeriod {
  from: string;
  /** Last day in force (the current expiresOn). */
  to: string;
  /** The renewals that extended this period in time (on or before the day it would have ended). */
  renewals: Typed<'asset.renewed'>[];
}

const byDate = <T extends { fact: CaseEventFact }>(a: T, b: T): number =>
  a.fact.on < b.fact.on ? -1 : a.fact.on > b.fact.on ? 1 : 0;

/** The case's controls with their renewals and releases (events whose control is unknown are left out). */
export function controlTracks(events: CaseEventFact[]): ControlTrack[] {
  const tracks = new Map<string, ControlTrack>();
  for (const c of eventsOf(events, 'asset.controlled')) {
    if (!tracks.has(c.p.controlId)) tracks.set(c.p.controlId, { control: c, renewals: [], releases: [] });
  }
  for (const r of eventsOf(events, 'asset.renewed')) tracks.get(r.p.controlId)?.renewals.push(r);
  for (const r of eventsOf(events, 'asset.released')) tracks.get(r.p.controlId)?.releases.push(r);
  for (const t of tracks.values()) {
    t.renewals.sort(byDate);
    t.releases.sort(byDate);
  }
  return [...tracks.values()].sort((a, b) => byDate(a.control, b.control));
}

/** The first release's date, if any. */
export const releasedOn = (t: ControlTrack): string | null => t.releases[0]?.p.releasedOn ?? null;

/**
 * The periods in force: from the control to its expiresOn, extended by every renewal made on or
 * before the current last day; a renewal made after the control lapsed starts a new period (a new
 * measure in effect). A release is not applied here.
 */
export function forcePeriods(t: ControlTrack): ForcePeriod[] {
  const periods: ForcePeriod[] = [];
  let current: ForcePeriod = { from: t.control.p.controlledOn, to: t.control.p.expiresOn, renewals: [] };
  for (const r of t.renewals) {
    if (r.p.renewedOn <= current.to) {
      if (r.p.expiresOn > current.to) current.to = r.p.expiresOn;
      current.renewals.push(r);
    } else {
      periods.push(current);
      current = { from: r.p.renewedOn, to: r.p.expiresOn, renewals: [r] };
    }
  }
  periods.push(current);
  return periods;
}

/** Whether the control binds on `date`: within a period in force and not released on or before it. */
export function inForceOn(t: ControlTrack, date: string): boolean {
  const released = releasedOn(t);
  if (released !== null && released <= date) return false;
  return forcePeriods(t).some((p) => p.from <= date && date <= p.to);
}

/** Kinds of asset that cannot be divided (查封规定 art. 19: 不可分物): a unit, a vehicle, an unnamed thing. */
export const INDIVISIBLE_KINDS: ReadonlySet<string> = new Set(['realestate', 'vehicle', 'other']);

/** The asset's key: kind and canonical id. */
export const assetKey = (t: ControlTrack): string =>
  `${t.control.p.assetRef.kind}:${t.control.p.assetRef.id}`;

const ASSET_KINDS: Record<string, string> = {
  realestate: '不动产',
  bank_account: '银行账户',
  vehicle: '车辆',
  equity: '股权',
  other: '财产',
};
const MEASURES: Record<string, string> = { seal: '查封', seize: '扣押', freeze: '冻结' };

/** 不动产U1, 银行账户6222…: an asset for statements. */
export const assetText = (kind: string, id: string): string => `${ASSET_KINDS[kind] ?? '财产'}${id}`;
export const measureText = (measure: string): string => MEASURES[measure] ?? measure;
