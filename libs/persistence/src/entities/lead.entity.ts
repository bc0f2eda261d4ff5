import { Column, Entity, PrimaryColumn } from 'typeorm';

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

@Entity({ name: 'leads' })
export class LeadEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'model_id' }) modelId!: string;
  @Column('int', { name: 'model_version' }) modelVersion!: number;
  @Column('text', { name: 'dedup_key' }) dedupKey!: string;
  @Column('text', { name: 'case_no', nullable: true }) caseNo!: string | null;
  @Column('text', { name: 'unit_code' }) unitCode!: string;
  @Column('text') tier!: LeadTier;
  @Column('text') severity!: Severity;
  @Column('int') priority!: number;
  @Column('text') title!: string;
  @Column('text', { name: 'legal_basis' }) legalBasis!: string;
  @Column('text') statement!: string;
  @Column('jsonb') evidence!: LeadEvidence;
  @Column('text') status!: string;
  @Column('timestamptz', { name: 'as_of' }) asOf!: Date;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
