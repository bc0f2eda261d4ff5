import { Column, Entity, PrimaryColumn } from 'typeorm';

export type LeadTier = 'county' | 'city' | 'province';
export type Severity = 'high' | 'medium' | 'low';

export interface EvidenceItem {
  /** What the fact is: a feed event, or a registry fact derived from events. */
  kind: 'event' | 'registry_fact';
  source: string;
  eventId: string;
  /** Business date of the fact, YYYY-MM-DD. */
  on: string;
  summary: string;
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
