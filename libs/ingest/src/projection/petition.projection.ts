import type { EntityManager } from 'typeorm';
import type { Envelope, Petition } from '@zhijian/contracts';
import { PetitionRepository, type PetitionRow } from '../repositories/petition.repository';
import { unique, type BatchSubjects, type FeedProjection, type SubjectIds, type Touched } from './projection';

type Collected = Omit<PetitionRow, 'subjectId'> & { subjectKey: string | null };

/**
 * procuratorate.petition: kept whether or not the case it names is known yet (a case filed
 * later finds it by case number). The named case is screened, and so are the cases where
 * the named party is a respondent.
 */
export class PetitionProjection implements FeedProjection {
  private readonly petitions = new PetitionRepository();
  private readonly rows: Collected[] = [];

  constructor(private readonly subjects: BatchSubjects) {}

  add(envelope: Envelope, rawEventId: string): void {
    const e = envelope.payload as unknown as Petition;
    // A party without an identifier is the same subject as the case's party of that name.
    const context = e.caseNo ?? `petition:${envelope.source}:${envelope.eventId}`;
    this.rows.push({
      rawEventId,
      kind: e.kind,
      caseNo: e.caseNo ?? null,
      subjectKey: e.subject ? this.subjects.add(e.subject, context) : null,
      receivedOn: e.receivedOn,
      channel: e.channel,
      summary: e.summary,
    });
  }

  async write(m: EntityManager, ids: SubjectIds): Promise<Touched> {
    await this.petitions.insertPetitions(
      m,
      this.rows.map(({ subjectKey, ...r }) => ({ ...r, subjectId: subjectKey ? ids(subjectKey) : null })),
    );
    return {
      cases: unique(this.rows.flatMap((r) => (r.caseNo ? [r.caseNo] : []))),
      subjects: unique(this.rows.flatMap((r) => (r.subjectKey ? [ids(r.subjectKey)] : []))),
    };
  }
}
