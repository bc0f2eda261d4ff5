import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LeadEvidence, LeadTier, Severity } from '@zhijian/domain';

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
