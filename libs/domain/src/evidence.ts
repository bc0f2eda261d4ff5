/** What a lead shows staff: its evidence, tier and severity. Pure types. */

export type LeadTier = 'county' | 'city' | 'province';

export type Severity = 'high' | 'medium' | 'low';

export interface EvidenceItem {
  /**
   * What the fact is: a feed event, a registry fact derived from events, a petition
   * (procuratorate.petition event), or a record the hub keeps: the procuratorate's handling of
   * a lead (source `lead:<id>`: a 检察建议 served, the court's reply), a case counted in a class.
   */
  kind: 'event' | 'registry_fact' | 'petition' | 'record';
  source: string;
  eventId: string;
  /** Business date of the fact, YYYY-MM-DD. */
  on: string;
  summary: string;
  /**
   * Shown for context, not a ground of the violation (e.g. a restoration after the deadline):
   * it does not count as a new fact when a handled lead is looked at again.
   */
  context?: boolean;
}

export interface LeadEvidence {
  items: EvidenceItem[];
  /** People and organisations the lead is about; masked by the API. */
  parties: { role: string; kind: 'person' | 'org'; name: string; idNo?: string; uscc?: string }[];
  facts: Record<string, unknown>;
}
